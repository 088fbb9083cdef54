import type { NonAttribute, Sequelize } from 'sequelize';
import { Category } from './Category';
import { Device } from './Device';
import { DiningTable } from './DiningTable';
import { Dish } from './Dish';
import { DishPairing } from './DishPairing';
import { Event } from './Event';
import { HotelStay } from './HotelStay';
import { IdempotencyKey } from './IdempotencyKey';
import { Ingredient } from './Ingredient';
import { ModifierGroup } from './ModifierGroup';
import { ModifierOption } from './ModifierOption';
import { Order } from './Order';
import { OrderItem } from './OrderItem';
import { OrderNumber } from './OrderNumber';
import { OutboxMessage } from './OutboxMessage';
import { Payment } from './Payment';
import { Promotion } from './Promotion';
import { PromotionUsage } from './PromotionUsage';
import { RecipeLine } from './RecipeLine';
import { Registration } from './Registration';
import { Reservation } from './Reservation';
import { ReservationTable } from './ReservationTable';
import { Restaurant } from './Restaurant';
import { RestaurantCounter } from './RestaurantCounter';
import { RoomLock } from './RoomLock';
import { SandboxCharge } from './SandboxCharge';
import { SandboxMail } from './SandboxMail';
import { Session } from './Session';
import { SignInCode } from './SignInCode';
import { StaffRestaurant } from './StaffRestaurant';
import { Station } from './Station';
import { StockMovement } from './StockMovement';
import { User } from './User';
import { WaitlistEntry } from './WaitlistEntry';

export {
  Category,
  Device,
  DiningTable,
  Dish,
  Event,
  HotelStay,
  IdempotencyKey,
  Ingredient,
  ModifierGroup,
  ModifierOption,
  Order,
  OrderItem,
  OrderNumber,
  OutboxMessage,
  Payment,
  Promotion,
  PromotionUsage,
  DishPairing,
  RecipeLine,
  Registration,
  Reservation,
  ReservationTable,
  Restaurant,
  RestaurantCounter,
  RoomLock,
  SandboxCharge,
  SandboxMail,
  Session,
  SignInCode,
  StaffRestaurant,
  Station,
  StockMovement,
  User,
  WaitlistEntry,
};

/**
 * Every model, bound to one Sequelize instance. Each declares `underscored` (camelCase
 * attributes, snake_case columns) and `timestamps: false`: created_at and the like are
 * stamped by their columns' database defaults, the same for raw SQL and models.
 */
export interface Models {
  Category: typeof Category;
  Device: typeof Device;
  DiningTable: typeof DiningTable;
  Dish: typeof Dish;
  Event: typeof Event;
  HotelStay: typeof HotelStay;
  IdempotencyKey: typeof IdempotencyKey;
  Ingredient: typeof Ingredient;
  ModifierGroup: typeof ModifierGroup;
  ModifierOption: typeof ModifierOption;
  Order: typeof Order;
  OrderItem: typeof OrderItem;
  OrderNumber: typeof OrderNumber;
  OutboxMessage: typeof OutboxMessage;
  Payment: typeof Payment;
  Promotion: typeof Promotion;
  PromotionUsage: typeof PromotionUsage;
  DishPairing: typeof DishPairing;
  RecipeLine: typeof RecipeLine;
  Registration: typeof Registration;
  Reservation: typeof Reservation;
  ReservationTable: typeof ReservationTable;
  Restaurant: typeof Restaurant;
  RestaurantCounter: typeof RestaurantCounter;
  RoomLock: typeof RoomLock;
  SandboxCharge: typeof SandboxCharge;
  SandboxMail: typeof SandboxMail;
  Session: typeof Session;
  SignInCode: typeof SignInCode;
  StaffRestaurant: typeof StaffRestaurant;
  Station: typeof Station;
  StockMovement: typeof StockMovement;
  User: typeof User;
  WaitlistEntry: typeof WaitlistEntry;
}

/*
 * One set of models per Sequelize instance. Sequelize binds a model class to the one
 * instance it was init()ed with, and a process holds several: a node's pool, the sandbox
 * processor's own pool, and in tests a suite's pool next to each node's. Binding the
 * exported classes once would send every model query to whichever instance came last
 * (or to a closed pool). So each instance gets subclasses of the exported classes
 * (`Dish.initIn(sequelize)`), kept here by instance: `models(sequelize).Dish.findAll()`
 * runs on that instance's pool, and its results are still `instanceof Dish`.
 */
const registry = new WeakMap<Sequelize, Models>();

