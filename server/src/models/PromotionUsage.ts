import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** How many orders of one guest a limited promotion has discounted (modules/promotions/usage.ts). */
export class PromotionUsage extends Model<InferAttributes<PromotionUsage>, InferCreationAttributes<PromotionUsage>> {
  declare promotionId: string;
  /** 'user:<id>'. */
  declare guestKey: string;
  declare uses: number;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof PromotionUsage {
    return class extends PromotionUsage {}.init(
      {
        promotionId: { type: DataTypes.UUID, primaryKey: true, allowNull: false },
        guestKey: { type: DataTypes.TEXT, primaryKey: true, allowNull: false },
        uses: { type: DataTypes.INTEGER, allowNull: false },
      },
      { sequelize, modelName: 'PromotionUsage', tableName: 'promotion_usage', underscored: true, timestamps: false },
    );
  }
}
