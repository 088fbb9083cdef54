import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/**
 * A booking's hold on one table for `during` (a `[)` range). While `active`, the database's
 * exclusion constraint refuses any other active hold of the table that overlaps it.
 */
export class ReservationTable extends Model<InferAttributes<ReservationTable>, InferCreationAttributes<ReservationTable>> {
  declare reservationId: string;
  declare tableId: string;
  declare restaurantId: string;
  /** The held time, as PostgreSQL's tstzrange reads and writes it: `[start, end)`. */
  declare during: [{ value: Date; inclusive: boolean }, { value: Date; inclusive: boolean }];
  declare active: CreationOptional<boolean>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof ReservationTable {
    return class extends ReservationTable {}.init(
      {
        reservationId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        tableId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        during: { type: DataTypes.RANGE(DataTypes.DATE), allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'ReservationTable', tableName: 'reservation_tables', underscored: true, timestamps: false },
    );
  }
}
