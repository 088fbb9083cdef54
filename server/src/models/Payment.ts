import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/** A money movement in our own books: a charge or a refund of an order, or of a booking's deposit (exactly one of the two). */
export class Payment extends Model<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: CreationOptional<string>;
  declare orderId: CreationOptional<string | null>;
  declare reservationId: CreationOptional<string | null>;
  /** A deposit refund's charge. */
  declare refundOf: CreationOptional<string | null>;
  declare method: string;
  declare kind: 'charge' | 'refund';
  declare amountCents: number;
  declare processorRef: CreationOptional<string | null>;
  declare roomStayId: CreationOptional<string | null>;
  /** pending: a card capture or refund the processor has yet to confirm (a job is on the queue). */
  declare status: CreationOptional<'pending' | 'settled' | 'void'>;
  declare settledAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Payment {
    return class extends Payment {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        orderId: { type: DataTypes.UUID, allowNull: true },
        reservationId: { type: DataTypes.UUID, allowNull: true },
        refundOf: { type: DataTypes.UUID, allowNull: true },
        method: { type: DataTypes.TEXT, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        amountCents: { type: DataTypes.INTEGER, allowNull: false },
        processorRef: { type: DataTypes.TEXT, allowNull: true },
        roomStayId: { type: DataTypes.UUID, allowNull: true },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: DB_DEFAULT },
        settledAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Payment', tableName: 'payments', underscored: true, timestamps: false },
    );
  }
}
