import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** Named binds ($restaurantId, with `{ restaurantId }`) or positional ones ($1, $2 …). */
export type Bind = Record<string, unknown> | unknown[];

/** Raw SQL returning rows. Hot paths use this; it is still Sequelize's pool and transactions. */
export async function rows<T extends object>(sequelize: Sequelize, sql: string, bind: Bind = [], transaction?: Transaction): Promise<T[]> {
  return sequelize.query<T>(sql, { bind, transaction, type: QueryTypes.SELECT, raw: true });
}

export async function one<T extends object>(sequelize: Sequelize, sql: string, bind: Bind = [], transaction?: Transaction): Promise<T | null> {
  const r = await rows<T>(sequelize, sql, bind, transaction);
  return r[0] ?? null;
}

export async function exec(sequelize: Sequelize, sql: string, bind: Bind = [], transaction?: Transaction): Promise<void> {
  await sequelize.query(sql, { bind, transaction, raw: true });
}
