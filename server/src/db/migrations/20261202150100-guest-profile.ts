import type { MigrationFn } from '../migrator';

/** A guest's allergies and dietary needs (protocol ALLERGENS, DIETARY_NEEDS codes), and when the account was erased. */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE users
      ADD COLUMN allergies text[] NOT NULL DEFAULT '{}',
      ADD COLUMN dietary text[] NOT NULL DEFAULT '{}',
      ADD COLUMN erased_at timestamptz;
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(
    `ALTER TABLE users DROP COLUMN IF EXISTS allergies, DROP COLUMN IF EXISTS dietary, DROP COLUMN IF EXISTS erased_at`,
  );
};
