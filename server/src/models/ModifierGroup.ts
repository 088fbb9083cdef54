import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';
import type { LocalizedText } from './types';

/** A choice on a dish (size, spice…): required when minChoices > 0. */
export class ModifierGroup extends Model<InferAttributes<ModifierGroup>, InferCreationAttributes<ModifierGroup>> {
  declare id: CreationOptional<string>;
  declare dishId: string;
  declare names: LocalizedText;
  declare minChoices: CreationOptional<number>;
  declare maxChoices: CreationOptional<number>;
  declare sort: CreationOptional<number>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof ModifierGroup {
    return class extends ModifierGroup {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        dishId: { type: DataTypes.UUID, allowNull: false },
        names: { type: DataTypes.JSONB, allowNull: false },
        minChoices: { type: DataTypes.SMALLINT, allowNull: false, defaultValue: DB_DEFAULT },
        maxChoices: { type: DataTypes.SMALLINT, allowNull: false, defaultValue: DB_DEFAULT },
        sort: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'ModifierGroup', tableName: 'modifier_groups' },
    );
  }
}
