import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { LocalizedText } from './types';

/** A menu section. */
export class Category extends Model<InferAttributes<Category>, InferCreationAttributes<Category>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare names: LocalizedText;
  declare sort: CreationOptional<number>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Category {
    return class extends Category {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        names: { type: DataTypes.JSONB, allowNull: false },
        sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Category', tableName: 'categories' },
    );
  }
}
