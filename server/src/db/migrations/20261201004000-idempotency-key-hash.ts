import type { MigrationFn } from '../migrator';

/**
 * An Idempotency-Key is stored only as a keyed hash (issue 7, findings 3 and 5), and a stored
 * response holds no order token. Rows written before hold plain keys, plain tokens and guests'
 * names; no lookup by hash can find them and a replay could not answer them (an order's token is
 * now derived from its key), so they go.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DELETE FROM idempotency_keys;
    ALTER TABLE idempotency_keys RENAME COLUMN key TO key_hash;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE idempotency_keys RENAME COLUMN key_hash TO key;
  `);
};
