import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** A room number's recent self-service room-charge misses, and its lock once it keeps missing (modules/hotel/roomLocks). */
export class RoomLock extends Model<InferAttributes<RoomLock>, InferCreationAttributes<RoomLock>> {
  declare roomNumber: string;
  declare misses: CreationOptional<number>;
  declare windowStartedAt: CreationOptional<Date>;
  declare lockedAt: CreationOptional<Date | null>;
  /** The restaurant whose order made the last miss. */
  declare restaurantId: CreationOptional<string | null>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof RoomLock {
    return class extends RoomLock {}.init(
      {
        roomNumber: { type: DataTypes.TEXT, primaryKey: true, allowNull: false },
        misses: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        windowStartedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
        lockedAt: { type: DataTypes.DATE, allowNull: true },
        restaurantId: { type: DataTypes.UUID, allowNull: true },
      },
      { sequelize, modelName: 'RoomLock', tableName: 'room_locks', underscored: true, timestamps: false },
    );
  }
}
