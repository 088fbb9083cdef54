import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/**
 * A message the sandbox sender "delivered" (NOTIFIER=sandbox); it stands for the recipient's
 * mailbox. Recipient, subject and text are encrypted together (lib/pii); `recipientHash` is the
 * address's keyed lookup hash.
 */
export class SandboxMail extends Model<InferAttributes<SandboxMail>, InferCreationAttributes<SandboxMail>> {
  declare id: CreationOptional<number>;
  declare messageId: string;
  declare recipientHash: string;
  declare messageEnc: string;
  declare receivedAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof SandboxMail {
    return class extends SandboxMail {}.init(
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true, allowNull: false },
        messageId: { type: DataTypes.UUID, allowNull: false },
        recipientHash: { type: DataTypes.TEXT, allowNull: false },
        messageEnc: { type: DataTypes.TEXT, allowNull: false },
        receivedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'SandboxMail', tableName: 'sandbox_mailbox', underscored: true, timestamps: false },
    );
  }
}
