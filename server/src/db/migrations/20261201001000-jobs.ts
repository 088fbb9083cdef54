import PgBoss from 'pg-boss';
import type { MigrationFn } from '../migrator';

/**
 * The durable job queue's schema (pg-boss 10, schema version 24), created by pg-boss's own
 * construction plan so our migration path owns it: nodes start pg-boss with `migrate: false`.
 * A pg-boss upgrade that changes its schema gets a new migration running its migration plans.
 */
/** The schema pg-boss is started with (server/src/jobs/queue.ts). */
const JOBS_SCHEMA = 'pgboss';

export const up: MigrationFn = async ({ context: q }) => {
  // The plan is one BEGIN … COMMIT script under pg-boss's advisory lock.
  await q.sequelize.query(PgBoss.getConstructionPlans(JOBS_SCHEMA));
};

export const down: MigrationFn = async ({ context: q }) => {
  await q.sequelize.query(`DROP SCHEMA IF EXISTS ${JOBS_SCHEMA} CASCADE`);
};
