import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { JsonObject } from './types';

/** One row of the event log. Appended and read by raw SQL (realtime/eventLog, hot path). */
export class Event extends Model<InferAttributes<Event>, InferCreationAttributes<Event>> {
  declare restaurantId: string;
  declare seq: number;
  declare type: string;
  declare orderId: CreationOptional<string | null>;
  declare prevKitchen: CreationOptional<number | null>;
  declare prevBoard: CreationOptional<number | null>;
  declare prevMenu: CreationOptional<number | null>;
  declare prevOrder: CreationOptional<number | null>;
  declare data: JsonObject;
  declare at: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Event {
    return class extends Event {}.init(
      {
        restaurantId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        seq: { type: DataTypes.BIGINT, primaryKey: true, allowNull: false },
        type: { type: DataTypes.TEXT, allowNull: false },
        orderId: { type: DataTypes.UUID, allowNull: true },
        prevKitchen: { type: DataTypes.BIGINT, allowNull: true },
        prevBoard: { type: DataTypes.BIGINT, allowNull: true },
        prevMenu: { type: DataTypes.BIGINT, allowNull: true },
        prevOrder: { type: DataTypes.BIGINT, allowNull: true },
        data: { type: DataTypes.JSONB, allowNull: false },
        at: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Event', tableName: 'events' },
    );
  }
}
