import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { LocalizedText } from './types';

/** A promo code: a percentage or an amount off, above a minimum subtotal, within dates. */
export class Promotion extends Model<InferAttributes<Promotion>, InferCreationAttributes<Promotion>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare code: string;
  declare names: LocalizedText;
  declare kind: 'percent' | 'amount';
  declare value: number;
  declare minSubtotalCents: CreationOptional<number>;
  declare startsAt: CreationOptional<Date | null>;
  declare endsAt: CreationOptional<Date | null>;
  declare active: CreationOptional<boolean>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Promotion {
    return class extends Promotion {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        code: { type: DataTypes.TEXT, allowNull: false },
        names: { type: DataTypes.JSONB, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        value: { type: DataTypes.INTEGER, allowNull: false },
        minSubtotalCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        startsAt: { type: DataTypes.DATE, allowNull: true },
        endsAt: { type: DataTypes.DATE, allowNull: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Promotion', tableName: 'promotions' },
    );
  }
}
