import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/**
 * A one-time sign-in code sent to an email or phone (modules/accounts/signInCodes): its keyed
 * hash, the contact's lookup hash, the account (null when none has the contact) and its tries.
 */
export class SignInCode extends Model<InferAttributes<SignInCode>, InferCreationAttributes<SignInCode>> {
  declare id: CreationOptional<string>;
  declare contactHash: string;
  declare userId: string | null;
  declare codeHash: string;
  declare attempts: CreationOptional<number>;
  declare expiresAt: Date;
  declare usedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof SignInCode {
    return class extends SignInCode {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        contactHash: { type: DataTypes.TEXT, allowNull: false },
        userId: { type: DataTypes.UUID, allowNull: true },
        codeHash: { type: DataTypes.TEXT, allowNull: false },
        attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        usedAt: { type: DataTypes.DATE, allowNull: true },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'SignInCode', tableName: 'sign_in_codes', underscored: true, timestamps: false },
    );
  }
}
