import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** A request's Idempotency-Key (as a keyed hash) and, once it finished, its response (with nothing secret in it). */
export class IdempotencyKey extends Model<InferAttributes<IdempotencyKey>, InferCreationAttributes<IdempotencyKey>> {
  declare scope: string;
  declare keyHash: string;
  declare requestHash: string;
  declare responseStatus: CreationOptional<number | null>;
  declare responseBody: CreationOptional<unknown | null>;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof IdempotencyKey {
    return class extends IdempotencyKey {}.init(
      {
        scope: { type: DataTypes.TEXT, primaryKey: true, allowNull: false },
        keyHash: { type: DataTypes.TEXT, primaryKey: true, allowNull: false },
        requestHash: { type: DataTypes.TEXT, allowNull: false },
        responseStatus: { type: DataTypes.INTEGER, allowNull: true },
        responseBody: { type: DataTypes.JSONB, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'IdempotencyKey', tableName: 'idempotency_keys', underscored: true, timestamps: false },
    );
  }
}
