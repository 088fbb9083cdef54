import type { Allergen, ReservationPaymentStatus } from '@dinewire/protocol';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

export const RESERVATION_STATUSES = ['booked', 'seated', 'completed', 'cancelled', 'no_show'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** A table booking (modules/reservations). Its tables are held through ReservationTable. */
export class Reservation extends Model<InferAttributes<Reservation>, InferCreationAttributes<Reservation>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  /** The short confirmation code, unique within the restaurant. */
  declare code: string;
  declare status: CreationOptional<ReservationStatus>;
  declare partySize: number;
  declare startsAt: Date;
  declare endsAt: Date;
  /** The guest's name, phone and email, encrypted (lib/pii). */
  declare nameEnc: string;
  declare phoneEnc: string;
  declare emailEnc: string;
  declare notes: CreationOptional<string | null>;
  /** The guest's account, when booked signed in. */
  declare userId: CreationOptional<string | null>;
  /** Keyed hash of the booking's token (reservationSecrets); the token is never stored. */
  declare tokenHash: string;
  /** The deposit the rules asked for; paid and refunded so far (refunded never above paid: a CHECK). */
  declare depositCents: CreationOptional<number>;
  declare paidCents: CreationOptional<number>;
  declare refundedCents: CreationOptional<number>;
  declare paymentStatus: CreationOptional<ReservationPaymentStatus>;
  declare allergies: CreationOptional<Allergen[]>;
  /** The pre-order's order, when dishes were ordered with the booking. */
  declare preorderOrderId: CreationOptional<string | null>;
  declare walkIn: CreationOptional<boolean>;
  /** When the reminder went to the outbox (once). */
  declare remindedAt: CreationOptional<Date | null>;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Reservation {
    return class extends Reservation {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        code: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: DB_DEFAULT },
        partySize: { type: DataTypes.SMALLINT, allowNull: false },
        startsAt: { type: DataTypes.DATE, allowNull: false },
        endsAt: { type: DataTypes.DATE, allowNull: false },
        nameEnc: { type: DataTypes.TEXT, allowNull: false },
        phoneEnc: { type: DataTypes.TEXT, allowNull: false },
        emailEnc: { type: DataTypes.TEXT, allowNull: false },
        notes: { type: DataTypes.TEXT, allowNull: true },
        userId: { type: DataTypes.UUID, allowNull: true },
        tokenHash: { type: DataTypes.TEXT, allowNull: false },
        depositCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        paidCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        refundedCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        paymentStatus: { type: DataTypes.TEXT, allowNull: false, defaultValue: DB_DEFAULT },
        allergies: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: DB_DEFAULT },
        preorderOrderId: { type: DataTypes.UUID, allowNull: true },
        walkIn: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
        remindedAt: { type: DataTypes.DATE, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
        updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Reservation', tableName: 'reservations', underscored: true, timestamps: false },
    );
  }
}
