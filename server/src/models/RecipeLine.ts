import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** How much of an ingredient one portion of a dish takes (in the ingredient's unit). */
export class RecipeLine extends Model<InferAttributes<RecipeLine>, InferCreationAttributes<RecipeLine>> {
  declare dishId: string;
  declare ingredientId: string;
  declare quantity: number;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof RecipeLine {
    return class extends RecipeLine {}.init(
      {
        dishId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        ingredientId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        quantity: { type: DataTypes.DECIMAL(14, 3), allowNull: false },
      },
      { sequelize, modelName: 'RecipeLine', tableName: 'recipe_lines' },
    );
  }
}
