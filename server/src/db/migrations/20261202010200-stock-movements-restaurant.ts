import type { MigrationFn } from '../migrator';

/** The inventory screen's ledger: a restaurant's movements, newest first, paged by id. */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query('CREATE INDEX stock_movements_restaurant ON stock_movements (restaurant_id, id);');
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query('DROP INDEX IF EXISTS stock_movements_restaurant;');
};
