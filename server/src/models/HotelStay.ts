import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** A stay in the hotel's guest list; room charges are checked against it (modules/hotel/hotelStays). */
export class HotelStay extends Model<InferAttributes<HotelStay>, InferCreationAttributes<HotelStay>> {
  declare id: CreationOptional<string>;
  declare roomNumber: string;
  /** The guest's name, encrypted (lib/pii). */
  declare guestNameEnc: string;
  /** HMAC of the check-in PIN (modules/hotel/roomPins); null when none was given. */
  declare pinHash: CreationOptional<string | null>;
  /** YYYY-MM-DD */
  declare checkIn: string;
  /** YYYY-MM-DD */
  declare checkOut: string;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof HotelStay {
    return class extends HotelStay {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        roomNumber: { type: DataTypes.TEXT, allowNull: false },
        guestNameEnc: { type: DataTypes.TEXT, allowNull: false },
        pinHash: { type: DataTypes.TEXT, allowNull: true },
        checkIn: { type: DataTypes.DATEONLY, allowNull: false },
        checkOut: { type: DataTypes.DATEONLY, allowNull: false },
      },
      { sequelize, modelName: 'HotelStay', tableName: 'hotel_stays', underscored: true, timestamps: false },
    );
  }
}
