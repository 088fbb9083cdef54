import { literal } from 'sequelize';

/**
 * The column's default as the migration defines it (`DEFAULT` in the INSERT): defaults
 * live once, in the schema, and raw SQL and models get the same ones. A model attribute
 * that is NOT NULL with a database default uses this, so Sequelize's not-null check lets
 * an unset value through and PostgreSQL fills it (RETURNING brings it back).
 */
export const DB_DEFAULT = literal('DEFAULT');
