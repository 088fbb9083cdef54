import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

/**
 * Raw SQL for the measured hot paths (order placement, stock, event append and catch-up,
 * heartbeat); everything else uses the models. Still Sequelize's pool and transactions.
 *
 * Binds are named: `$restaurantId` in the SQL, `{ restaurantId }` in `bind`. A name says
 * which value goes where, and moving a clause does not renumber the others.
 */
export type Binds = Record<string, unknown>;

export async function rows<T extends object>(sequelize: Sequelize, sql: string, bind: Binds = {}, transaction?: Transaction): Promise<T[]> {
  return sequelize.query<T>(sql, { bind, transaction, type: QueryTypes.SELECT, raw: true });
}

export async function one<T extends object>(
  sequelize: Sequelize,
  sql: string,
  bind: Binds = {},
  transaction?: Transaction,
): Promise<T | null> {
  const r = await rows<T>(sequelize, sql, bind, transaction);
  return r[0] ?? null;
}

export async function exec(sequelize: Sequelize, sql: string, bind: Binds = {}, transaction?: Transaction): Promise<void> {
  await sequelize.query(sql, { bind, transaction, raw: true });
}
