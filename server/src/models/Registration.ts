import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { DB_DEFAULT } from './dbDefault';

/**
 * A sign-up waiting for its emailed code: the account's fields (personal data encrypted, the
 * password already hashed) and the code's hash. Used once, then deleted; pruned when expired.
 */
export class Registration extends Model<InferAttributes<Registration>, InferCreationAttributes<Registration>> {
  declare id: CreationOptional<string>;
  declare codeHash: string;
  declare emailEnc: string;
  declare emailHash: string;
  declare nameEnc: string;
  declare phoneEnc: string;
  declare passwordHash: string;
  declare expiresAt: Date;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Registration {
    return class extends Registration {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        codeHash: { type: DataTypes.TEXT, allowNull: false },
        emailEnc: { type: DataTypes.TEXT, allowNull: false },
        emailHash: { type: DataTypes.TEXT, allowNull: false },
        nameEnc: { type: DataTypes.TEXT, allowNull: false },
        phoneEnc: { type: DataTypes.TEXT, allowNull: false },
        passwordHash: { type: DataTypes.TEXT, allowNull: false },
        expiresAt: { type: DataTypes.DATE, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Registration', tableName: 'registrations', underscored: true, timestamps: false },
    );
  }
}
