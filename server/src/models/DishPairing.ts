import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** Two dishes ordered together lately (modules/recommendations): how often, and how strongly. */
export class DishPairing extends Model<InferAttributes<DishPairing>, InferCreationAttributes<DishPairing>> {
  declare restaurantId: string;
  declare dishId: string;
  declare otherDishId: string;
  /** Orders of the last 30 days with both. */
  declare orders: number;
  /** orders / √(orders with dishId × orders with otherDishId), in (0, 1]. */
  declare score: number;
  declare computedAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof DishPairing {
    return class extends DishPairing {}.init(
      {
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        dishId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        otherDishId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        orders: { type: DataTypes.INTEGER, allowNull: false },
        score: { type: DataTypes.DOUBLE, allowNull: false },
        computedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'DishPairing', tableName: 'dish_pairings', underscored: true, timestamps: false },
    );
  }
}
