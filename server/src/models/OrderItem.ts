import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { ItemStatus } from '@dinewire/protocol';
import { DB_DEFAULT } from './dbDefault';
import type { ChosenModifier, LocalizedText, StockTaken } from './types';

/** One line of an order, with the names and prices as they were when ordered. */
export class OrderItem extends Model<InferAttributes<OrderItem>, InferCreationAttributes<OrderItem>> {
  declare id: CreationOptional<string>;
  declare orderId: string;
  declare dishId: string;
  declare names: LocalizedText;
  declare quantity: number;
  declare modifiers: CreationOptional<ChosenModifier[]>;
  declare note: CreationOptional<string | null>;
  declare unitPriceCents: number;
  declare lineTotalCents: number;
  declare status: ItemStatus;
  declare stationId: CreationOptional<string | null>;
  declare stockTaken: CreationOptional<StockTaken[]>;
  declare position: number;
  declare statusChangedAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof OrderItem {
    return class extends OrderItem {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        orderId: { type: DataTypes.UUID, allowNull: false },
        dishId: { type: DataTypes.UUID, allowNull: false },
        names: { type: DataTypes.JSONB, allowNull: false },
        quantity: { type: DataTypes.SMALLINT, allowNull: false },
        modifiers: { type: DataTypes.JSONB, allowNull: false, defaultValue: DB_DEFAULT },
        note: { type: DataTypes.TEXT, allowNull: true },
        unitPriceCents: { type: DataTypes.INTEGER, allowNull: false },
        lineTotalCents: { type: DataTypes.INTEGER, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false },
        stationId: { type: DataTypes.UUID, allowNull: true },
        stockTaken: { type: DataTypes.JSONB, allowNull: false, defaultValue: DB_DEFAULT },
        position: { type: DataTypes.SMALLINT, allowNull: false },
        statusChangedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'OrderItem', tableName: 'order_items' },
    );
  }
}
