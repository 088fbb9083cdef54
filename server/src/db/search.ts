import { cast, col, fn, Op, where, type WhereOptions } from 'sequelize';

/** `%`, `_` and `\` in a search are literal characters, not LIKE patterns. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `column::text ILIKE '%text%'`: a jsonb column matches on any language's name. */
export function containsText(column: string | ReturnType<typeof fn>, text: string): WhereOptions {
  return where(cast(typeof column === 'string' ? col(column) : column, 'text'), { [Op.iLike]: `%${escapeLike(text)}%` });
}

/** `lower(column) = lower(value)`. */
export function equalsIgnoringCase(column: string, value: string): WhereOptions {
  return where(fn('lower', col(column)), value.toLowerCase());
}
