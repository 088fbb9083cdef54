import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { OpeningHours } from '@dinewire/protocol';
import { DB_DEFAULT } from './dbDefault';
import type { JsonObject, LocalizedText } from './types';

/** A restaurant of the hotel. Its event counter row is added by a trigger (see the restaurants migration). */
export class Restaurant extends Model<InferAttributes<Restaurant>, InferCreationAttributes<Restaurant>> {
  declare id: CreationOptional<string>;
  declare slug: string;
  declare names: LocalizedText;
  declare descriptions: LocalizedText;
  declare cuisine: string;
  declare area: string;
  /** 1 (cheapest) to 4 */
  declare priceLevel: number;
  declare timeZone: string;
  declare currency: string;
  declare taxRateBps: CreationOptional<number>;
  declare serviceChargeBps: CreationOptional<number>;
  declare openingHours: CreationOptional<OpeningHours[]>;
  declare imageUrl: CreationOptional<string | null>;
  /** The booking rules (CONTRACT's bookingPolicy). */
  declare cancellationPolicy: CreationOptional<JsonObject>;
  declare sort: CreationOptional<number>;
  /** A room charge from a guest's device without its PIN waits for a host or manager to confirm it. */
  declare holdRoomCharges: CreationOptional<boolean>;
  /** Minutes an unpaid pay-at-counter order keeps its stock. */
  declare counterPaymentMinutes: CreationOptional<number>;
  /** A kitchen ticket turns amber after this many minutes, red after `ticketRedMinutes`. */
  declare ticketAmberMinutes: CreationOptional<number>;
  declare ticketRedMinutes: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Restaurant {
    return class extends Restaurant {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        slug: { type: DataTypes.TEXT, allowNull: false },
        names: { type: DataTypes.JSONB, allowNull: false },
        descriptions: { type: DataTypes.JSONB, allowNull: false },
        cuisine: { type: DataTypes.TEXT, allowNull: false },
        area: { type: DataTypes.TEXT, allowNull: false },
        priceLevel: { type: DataTypes.SMALLINT, allowNull: false },
        timeZone: { type: DataTypes.TEXT, allowNull: false },
        currency: { type: DataTypes.CHAR(3), allowNull: false },
        taxRateBps: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        serviceChargeBps: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        openingHours: { type: DataTypes.JSONB, allowNull: false, defaultValue: DB_DEFAULT },
        imageUrl: { type: DataTypes.TEXT, allowNull: true },
        cancellationPolicy: { type: DataTypes.JSONB, allowNull: false, defaultValue: DB_DEFAULT },
        sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        holdRoomCharges: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
        counterPaymentMinutes: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        ticketAmberMinutes: { type: DataTypes.SMALLINT, allowNull: false, defaultValue: DB_DEFAULT },
        ticketRedMinutes: { type: DataTypes.SMALLINT, allowNull: false, defaultValue: DB_DEFAULT },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Restaurant', tableName: 'restaurants', underscored: true, timestamps: false },
    );
  }
}
