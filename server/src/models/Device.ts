import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { DeviceKind } from '@dinewire/protocol';
import { DB_DEFAULT } from './dbDefault';

/** A kiosk, kitchen screen or pickup board; paired once with a short-lived code. */
export class Device extends Model<InferAttributes<Device>, InferCreationAttributes<Device>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare kind: DeviceKind;
  declare stationId: CreationOptional<string | null>;
  declare name: string;
  declare pairingCodeHash: CreationOptional<string | null>;
  declare pairingExpiresAt: CreationOptional<Date | null>;
  declare pairedAt: CreationOptional<Date | null>;
  declare revokedAt: CreationOptional<Date | null>;
  declare createdBy: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Device {
    return class extends Device {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        stationId: { type: DataTypes.UUID, allowNull: true },
        name: { type: DataTypes.TEXT, allowNull: false },
        pairingCodeHash: { type: DataTypes.TEXT, allowNull: true },
        pairingExpiresAt: { type: DataTypes.DATE, allowNull: true },
        pairedAt: { type: DataTypes.DATE, allowNull: true },
        revokedAt: { type: DataTypes.DATE, allowNull: true },
        createdBy: { type: DataTypes.UUID, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Device', tableName: 'devices' },
    );
  }
}
