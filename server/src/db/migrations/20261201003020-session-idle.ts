import type { MigrationFn } from '../migrator';

/**
 * Sessions: when each was last used (the idle timeout), and the index the per-user cap reads.
 */
export const up: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    ALTER TABLE sessions ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now();
    -- signing in: a user's live sessions, newest first, to end those beyond the cap
    CREATE INDEX sessions_user ON sessions (user_id, created_at) WHERE user_id IS NOT NULL AND revoked_at IS NULL;
    -- pruning of expired sessions
    CREATE INDEX sessions_expires ON sessions (expires_at);
  `);
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`
    DROP INDEX IF EXISTS sessions_expires;
    DROP INDEX IF EXISTS sessions_user;
    ALTER TABLE sessions DROP COLUMN last_used_at;
  `);
};
