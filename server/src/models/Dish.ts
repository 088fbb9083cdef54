import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { LocalizedText } from './types';

/** A dish on a restaurant's menu; its price in minor units of the restaurant's currency. */
export class Dish extends Model<InferAttributes<Dish>, InferCreationAttributes<Dish>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare categoryId: string;
  declare stationId: CreationOptional<string | null>;
  declare names: LocalizedText;
  declare descriptions: LocalizedText;
  declare priceCents: number;
  declare imageUrl: CreationOptional<string | null>;
  declare tags: CreationOptional<string[]>;
  declare allergens: CreationOptional<string[]>;
  declare spiceLevel: CreationOptional<number>;
  declare active: CreationOptional<boolean>;
  declare sort: CreationOptional<number>;
  /** Taken off by hand ("86") since then; null: on sale unless its stock ran out. */
  declare soldOutAt: CreationOptional<Date | null>;
  declare soldOutBy: CreationOptional<string | null>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Dish {
    return class extends Dish {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        categoryId: { type: DataTypes.UUID, allowNull: false },
        stationId: { type: DataTypes.UUID, allowNull: true },
        names: { type: DataTypes.JSONB, allowNull: false },
        descriptions: { type: DataTypes.JSONB, allowNull: false },
        priceCents: { type: DataTypes.INTEGER, allowNull: false },
        imageUrl: { type: DataTypes.TEXT, allowNull: true },
        tags: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: DB_DEFAULT },
        allergens: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: DB_DEFAULT },
        spiceLevel: { type: DataTypes.SMALLINT, allowNull: false, defaultValue: DB_DEFAULT },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
        sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        soldOutAt: { type: DataTypes.DATE, allowNull: true },
        soldOutBy: { type: DataTypes.UUID, allowNull: true },
      },
      { sequelize, modelName: 'Dish', tableName: 'dishes', underscored: true, timestamps: false },
    );
  }
}
