import type { MigrationFn } from '../migrator';

/**
 * A dish taken off by hand ("86"): since when, and by whom (a staff account). NULL: on sale,
 * as far as the staff are concerned; its stock may still sell it out.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE dishes ADD COLUMN sold_out_at timestamptz,
      ADD COLUMN sold_out_by uuid REFERENCES users(id) ON DELETE SET NULL;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query('ALTER TABLE dishes DROP COLUMN IF EXISTS sold_out_by, DROP COLUMN IF EXISTS sold_out_at;');
};
