import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** A table guests sit at (orders name it; bookings hold it). */
export class DiningTable extends Model<InferAttributes<DiningTable>, InferCreationAttributes<DiningTable>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare label: string;
  declare seats: number;
  /** Tables with the same join group may be put together for one party (a booking of several tables). */
  declare joinGroup: CreationOptional<string | null>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof DiningTable {
    return class extends DiningTable {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        label: { type: DataTypes.TEXT, allowNull: false },
        seats: { type: DataTypes.SMALLINT, allowNull: false },
        joinGroup: { type: DataTypes.TEXT, allowNull: true },
      },
      { sequelize, modelName: 'DiningTable', tableName: 'dining_tables', underscored: true, timestamps: false },
    );
  }
}