/** Defines every model and association on `sequelize`; once per instance (createSequelize calls it). */
export function initModels(sequelize: Sequelize): Models {
  const existing = registry.get(sequelize);
  if (existing) return existing;
  const m: Models = {
    Category: Category.initIn(sequelize),
    Device: Device.initIn(sequelize),
    DiningTable: DiningTable.initIn(sequelize),
    Dish: Dish.initIn(sequelize),
    Event: Event.initIn(sequelize),
    HotelStay: HotelStay.initIn(sequelize),
    IdempotencyKey: IdempotencyKey.initIn(sequelize),
    Ingredient: Ingredient.initIn(sequelize),
    ModifierGroup: ModifierGroup.initIn(sequelize),
    ModifierOption: ModifierOption.initIn(sequelize),
    Order: Order.initIn(sequelize),
    OrderItem: OrderItem.initIn(sequelize),
    OrderNumber: OrderNumber.initIn(sequelize),
    OutboxMessage: OutboxMessage.initIn(sequelize),
    Payment: Payment.initIn(sequelize),
    Promotion: Promotion.initIn(sequelize),
    PromotionUsage: PromotionUsage.initIn(sequelize),
    DishPairing: DishPairing.initIn(sequelize),
    RecipeLine: RecipeLine.initIn(sequelize),
    Registration: Registration.initIn(sequelize),
    Reservation: Reservation.initIn(sequelize),
    ReservationTable: ReservationTable.initIn(sequelize),
    Restaurant: Restaurant.initIn(sequelize),
    RestaurantCounter: RestaurantCounter.initIn(sequelize),
    RoomLock: RoomLock.initIn(sequelize),
    SandboxCharge: SandboxCharge.initIn(sequelize),
    SandboxMail: SandboxMail.initIn(sequelize),
    Session: Session.initIn(sequelize),
    SignInCode: SignInCode.initIn(sequelize),
    StaffRestaurant: StaffRestaurant.initIn(sequelize),
    Station: Station.initIn(sequelize),
    StockMovement: StockMovement.initIn(sequelize),
    User: User.initIn(sequelize),
    WaitlistEntry: WaitlistEntry.initIn(sequelize),
  };
  associate(m);
  registry.set(sequelize, m);
  return m;
}

/** The models bound to `sequelize` (defined on first use for an instance made elsewhere). */
export function models(sequelize: Sequelize): Models {
  return registry.get(sequelize) ?? initModels(sequelize);
}

/**
 * Every association, in one place, so model files never import each other. Foreign keys
 * are the attributes the models declare; the database enforces them (we never sync()).
 */
