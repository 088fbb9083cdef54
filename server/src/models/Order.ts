import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { Allergen, Channels, OrderStatus, PaymentMethod, PaymentStatus } from '@dinewire/protocol';
import { DB_DEFAULT } from './dbDefault';
import type { LocalizedText } from './types';

export interface AppliedPromotion {
  id: string;
  names: LocalizedText;
  amountCents: number;
}

/** An order. Placed, updated and read by raw SQL on the hot path (modules/orders); the model serves the schema, reports and tests. */
export class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
  declare id: CreationOptional<string>;
  declare restaurantId: string;
  declare number: number;
  /** YYYY-MM-DD */
  declare businessDate: string;
  declare channel: (typeof Channels)[number];
  declare tableId: CreationOptional<string | null>;
  declare status: OrderStatus;
  declare subtotalCents: number;
  declare discountCents: CreationOptional<number>;
  declare serviceChargeCents: CreationOptional<number>;
  declare taxCents: CreationOptional<number>;
  declare totalCents: number;
  declare currency: string;
  declare paymentMethod: PaymentMethod;
  declare paymentStatus: PaymentStatus;
  declare refundedCents: CreationOptional<number>;
  declare processorRef: CreationOptional<string | null>;
  declare cardBrand: CreationOptional<string | null>;
  declare cardLast4: CreationOptional<string | null>;
  declare guestNameEnc: CreationOptional<string | null>;
  /** The room charged, AES-256-GCM with PII_KEY (lib/pii). */
  declare roomNumberEnc: CreationOptional<string | null>;
  /** The stay a room order is charged to. */
  declare roomStayId: CreationOptional<string | null>;
  declare promoCode: CreationOptional<string | null>;
  /** The promotions applied, in the order the engine applied them, with what each took off. */
  declare promotions: CreationOptional<AppliedPromotion[]>;
  declare userId: CreationOptional<string | null>;
  declare deviceId: CreationOptional<string | null>;
  declare orderTokenHash: CreationOptional<string | null>;
  declare version: CreationOptional<number>;
  declare lastEventSeq: CreationOptional<number>;
  declare placedAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare cancelledAt: CreationOptional<Date | null>;
  /** An unpaid self-service counter order lets its stock go from then on (NULL: never). */
  declare releaseAt: CreationOptional<Date | null>;
  /** When the kitchen was asked to rush it (NULL: not rushed); rushed tickets lead the rail. */
  declare rushedAt: CreationOptional<Date | null>;
  /** When every item was first ready (the end of its ticket time); null while cooking or cancelled before. */
  declare readyAt: CreationOptional<Date | null>;
  /** A booking's pre-order waiting for its party: no kitchen or order list sees it until the party is seated. */
  declare held: CreationOptional<boolean>;
  /** The allergies of the guests it is for (protocol ALLERGENS), shown on the kitchen's ticket. */
  declare allergies: CreationOptional<Allergen[]>;

  /** A subclass bound to `sequelize` (see models/index.ts for why one per instance). */
  static initIn(sequelize: Sequelize): typeof Order {
    return class extends Order {}.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, allowNull: false, defaultValue: DB_DEFAULT },
        restaurantId: { type: DataTypes.UUID, allowNull: false },
        number: { type: DataTypes.INTEGER, allowNull: false },
        businessDate: { type: DataTypes.DATEONLY, allowNull: false },
        channel: { type: DataTypes.TEXT, allowNull: false },
        tableId: { type: DataTypes.UUID, allowNull: true },
        status: { type: DataTypes.TEXT, allowNull: false },
        subtotalCents: { type: DataTypes.INTEGER, allowNull: false },
        discountCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        serviceChargeCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        taxCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        totalCents: { type: DataTypes.INTEGER, allowNull: false },
        currency: { type: DataTypes.CHAR(3), allowNull: false },
        paymentMethod: { type: DataTypes.TEXT, allowNull: false },
        paymentStatus: { type: DataTypes.TEXT, allowNull: false },
        refundedCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        processorRef: { type: DataTypes.TEXT, allowNull: true },
        cardBrand: { type: DataTypes.TEXT, allowNull: true },
        cardLast4: { type: DataTypes.TEXT, allowNull: true },
        guestNameEnc: { type: DataTypes.TEXT, allowNull: true },
        roomNumberEnc: { type: DataTypes.TEXT, allowNull: true },
        roomStayId: { type: DataTypes.UUID, allowNull: true },
        promoCode: { type: DataTypes.TEXT, allowNull: true },
        promotions: { type: DataTypes.JSONB, allowNull: false, defaultValue: DB_DEFAULT },
        userId: { type: DataTypes.UUID, allowNull: true },
        deviceId: { type: DataTypes.UUID, allowNull: true },
        orderTokenHash: { type: DataTypes.TEXT, allowNull: true },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: DB_DEFAULT },
        lastEventSeq: { type: DataTypes.BIGINT, allowNull: false, defaultValue: DB_DEFAULT },
        placedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
        updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DB_DEFAULT },
        cancelledAt: { type: DataTypes.DATE, allowNull: true },
        releaseAt: { type: DataTypes.DATE, allowNull: true },
        rushedAt: { type: DataTypes.DATE, allowNull: true },
        readyAt: { type: DataTypes.DATE, allowNull: true },
        held: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: DB_DEFAULT },
        allergies: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false, defaultValue: DB_DEFAULT },
      },
      { sequelize, modelName: 'Order', tableName: 'orders', underscored: true, timestamps: false },
    );
  }
}
