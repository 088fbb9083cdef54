import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Which restaurants a staff member works in. */
export class StaffRestaurant extends Model<InferAttributes<StaffRestaurant>, InferCreationAttributes<StaffRestaurant>> {
  declare userId: string;
  declare restaurantId: string;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof StaffRestaurant {
    return class extends StaffRestaurant {}.init(
      {
        userId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        restaurantId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
      },
      { sequelize, modelName: 'StaffRestaurant', tableName: 'staff_restaurants' },
    );
  }
}
