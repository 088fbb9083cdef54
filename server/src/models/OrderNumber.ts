import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** The last pickup number given out, per restaurant per local business day. */
export class OrderNumber extends Model<InferAttributes<OrderNumber>, InferCreationAttributes<OrderNumber>> {
  declare restaurantId: string;
  /** YYYY-MM-DD */
  declare businessDate: string;
  declare last: number;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof OrderNumber {
    return class extends OrderNumber {}.init(
      {
        restaurantId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        businessDate: { type: DataTypes.DATEONLY, primaryKey: true, allowNull: false },
        last: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, modelName: 'OrderNumber', tableName: 'order_numbers' },
    );
  }
}
