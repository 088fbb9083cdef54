import type { Locale, WaitlistStatus } from '@dinewire/protocol';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/**
 * A place in a restaurant's waitlist for a local date (modules/waitlist). While `offered`, the
 * reservation it points at is the `held` booking keeping the offered tables for the guest.
 */
export class WaitlistEntry extends Model<InferAttributes<WaitlistEntry>, InferCreationAttributes<WaitlistEntry>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare status: CreationOptional<WaitlistStatus>;
  declare partySize: number;
  /** The restaurant's local day, YYYY-MM-DD. */
  declare date: string;
  /** Local `HH:MM` window of start times the guest takes; null = any. */
  declare fromTime: CreationOptional<string | null>;
  declare toTime: CreationOptional<string | null>;
  /** The guest's name, phone and email, encrypted (lib/pii). */
  declare nameEnc: string;
  declare phoneEnc: string;
  declare emailEnc: string;
  declare notes: CreationOptional<string | null>;
  declare lang: CreationOptional<Locale>;
  declare walkIn: CreationOptional<boolean>;
  declare userId: CreationOptional<string | null>;
  /** Keyed hash of the entry's token (waitlistSecrets); the token is never stored. */
  declare tokenHash: string;
  declare reservationId: CreationOptional<string | null>;
  declare offerStartsAt: CreationOptional<Date | null>;
  declare offerEndsAt: CreationOptional<Date | null>;
  declare offerExpiresAt: CreationOptional<Date | null>;
  declare offerTableIds: CreationOptional<string[] | null>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof WaitlistEntry {
    return class extends WaitlistEntry {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: DB_DEFAULT },
        partySize: { type: DataTypes.SMALLINT, allowNull: false },
        date: { type: DataTypes.DATEONLY, allowNull: false },
        fromTime: { type: DataTypes.TEXT, allowNull: true },
        toTime: { type: DataTypes.TEXT, allowNull: true },
        nameEnc: { type: DataTypes.TEXT, allowNull: false },
        phoneEnc: { type: DataTypes.TEXT, allowNull: false },
        emailEnc: { type: DataTypes.TEXT, allowNull: false },
        notes: { type: DataTypes.TEXT, allowNull: true },
        lang: { type: DataTypes.TEXT, allowNull: false, defaultValue: DB_DEFAULT },
        walkIn: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
        userId: { type: DataTypes.UUID, allowNull: true },
        tokenHash: { type: DataTypes.TEXT, allowNull: false },
        reservationId: { type: DataTypes.UUID, allowNull: true },
        offerStartsAt: { type: DataTypes.DATE, allowNull: true },
        offerEndsAt: { type: DataTypes.DATE, allowNull: true },
        offerExpiresAt: { type: DataTypes.DATE, allowNull: true },
        offerTableIds: { type: DataTypes.ARRAY(DataTypes.UUID), allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
        updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'WaitlistEntry', tableName: 'waitlist_entries', underscored: true, timestamps: false },
    );
  }
}
