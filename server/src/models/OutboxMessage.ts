import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/**
 * A message to send (modules/notifications): written in the transaction that causes it, sent
 * after commit. Recipient and payload are encrypted (lib/pii): the payload may carry a code.
 */
export class OutboxMessage extends Model<InferAttributes<OutboxMessage>, InferCreationAttributes<OutboxMessage>> {
  declare id: CreationOptional<string>;
  declare kind: 'email' | 'sms';
  declare recipientEnc: string;
  declare template: string;
  declare payloadEnc: string;
  declare attempts: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare sentAt: CreationOptional<Date | null>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof OutboxMessage {
    return class extends OutboxMessage {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        kind: { type: DataTypes.TEXT, allowNull: false },
        recipientEnc: { type: DataTypes.TEXT, allowNull: false },
        template: { type: DataTypes.TEXT, allowNull: false },
        payloadEnc: { type: DataTypes.TEXT, allowNull: false },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
        sentAt: { type: DataTypes.DATE, allowNull: true },
      },
      { sequelize, modelName: 'OutboxMessage', tableName: 'outbox_messages', underscored: true, timestamps: false },
    );
  }
}
