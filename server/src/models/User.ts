import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Role } from '@dinewire/protocol';
import { DB_DEFAULT } from './dbDefault';

/** A person's account: staff or guest. Email and phone are encrypted at rest (lib/pii) and found by their keyed hashes. */
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<string>;
  declare emailEnc: string;
  declare emailHash: string;
  declare name: string;
  declare phoneEnc: CreationOptional<string | null>;
  /** lib/pii phoneLookupHash of the phone: sign-in by code finds the account by it. */
  declare phoneHash: CreationOptional<string | null>;
  declare passwordHash: string;
  /** Allergen codes (protocol ALLERGENS) and dietary needs (DIETARY_NEEDS) from the guest's profile. */
  declare allergies: CreationOptional<string[]>;
  declare dietary: CreationOptional<string[]>;
  /** When the guest erased the account: its personal data is gone, its orders stay anonymous. */
  declare erasedAt: CreationOptional<Date | null>;
  declare role: Role;
  declare createdAt: CreationOptional<Date>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof User {
    return class extends User {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        emailEnc: { type: DataTypes.TEXT, allowNull: false },
        emailHash: { type: DataTypes.TEXT, allowNull: false },
        name: { type: DataTypes.TEXT, allowNull: false },
        phoneEnc: { type: DataTypes.TEXT, allowNull: true },
        phoneHash: { type: DataTypes.TEXT, allowNull: true },
        passwordHash: { type: DataTypes.TEXT, allowNull: false },
        allergies: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: DB_DEFAULT },
        dietary: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: DB_DEFAULT },
        erasedAt: { type: DataTypes.DATE, allowNull: true },
        role: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'User', tableName: 'users', underscored: true, timestamps: false },
    );
  }
}
