import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** The event counter of one restaurant (one row each, added by a trigger on restaurants). */
export class RestaurantCounter extends Model<InferAttributes<RestaurantCounter>, InferCreationAttributes<RestaurantCounter>> {
  declare restaurantId: string;
  declare seq: CreationOptional<number>;
  declare lastKitchen: CreationOptional<number>;
  declare lastBoard: CreationOptional<number>;
  declare lastMenu: CreationOptional<number>;
  /** scratch of the counter UPDATE (see the migration); int8[] arrives as strings */
  declare prev: CreationOptional<string[]>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof RestaurantCounter {
    return class extends RestaurantCounter {}.init(
      {
        restaurantId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        seq: { type: DataTypes.BIGINT, allowNull: false, defaultValue: DB_DEFAULT },
        lastKitchen: { type: DataTypes.BIGINT, allowNull: false, defaultValue: DB_DEFAULT },
        lastBoard: { type: DataTypes.BIGINT, allowNull: false, defaultValue: DB_DEFAULT },
        lastMenu: { type: DataTypes.BIGINT, allowNull: false, defaultValue: DB_DEFAULT },
        prev: { type: DataTypes.ARRAY(DataTypes.BIGINT), allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'RestaurantCounter', tableName: 'restaurant_counters' },
    );
  }
}
