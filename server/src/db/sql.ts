import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/** Raw SQL with positional binds ($1, $2 …), returning rows. Hot paths use this; it is still Sequelize's pool and transactions. */
export async function rows<T extends object>(sequelize: Sequelize, sql: string, bind: unknown[] = [], transaction?: Transaction): Promise<T[]> {
  return sequelize.query<T>(sql, { bind, transaction, type: QueryTypes.SELECT, raw: true });
}

export async function one<T extends object>(sequelize: Sequelize, sql: string, bind: unknown[] = [], transaction?: Transaction): Promise<T | null> {
  const r = await rows<T>(sequelize, sql, bind, transaction);
  return r[0] ?? null;
}

export async function exec(sequelize: Sequelize, sql: string, bind: unknown[] = [], transaction?: Transaction): Promise<void> {
  await sequelize.query(sql, { bind, transaction, raw: true });
}