function associate(m: Models): void {
  const restaurant = { foreignKey: 'restaurantId' } as const;
  m.Restaurant.hasOne(m.RestaurantCounter, { ...restaurant, as: 'counter' });
  m.Restaurant.hasMany(m.Station, { ...restaurant, as: 'stations' });
  m.Restaurant.hasMany(m.DiningTable, { ...restaurant, as: 'tables' });
  m.Restaurant.hasMany(m.Category, { ...restaurant, as: 'categories' });
  m.Restaurant.hasMany(m.Dish, { ...restaurant, as: 'dishes' });
  m.Restaurant.hasMany(m.Ingredient, { ...restaurant, as: 'ingredients' });
  m.Restaurant.hasMany(m.Device, { ...restaurant, as: 'devices' });
  m.Restaurant.hasMany(m.Promotion, { ...restaurant, as: 'promotions' });
  m.Restaurant.hasMany(m.Order, { ...restaurant, as: 'orders' });
  m.Restaurant.hasMany(m.Event, { ...restaurant, as: 'events' });
  for (const child of [
    m.RestaurantCounter,
    m.Station,
    m.DiningTable,
    m.Category,
    m.Dish,
    m.Ingredient,
    m.Device,
    m.Promotion,
    m.Order,
    m.OrderNumber,
    m.Event,
    m.StockMovement,
    m.Reservation,
    m.WaitlistEntry,
  ]) {
    (child as typeof m.Station).belongsTo(m.Restaurant, { ...restaurant, as: 'restaurant' });
  }

  m.Category.hasMany(m.Dish, { foreignKey: 'categoryId', as: 'dishes' });
  m.Dish.belongsTo(m.Category, { foreignKey: 'categoryId', as: 'category' });
  m.Dish.belongsTo(m.Station, { foreignKey: 'stationId', as: 'station' });
  m.Dish.hasMany(m.ModifierGroup, { foreignKey: 'dishId', as: 'modifierGroups' });
  m.ModifierGroup.belongsTo(m.Dish, { foreignKey: 'dishId', as: 'dish' });
  m.ModifierGroup.hasMany(m.ModifierOption, { foreignKey: 'groupId', as: 'options' });
  m.ModifierOption.belongsTo(m.ModifierGroup, { foreignKey: 'groupId', as: 'group' });

  m.Dish.hasMany(m.RecipeLine, { foreignKey: 'dishId', as: 'recipeLines' });
  m.RecipeLine.belongsTo(m.Dish, { foreignKey: 'dishId', as: 'dish' });
  m.RecipeLine.belongsTo(m.Ingredient, { foreignKey: 'ingredientId', as: 'ingredient' });
  m.Ingredient.hasMany(m.RecipeLine, { foreignKey: 'ingredientId', as: 'recipeLines' });
  m.Dish.belongsToMany(m.Ingredient, { through: m.RecipeLine, foreignKey: 'dishId', otherKey: 'ingredientId', as: 'ingredients' });
  m.Ingredient.belongsToMany(m.Dish, { through: m.RecipeLine, foreignKey: 'ingredientId', otherKey: 'dishId', as: 'dishes' });
  m.Ingredient.hasMany(m.StockMovement, { foreignKey: 'ingredientId', as: 'movements' });
  m.StockMovement.belongsTo(m.Ingredient, { foreignKey: 'ingredientId', as: 'ingredient' });
  m.StockMovement.belongsTo(m.Order, { foreignKey: 'orderId', as: 'order' });

  m.User.belongsToMany(m.Restaurant, { through: m.StaffRestaurant, foreignKey: 'userId', otherKey: 'restaurantId', as: 'restaurants' });
  m.Restaurant.belongsToMany(m.User, { through: m.StaffRestaurant, foreignKey: 'restaurantId', otherKey: 'userId', as: 'staff' });
  m.User.hasMany(m.StaffRestaurant, { foreignKey: 'userId', as: 'staffRestaurants' });
  m.Restaurant.hasMany(m.StaffRestaurant, { foreignKey: 'restaurantId', as: 'staffLinks' });
  m.User.hasMany(m.Session, { foreignKey: 'userId', as: 'sessions' });
  m.Session.belongsTo(m.User, { foreignKey: 'userId', as: 'user' });
  m.Device.hasMany(m.Session, { foreignKey: 'deviceId', as: 'sessions' });
  m.Session.belongsTo(m.Device, { foreignKey: 'deviceId', as: 'device' });
  m.Device.belongsTo(m.Station, { foreignKey: 'stationId', as: 'station' });
  m.Device.belongsTo(m.User, { foreignKey: 'createdBy', as: 'creator' });

  m.Order.hasMany(m.OrderItem, { foreignKey: 'orderId', as: 'items' });
  m.OrderItem.belongsTo(m.Order, { foreignKey: 'orderId', as: 'order' });
  m.OrderItem.belongsTo(m.Dish, { foreignKey: 'dishId', as: 'dish' });
  m.OrderItem.belongsTo(m.Station, { foreignKey: 'stationId', as: 'station' });
  m.Order.hasMany(m.Payment, { foreignKey: 'orderId', as: 'payments' });
  m.Payment.belongsTo(m.Order, { foreignKey: 'orderId', as: 'order' });
  m.Payment.belongsTo(m.HotelStay, { foreignKey: 'roomStayId', as: 'roomStay' });
  m.Order.belongsTo(m.DiningTable, { foreignKey: 'tableId', as: 'table' });
  m.Order.belongsTo(m.User, { foreignKey: 'userId', as: 'user' });
  m.Order.belongsTo(m.Device, { foreignKey: 'deviceId', as: 'device' });

  m.Reservation.hasMany(m.ReservationTable, { foreignKey: 'reservationId', as: 'holds' });
  m.ReservationTable.belongsTo(m.Reservation, { foreignKey: 'reservationId', as: 'reservation' });
  m.ReservationTable.belongsTo(m.DiningTable, { foreignKey: 'tableId', as: 'table' });
  m.Reservation.belongsTo(m.User, { foreignKey: 'userId', as: 'user' });
}

// What an include brings along (typed here, beside the associations, not in the model files).
declare module './Restaurant' {
  interface Restaurant {
    stations?: NonAttribute<Station[]>;
    tables?: NonAttribute<DiningTable[]>;
    categories?: NonAttribute<Category[]>;
    dishes?: NonAttribute<Dish[]>;
  }
}
declare module './Reservation' {
  interface Reservation {
    holds?: NonAttribute<ReservationTable[]>;
  }
}
declare module './Category' {
  interface Category {
    dishes?: NonAttribute<Dish[]>;
  }
}
declare module './Dish' {
  interface Dish {
    restaurant?: NonAttribute<Restaurant>;
    modifierGroups?: NonAttribute<ModifierGroup[]>;
    recipeLines?: NonAttribute<RecipeLine[]>;
  }
}
declare module './RecipeLine' {
  interface RecipeLine {
    ingredient?: NonAttribute<Ingredient>;
  }
}
declare module './ModifierGroup' {
  interface ModifierGroup {
    options?: NonAttribute<ModifierOption[]>;
  }
}
declare module './User' {
  interface User {
    staffRestaurants?: NonAttribute<StaffRestaurant[]>;
  }
}
declare module './Order' {
  interface Order {
    items?: NonAttribute<OrderItem[]>;
  }
}
declare module './OrderItem' {
  interface OrderItem {
    order?: NonAttribute<Order>;
  }
}
