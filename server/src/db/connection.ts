import pg from 'pg';
import { DataTypes, Sequelize } from 'sequelize';
import { initModels } from '../models';

export function createSequelize(url: string, opts: { poolMax: number; log?: (sql: string) => void }): Sequelize {
  const sequelize = new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pg,
    logging: opts.log ?? false,
    benchmark: false,
    pool: { max: opts.poolMax, min: 0, idle: 10_000, acquire: 10_000 },
    dialectOptions: { application_name: 'dinewire', statement_timeout: 15_000 },
    define: { underscored: true, timestamps: false },
  });
  // numeric (stock, 3 decimals) arrives as a string by default; our quantities fit in a double.
  // Sequelize's postgres parser for numeric calls DECIMAL.parse, so that is where to change it.
  (DataTypes as unknown as { postgres: { DECIMAL: { parse: (v: string) => number } } }).postgres.DECIMAL.parse = Number;
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  // Each instance gets its own bound models (why: models/index.ts).
  initModels(sequelize);
  return sequelize;
}
