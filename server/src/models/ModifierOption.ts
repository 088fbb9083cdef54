import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { LocalizedText } from './types';

/** One option of a modifier group, with what it adds to the price. */
export class ModifierOption extends Model<InferAttributes<ModifierOption>, InferCreationAttributes<ModifierOption>> {
  declare id: CreationOptional<string>;
  declare groupId: string;
  declare names: LocalizedText;
  declare priceDeltaCents: CreationOptional<number>;
  declare sort: CreationOptional<number>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof ModifierOption {
    return class extends ModifierOption {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        groupId: { type: DataTypes.UUID, allowNull: false },
        names: { type: DataTypes.JSONB, allowNull: false },
        priceDeltaCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'ModifierOption', tableName: 'modifier_options' },
    );
  }
}
