import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** One line of an ingredient's stock ledger. Written by inventory/stock.ts (raw SQL, hot path). */
export class StockMovement extends Model<InferAttributes<StockMovement>, InferCreationAttributes<StockMovement>> {
  declare id: CreationOptional<number>;
  declare restaurantId: string;
  declare ingredientId: string;
  declare delta: number;
  declare quantityAfter: number;
  declare reason: 'order' | 'cancel' | 'receive' | 'waste' | 'count' | 'correction' | 'seed';
  declare orderId: CreationOptional<string | null>;
  declare actorKind: string;
  declare actorId: CreationOptional<string | null>;
  declare note: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof StockMovement {
    return class extends StockMovement {}.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true, allowNull: false },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        ingredientId: { type: DataTypes.UUID, allowNull: false },
        delta: { type: DataTypes.DECIMAL(14, 3), allowNull: false },
        quantityAfter: { type: DataTypes.DECIMAL(14, 3), allowNull: false },
        reason: { type: DataTypes.TEXT, allowNull: false },
        orderId: { type: DataTypes.UUID, allowNull: true },
        actorKind: { type: DataTypes.TEXT, allowNull: false },
        actorId: { type: DataTypes.UUID, allowNull: true },
        note: { type: DataTypes.TEXT, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'StockMovement', tableName: 'stock_movements' },
    );
  }
}
