import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { LocalizedText } from './types';

/** Stock of one ingredient, in its unit. Stock changes go through inventory/stock.ts (raw SQL). */
export class Ingredient extends Model<InferAttributes<Ingredient>, InferCreationAttributes<Ingredient>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare names: LocalizedText;
  declare unit: string;
  declare quantity: number;
  declare lowThreshold: CreationOptional<number>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Ingredient {
    return class extends Ingredient {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        names: { type: DataTypes.JSONB, allowNull: false },
        unit: { type: DataTypes.TEXT, allowNull: false },
        quantity: { type: DataTypes.DECIMAL(14, 3), allowNull: false },
        lowThreshold: { type: DataTypes.DECIMAL(14, 3), allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Ingredient', tableName: 'ingredients' },
    );
  }
}
