import { DataTypes, type ModelAttributeColumnOptions, type ModelStatic, type Model } from 'sequelize';
import { rows } from '../db/sql';
import { testSequelize } from '../test/harness';
import { models } from '.';

/**
 * The models against the migrated test database: every table has a model, and every
 * model's attributes are exactly its table's columns (name, type, nullability, default,
 * primary key). Adding a column to a migration without the model fails here.
 */

interface Column {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
}

/** PostgreSQL's name for the type a model attribute declares. */
function udtName(type: ModelAttributeColumnOptions['type']): string {
  const t = typeof type === 'function' ? new (type as unknown as new () => InstanceType<typeof DataTypes.ABSTRACT>)() : type;
  if (t instanceof DataTypes.ARRAY) return `_${udtName((t as unknown as { type: ModelAttributeColumnOptions['type'] }).type)}`;
  // A range of timestamps (reservation_tables.during); no other range is used.
  if (
    t instanceof DataTypes.RANGE &&
    udtName((t as unknown as { options: { subtype: ModelAttributeColumnOptions['type'] } }).options.subtype) === 'timestamptz'
  ) {
    return 'tstzrange';
  }
  const byKey: Record<string, string> = {
    UUID: 'uuid',
    TEXT: 'text',
    JSONB: 'jsonb',
    SMALLINT: 'int2',
    INTEGER: 'int4',
    BIGINT: 'int8',
    DECIMAL: 'numeric',
    CHAR: 'bpchar',
    DATEONLY: 'date',
    DATE: 'timestamptz',
    BOOLEAN: 'bool',
    'DOUBLE PRECISION': 'float8',
  };
  const key = (t as { key: string }).key;
  return byKey[key] ?? `unmapped ${key}`;
}

describe('models', () => {
  const sequelize = testSequelize(2);
  const all = Object.values(models(sequelize)) as ModelStatic<Model>[];
  let columns: Column[];
  let primaryKeys: { table_name: string; column_name: string }[];

  beforeAll(async () => {
    columns = await rows<Column>(
      sequelize,
      `SELECT table_name, column_name, udt_name, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
        ORDER BY table_name, ordinal_position`,
    );
    primaryKeys = await rows(
      sequelize,
      `SELECT tc.table_name, kcu.column_name
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
        WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'`,
    );
  });
  afterAll(() => sequelize.close());

  it('give every table a model, and no model lacks its table', () => {
    const tables = [...new Set(columns.map((c) => c.table_name))].sort();
    expect(all.map((m) => m.getTableName() as string).sort()).toEqual(tables);
  });

  it('have exactly the columns of their tables, with their types, nullability, defaults and primary keys', () => {
    const describe = (m: ModelStatic<Model>) =>
      Object.values(m.getAttributes()).map((a) => ({
        column: a.field,
        type: udtName(a.type),
        nullable: a.allowNull !== false,
        // DB_DEFAULT, or a bigserial (autoIncrement): the database supplies the value
        hasDefault: a.defaultValue !== undefined || a.autoIncrement === true,
        primaryKey: a.primaryKey === true,
      }));
    for (const model of all) {
      const table = model.getTableName() as string;
      const pk = new Set(primaryKeys.filter((k) => k.table_name === table).map((k) => k.column_name));
      const expected = columns
        .filter((c) => c.table_name === table)
        .map((c) => ({
          column: c.column_name,
          type: c.udt_name,
          nullable: c.is_nullable === 'YES',
          hasDefault: c.column_default !== null,
          primaryKey: pk.has(c.column_name),
        }));
      const byColumn = (a: { column?: string }, b: { column?: string }) => (a.column! < b.column! ? -1 : 1);
      expect({ table, columns: describe(model).sort(byColumn) }).toEqual({ table, columns: expected.sort(byColumn) });
    }
  });

  it('bind to their own Sequelize instance, so two pools never share a model', async () => {
    const other = testSequelize(1);
    try {
      expect(models(other).Dish).not.toBe(models(sequelize).Dish);
      expect(models(other).Dish.sequelize).toBe(other);
      expect(models(sequelize).Dish.sequelize).toBe(sequelize);
      await other.close();
      // The first instance's models still work after the second closed.
      expect(await models(sequelize).Restaurant.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
