import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** The sandbox card processor's own record of a charge (it stands for an outside processor). */
export class SandboxCharge extends Model<InferAttributes<SandboxCharge>, InferCreationAttributes<SandboxCharge>> {
  declare id: string;
  declare idempotencyKey: CreationOptional<string | null>;
  declare amountCents: number;
  declare currency: string;
  declare status: 'authorized' | 'captured' | 'voided';
  declare capturedCents: CreationOptional<number>;
  declare refundedCents: CreationOptional<number>;
  declare brand: string;
  declare last4: string;
  /** The idempotency key of the capture that was applied: a repeat with it gets the same answer. */
  declare captureKey: CreationOptional<string | null>;
  /** The idempotency keys of the refunds applied. */
  declare refundKeys: CreationOptional<string[]>;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof SandboxCharge {
    return class extends SandboxCharge {}.init(
      {
        id: { type: DataTypes.TEXT, primaryKey: true, allowNull: false },
        idempotencyKey: { type: DataTypes.TEXT, allowNull: true },
        amountCents: { type: DataTypes.INTEGER, allowNull: false },
        currency: { type: DataTypes.CHAR(3), allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false },
        capturedCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        refundedCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        brand: { type: DataTypes.TEXT, allowNull: false },
        last4: { type: DataTypes.TEXT, allowNull: false },
        captureKey: { type: DataTypes.TEXT, allowNull: true },
        refundKeys: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: DB_DEFAULT },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'SandboxCharge', tableName: 'sandbox_charges', underscored: true, timestamps: false },
    );
  }
}
