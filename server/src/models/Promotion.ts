import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { Channels } from '@dinewire/protocol';
import type { LocalizedText } from './types';

export type PromotionKind = 'percent' | 'amount' | 'free_item';
type Channel = (typeof Channels)[number];

/**
 * A promotion rule (see migration 20261202011000 and modules/promotions/engine.ts): a percentage
 * off (the subtotal, or one category), an amount off (spend-and-save), or a free dish; automatic
 * or behind a code; within dates, a weekly window, channels; stacked by priority; per-guest limited.
 */
export class Promotion extends Model<InferAttributes<Promotion>, InferCreationAttributes<Promotion>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  /** NULL: applies without a code. */
  declare code: CreationOptional<string | null>;
  declare names: LocalizedText;
  declare kind: PromotionKind;
  /** 'percent': a whole percentage; 'amount': cents off; 'free_item': portions of the free dish (1). */
  declare value: number;
  declare minSubtotalCents: CreationOptional<number>;
  declare startsAt: CreationOptional<Date | null>;
  declare endsAt: CreationOptional<Date | null>;
  declare active: CreationOptional<boolean>;
  /** 'percent' only: the category whose lines it takes off (NULL: the whole subtotal). */
  declare categoryId: CreationOptional<string | null>;
  declare freeDishId: CreationOptional<string | null>;
  /** NULL: every channel. */
  declare channels: CreationOptional<Channel[] | null>;
  /** 0 = Sunday … 6 = Saturday, in the restaurant's time zone; NULL: every day. */
  declare daysOfWeek: CreationOptional<number[] | null>;
  /** Minutes of the local day, [start, end); both NULL: all day. */
  declare windowStartMinute: CreationOptional<number | null>;
  declare windowEndMinute: CreationOptional<number | null>;
  /** Higher first. */
  declare priority: CreationOptional<number>;
  /** false: applies only alone. */
  declare stackable: CreationOptional<boolean>;
  /** Orders of one guest account it may discount; NULL: unlimited (and open to guests without an account). */
  declare perGuestLimit: CreationOptional<number | null>;
  declare sort: CreationOptional<number>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Promotion {
    return class extends Promotion {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        code: { type: DataTypes.TEXT, allowNull: true },
        names: { type: DataTypes.JSONB, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        value: { type: DataTypes.INTEGER, allowNull: false },
        minSubtotalCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        startsAt: { type: DataTypes.DATE, allowNull: true },
        endsAt: { type: DataTypes.DATE, allowNull: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
        categoryId: { type: DataTypes.UUID, allowNull: true },
        freeDishId: { type: DataTypes.UUID, allowNull: true },
        channels: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: true },
        daysOfWeek: { type: DataTypes.ARRAY(DataTypes.SMALLINT), allowNull: true },
        windowStartMinute: { type: DataTypes.SMALLINT, allowNull: true },
        windowEndMinute: { type: DataTypes.SMALLINT, allowNull: true },
        priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        stackable: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
        perGuestLimit: { type: DataTypes.INTEGER, allowNull: true },
        sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Promotion', tableName: 'promotions', underscored: true, timestamps: false },
    );
  }
}
