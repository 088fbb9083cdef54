import { z } from 'zod';
import { ALLERGENS, DIETARY_NEEDS, type Allergen } from './constants';
import type { BookingPolicy } from './bookingPolicy';

export const Locales = ['en', 'zh-Hant', 'zh-Hans'] as const;
export const LocaleSchema = z.enum(Locales);
export type Locale = z.infer<typeof LocaleSchema>;

// NUL cannot be stored by PostgreSQL and an unpaired surrogate is not text: both are refused at the edge.
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates';
/** True for text PostgreSQL can store as it was sent. */
export function isSafeText(s: string): boolean {
  return !UNSAFE_TEXT.test(s);
}
/** Every free-text field starts here. */
export const safeText = () => z.string().refine(isSafeText, UNSAFE_TEXT_MESSAGE);

export const LocalizedTextSchema = z.object({
  en: safeText().min(1).max(500),
  'zh-Hant': safeText().min(1).max(500),
  'zh-Hans': safeText().min(1).max(500),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const IdSchema = z.uuid();

/** Query strings arrive as strings; these coerce and bound them. */
const intQuery = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const csv = safeText()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );

// ---------------------------------------------------------------- accounts

export const Roles = ['manager', 'kitchen', 'host', 'guest'] as const;
export type Role = (typeof Roles)[number];
export const DeviceKinds = ['kiosk', 'kitchen', 'board'] as const;
export type DeviceKind = (typeof DeviceKinds)[number];

export const LoginSchema = z.object({
  email: z.email().max(254),
  password: safeText().min(1).max(200),
});
export const RegisterSchema = z.object({
  name: safeText().trim().min(1).max(120),
  email: z.email().max(254),
  phone: safeText()
    .trim()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number of 6 to 20 digits'),
  // The server also refuses common passwords (modules/accounts/passwordPolicy).
  password: safeText().min(10, 'at least 10 characters').max(200),
});
const PhoneSchema = safeText()
  .trim()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'a phone number of 6 to 20 digits');
/** Whom a one-time sign-in code goes to: an email or a phone (by SMS), exactly one. */
const SignInContact = {
  email: z.email().max(254).optional(),
  phone: PhoneSchema.optional(),
};
const oneContact = (b: { email?: string; phone?: string }) => (b.email === undefined) !== (b.phone === undefined);
const ONE_CONTACT = { message: 'give an email or a phone (one of them)', path: ['email'] };
/** POST /auth/code: a code to sign in with is sent (202 whether or not an account has the contact). */
export const SignInCodeRequestSchema = z.strictObject(SignInContact).refine(oneContact, ONE_CONTACT);
/** POST /auth/code/verify: the code sent, for the same contact. */
export const SignInCodeVerifySchema = z
  .strictObject({ ...SignInContact, code: z.string().regex(/^[0-9]{6}$/, 'the six digits sent') })
  .refine(oneContact, ONE_CONTACT);
/** PATCH /me: what a guest changes in their profile; nothing else may be sent. */
export const ProfileUpdateSchema = z.strictObject({
  name: safeText().trim().min(1).max(120).optional(),
  phone: PhoneSchema.optional(),
  allergies: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length).optional(),
  dietary: z.array(z.enum(DIETARY_NEEDS)).max(DIETARY_NEEDS.length).optional(),
});
/** DELETE /me: proof it is the owner, by the password or a fresh sign-in code sent to the account's email. */
export const AccountEraseSchema = z
  .strictObject({
    password: safeText().min(1).max(200).optional(),
    code: z
      .string()
      .regex(/^[0-9]{6}$/, 'the six digits sent')
      .optional(),
  })
  .refine((b) => (b.password === undefined) !== (b.code === undefined), {
    message: 'give the password or a sign-in code',
    path: ['password'],
  });
/** GET/PATCH /me: the account with the profile only its owner sees. */
export interface Profile extends User {
  phone: string | null;
  allergies: string[];
  dietary: string[];
}
/** The code the registration message carries: it finishes signing up. */
export const RegisterVerifySchema = z.object({
  code: safeText().trim().min(1).max(200),
});
export const DeviceCreateSchema = z.object({
  restaurantId: IdSchema,
  kind: z.enum(DeviceKinds),
  stationId: IdSchema.optional(),
  name: safeText().trim().min(1).max(80).optional(),
});
export const DeviceRenameSchema = z.object({
  name: safeText().trim().min(1).max(80),
});
export const DevicePairSchema = z.object({
  pairingCode: safeText().trim().min(4).max(16),
  /**
   * The kinds of screen the app asking can run (the staff app: kitchen screens and boards; the
   * kiosk app: kiosks). A code for another kind is refused and left unused, with the address
   * where it pairs. Omitted: any kind.
   */
  kinds: z.array(z.enum(DeviceKinds)).min(1).max(3).optional(),
});

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  restaurantIds: string[];
}
export interface Device {
  id: string;
  restaurantId: string;
  kind: DeviceKind;
  stationId: string | null;
  name: string;
  /** Until when its pairing code (shown once, at creation) may be used; null once paired or revoked. */
  pairingExpiresAt: string | null;
  pairedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}
/** One table's card on the printed sheet: its guest ordering address and that address as a QR code. */
export interface TableQrCode {
  id: string;
  name: string;
  seats: number;
  /** `<public origin>/kiosk/r/<slug>?table=<id>` (CONTRACT's Screens). */
  url: string;
  /** The code as an SVG document the server drew. */
  svg: string;
}
/** `GET /restaurants/:id/tables/qr-codes`: the sheet a manager prints. */
export interface TableQrSheet {
  restaurant: { id: string; name: string; slug: string };
  tables: TableQrCode[];
}

// ---------------------------------------------------------------- menu

export const RestaurantQuerySchema = z.object({
  cuisine: safeText().max(60).optional(),
  area: safeText().max(60).optional(),
  priceLevel: intQuery(1, 4).optional(),
  q: safeText().max(100).optional(),
  lang: LocaleSchema.optional(),
});
export const MenuQuerySchema = z.object({ lang: LocaleSchema.optional() });
export const DishSearchSchema = z.object({
  q: safeText().max(100).optional(),
  restaurantId: IdSchema.optional(),
  cuisine: safeText().max(60).optional(),
  maxPriceCents: intQuery(0, 100_000_000).optional(),
  tags: csv.optional(),
  excludeAllergens: csv.optional(),
  lang: LocaleSchema.optional(),
});

export interface OpeningHours {
  /** 0 = Sunday … 6 = Saturday; times are local `HH:MM`. */
  day: number;
  opens: string;
  closes: string;
}

export interface Restaurant {
  id: string;
  slug: string;
  name: string;
  description: string;
  names: LocalizedText;
  cuisine: string;
  area: string;
  priceLevel: number;
  timeZone: string;
  currency: string;
  taxRateBps: number;
  serviceChargeBps: number;
  openingHours: OpeningHours[];
  /** Its booking rules (horizon, party sizes, deposits, cancellation), public; null when it takes no bookings. */
  bookingPolicy?: BookingPolicy | null;
  imageUrl: string | null;
  stations: { id: string; name: string }[];
  /** `GET /restaurants/:id` only: its tables (a kitchen ticket names its table by label). */
  tables?: { id: string; label: string; seats: number }[];
  /** Staff and the restaurant's screens only: when a kitchen ticket turns amber, then red. */
  ticketAges?: TicketAges;
}

/** A restaurant as a guest's order history names it: enough to show it and open its menu. */
export type RestaurantRef = Pick<Restaurant, 'id' | 'slug' | 'names' | 'timeZone'>;

/** Minutes after which a kitchen ticket shows amber, then red. */
export interface TicketAges {
  amberMinutes: number;
  redMinutes: number;
}
/** A manager sets either threshold or both; amber must stay below red (checked with the stored other). */
export const TicketAgesUpdateSchema = z
  .object({
    amberMinutes: z.number().int().min(1).max(240).optional(),
    redMinutes: z.number().int().min(2).max(480).optional(),
  })
  .strict()
  .refine((b) => b.amberMinutes !== undefined || b.redMinutes !== undefined, { message: 'give amberMinutes, redMinutes or both' })
  .refine((b) => b.amberMinutes === undefined || b.redMinutes === undefined || b.amberMinutes < b.redMinutes, {
    path: ['amberMinutes'],
    message: 'must be less than redMinutes',
  });
export type TicketAgesUpdate = z.infer<typeof TicketAgesUpdateSchema>;

export interface ModifierOption {
  id: string;
  name: string;
  priceDeltaCents: number;
}
export interface ModifierGroup {
  id: string;
  name: string;
  required: boolean;
  minChoices: number;
  maxChoices: number;
  options: ModifierOption[];
}
export interface Dish {
  id: string;
  restaurantId: string;
  categoryId: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  imageUrl: string | null;
  tags: string[];
  allergens: string[];
  spiceLevel: number;
  modifiers: ModifierGroup[];
  available: boolean;
  /** How many portions the stock still makes; null where untracked. */
  remaining: number | null;
  /** Taken off by hand ("86") by the staff: not available whatever the stock. */
  soldOutByHand?: boolean;
  /** Staff only. */
  stationId?: string | null;
  recipe?: { ingredientId: string; quantity: number }[];
}
export interface MenuCategory {
  id: string;
  name: string;
  dishes: Dish[];
}
export interface Menu {
  restaurant: Restaurant;
  categories: MenuCategory[];
  /** The restaurant's seq this menu is current as of: subscribe from here. */
  latestSeq: number;
}

// ---------------------------------------------------------------- orders

export const Channels = ['kiosk', 'web', 'staff', 'room'] as const;
export const PaymentMethods = ['card', 'counter', 'room'] as const;
export type PaymentMethod = (typeof PaymentMethods)[number];

/** Card details travel to the processor and are never stored (only brand and last four digits). */
export const CardSchema = z.object({
  number: safeText().regex(/^[0-9 ]{12,23}$/, 'a card number of 12 to 19 digits'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: safeText().regex(/^[0-9]{3,4}$/, '3 or 4 digits'),
});
export type Card = z.infer<typeof CardSchema>;

export const OrderItemInputSchema = z.object({
  dishId: IdSchema,
  quantity: z.number().int().min(1).max(99),
  modifierIds: z.array(IdSchema).max(20).optional(),
  note: safeText().max(200).optional(),
});

const OrderBodySchema = z.object({
  restaurantId: IdSchema,
  channel: z.enum(Channels),
  tableId: IdSchema.optional(),
  items: z.array(OrderItemInputSchema).min(1).max(50),
  promoCode: safeText().trim().min(1).max(40).optional(),
  paymentMethod: z.enum(PaymentMethods),
  roomNumber: safeText().trim().min(1).max(10).optional(),
  guestName: safeText().trim().min(1).max(120).optional(),
  /** The stay's PIN, given at check-in: needed for a room charge from a guest's own device. */
  roomPin: safeText()
    .trim()
    .regex(/^[0-9]{4,8}$/, '4 to 8 digits')
    .optional(),
  card: CardSchema.optional(),
});

/**
 * The checks across fields; a preview (`complete` false) may leave out what only paying needs (the
 * card of a card order, the room and name of a room charge): the cart asks for totals before checkout.
 */
const orderBodyRefinement = (complete: boolean) => (o: z.infer<typeof OrderBodySchema>, ctx: z.RefinementCtx) => {
  if (complete && o.paymentMethod === 'room') {
    if (!o.roomNumber) ctx.addIssue({ code: 'custom', path: ['roomNumber'], message: 'required when paying by room' });
    if (!o.guestName) ctx.addIssue({ code: 'custom', path: ['guestName'], message: 'required when paying by room' });
  }
  if (o.paymentMethod !== 'room' && o.roomPin) {
    ctx.addIssue({ code: 'custom', path: ['roomPin'], message: 'only allowed when paying by room' });
  }
  if (complete && o.paymentMethod === 'card' && !o.card) {
    ctx.addIssue({ code: 'custom', path: ['card'], message: 'required when paying by card' });
  }
  if (o.paymentMethod !== 'card' && o.card) {
    ctx.addIssue({ code: 'custom', path: ['card'], message: 'only allowed when paying by card' });
  }
};

export const OrderCreateSchema = OrderBodySchema.superRefine(orderBodyRefinement(true));
export type OrderCreate = z.infer<typeof OrderCreateSchema>;
/** The body of `POST /orders/preview`: an order's, the card and room details optional (never used). */
export const OrderPreviewSchema = OrderBodySchema.superRefine(orderBodyRefinement(false));

/**
 * `POST /orders/preview`: what placing the same body would charge now (nothing is written, no stock
 * taken, no card touched). Totals include every line, `unavailable` names the cart's dishes that
 * cannot be ordered now (sold out, or short of stock for that quantity); `freeItems` are dishes a
 * promotion adds free (their price is in `subtotalCents` and the same in `discountCents`).
 * `promoCodeProblem`: why a known code does not apply to this cart (the order would be refused
 * with 400 on `promoCode`); an unknown or expired code is 400 on `promoCode` here too.
 */
export interface OrderPreview {
  subtotalCents: number;
  discountCents: number;
  serviceChargeCents: number;
  taxCents: number;
  totalCents: number;
  currency: string;
  promotions: { id: string; name: string; amountCents: number }[];
  nextThreshold: { spendMoreCents: number; saveCents: number; promotionName: string } | null;
  unavailable: { dishId: string }[];
  freeItems: { dishId: string; name: string; quantity: number; promotionId: string }[];
  promoCodeProblem: string | null;
}

/** `GET /restaurants/:id/recommendations?dishIds=a,b&limit=`: "goes well with" those dishes. */
export const RecommendationsQuerySchema = z.object({
  dishIds: z
    .string({ error: 'required: dish ids, separated by commas' })
    .max(2000)
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(IdSchema).min(1, 'at least one dish id').max(50)),
  limit: intQuery(1, 20).default(6),
});

/** Best first; `score` orders them (the sum of how strongly each goes with the asked dishes, each in (0, 1]). */
export interface Recommendations {
  dishes: { dishId: string; score: number }[];
}

export const OrderPreviewQuerySchema = z.object({ lang: LocaleSchema.optional() });

export const ItemStatuses = ['queued', 'cooking', 'ready', 'served', 'cancelled'] as const;
export type ItemStatus = (typeof ItemStatuses)[number];
export const OrderStatuses = ['placed', 'preparing', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof OrderStatuses)[number];
/** `awaiting_confirmation`: a room charge held for a host or manager to confirm (the kitchen waits for it). */
export const PaymentStatuses = [
  'paid',
  'due',
  'charged_to_room',
  'awaiting_confirmation',
  'refunded',
  'partially_refunded',
  'void',
] as const;
export type PaymentStatus = (typeof PaymentStatuses)[number];

export interface OrderItem {
  id: string;
  dishId: string;
  name: string;
  /** The dish's name in every language, as it was when ordered. */
  names: LocalizedText;
  quantity: number;
  modifiers: { id: string; name: string; names: LocalizedText; priceDeltaCents: number }[];
  note: string | null;
  unitPriceCents: number;
  lineTotalCents: number;
  status: ItemStatus;
  stationId: string | null;
  statusChangedAt: string;
}

export interface AppliedPromotion {
  id: string;
  name: string;
  names: LocalizedText;
  amountCents: number;
}

export interface Order {
  id: string;
  restaurantId: string;
  number: number;
  channel: (typeof Channels)[number];
  tableId: string | null;
  status: OrderStatus;
  items: OrderItem[];
  subtotalCents: number;
  discountCents: number;
  serviceChargeCents: number;
  taxCents: number;
  totalCents: number;
  refundedCents: number;
  currency: string;
  paymentMethod: PaymentMethod;
  paymentStatus: PaymentStatus;
  /** Staff and the owner only; absent on the kitchen and board presentations. */
  guestName?: string | null;
  roomNumber?: string | null;
  cardLast4?: string | null;
  promoCode?: string | null;
  /**
   * The promotions applied, in the order they were applied, with what each took off (their sum is
   * `discountCents`); `name` in English, `names` in every language. Staff and the owner only.
   */
  promotions?: AppliedPromotion[];
  placedAt: string;
  updatedAt: string;
  /** When the kitchen was asked to rush it; null when not rushed. Staff and the kitchen only. */
  rushedAt: string | null;
  /**
   * What the guests it is for cannot eat (protocol ALLERGENS): a booking's pre-order carries the
   * booking's and the guest account's allergies, an order placed at a table while a seated booking
   * holds it the same of that booking. Staff and the kitchen see it on the ticket; the server always
   * sends it (empty when none), older clients may leave it out.
   */
  allergies?: Allergen[];
  version: number;
}

/** Bumping or recalling one item; `from`: the status the screen showed (409 if it moved since). */
export const ItemMoveSchema = z
  .object({ from: z.enum(ItemStatuses).optional() })
  .strict()
  .optional();

export const OrderRushSchema = z.object({ rushed: z.boolean() }).strict();

/** Bumping (or recalling) a whole ticket: one station's items, or every station's. */
export const TicketMoveSchema = z
  .object({
    stationId: IdSchema.optional(),
    /**
     * The statuses of the items as the screen showed them: a ticket that changed since (another
     * cook bumped it) is refused with 409, so two cooks bumping at once never move it two steps.
     */
    seen: z.record(IdSchema, z.enum(ItemStatuses)),
  })
  .strict();
export type TicketMove = z.infer<typeof TicketMoveSchema>;

/** The recall list: items a station moved to ready or served in the last `minutes`. */
export const RecentlyBumpedQuerySchema = z.object({
  stationId: IdSchema.optional(),
  minutes: intQuery(1, 60).default(10),
});

export const OrderListQuerySchema = z.object({
  status: safeText()
    .max(100)
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(OrderStatuses)))
    .optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});
export const OrderReadQuerySchema = z.object({ token: safeText().max(200).optional() });
export const OrderCancelSchema = z.object({ reason: safeText().max(200).optional() }).optional();

/** A room whose self-service room charges are locked after repeated misses (staff only). */
export interface RoomLock {
  roomNumber: string;
  misses: number;
  lockedAt: string;
  restaurantId: string | null;
}
export const RoomNumberParamSchema = safeText().trim().min(1).max(10);

export interface Refund {
  amountCents: number;
  feeCents: number;
}

// ---------------------------------------------------------------- inventory

export const AdjustmentReasons = ['receive', 'waste', 'count', 'correction'] as const;
// Stock is numeric(14,3): a finer number would be rounded away, so it is refused instead.
const thousandthsOk = (n: number) => Math.abs(n * 1000 - Math.round(n * 1000)) < 1e-6;
export const InventoryAdjustmentSchema = z
  .object({
    delta: z
      .number()
      .finite()
      .refine((n) => n !== 0, 'must not be zero')
      .refine((n) => Math.abs(n) <= 1_000_000, 'at most 1,000,000 in size')
      .refine(thousandthsOk, 'a multiple of 0.001')
      .optional(),
    /** A count: the quantity counted on the shelf; the server takes the difference under the row's lock. */
    quantity: z.number().finite().min(0).max(1_000_000).refine(thousandthsOk, 'a multiple of 0.001').optional(),
    reason: z.enum(AdjustmentReasons),
    note: safeText().max(200).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.quantity !== undefined && b.reason !== 'count') {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'only a count sets the quantity; give a delta' });
    } else if (b.quantity !== undefined && b.delta !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['delta'], message: 'give either a delta or the counted quantity, not both' });
    } else if (b.quantity === undefined && b.delta === undefined) {
      ctx.addIssue({ code: 'custom', path: ['delta'], message: 'required (or, for a count, the counted quantity)' });
    }
  });

/** A manager or the kitchen takes a dish off ("86", `available: false`) or puts it back. */
export const DishAvailabilitySchema = z.object({ available: z.boolean() });

export const StockMovementQuerySchema = z.object({
  ingredientId: IdSchema.optional(),
  /** Movements older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: intQuery(1, 200).optional(),
});

/** One line of the stock ledger as the inventory screen shows it. */
export interface StockMovementView {
  id: number;
  ingredientId: string;
  /** The ingredient's name in English (`names` has every language). */
  name: string;
  names: LocalizedText;
  unit: string;
  delta: number;
  quantityAfter: number;
  reason: 'order' | 'cancel' | 'receive' | 'waste' | 'count' | 'correction' | 'seed';
  note: string | null;
  /** The order that took or gave back the stock, by its pickup number. */
  orderId: string | null;
  orderNumber: number | null;
  /** Who: a staff member's name, a device's name, or the kind of caller (a guest's order: `anonymous`, or `guest` signed in, never named). */
  actorKind: string;
  actorName: string | null;
  at: string;
}

export interface Ingredient {
  id: string;
  name: string;
  names: LocalizedText;
  unit: string;
  quantity: number;
  lowThreshold: number;
}

// ---------------------------------------------------------------- live figures

/**
 * The manager's live view of one restaurant (GET /restaurants/:id/live). Tickets are orders
 * still cooking (placed or preparing); ticket time runs from placed to all ready (or completed).
 * Covers: one per order (orders carry no party size). Cancelled orders count nowhere.
 */
export interface LiveFigures {
  restaurantId: string;
  at: string;
  currency: string;
  /** Orders a minute over the last 5 and 15 minutes. */
  ordersPerMinute: { last5: number; last15: number };
  openTickets: number;
  /** Open tickets (orders with an item queued or cooking there) and their open items, per station. */
  stations: { stationId: string; name: string; names: LocalizedText; tickets: number; items: number }[];
  /** Open tickets with items of no station. */
  unstationedTickets: number;
  oldestTicket: { orderId: string; number: number; placedAt: string; ageSeconds: number } | null;
  /** Today's tickets that reached ready. */
  ticketSeconds: { count: number; average: number | null; p90: number | null };
  today: { orders: number; covers: number; revenueCents: number };
  /** The last hour, a point a minute (oldest first): orders placed, and the median ticket time of those ready that minute. */
  series: { minute: string; orders: number; medianTicketSeconds: number | null }[];
  /**
   * Booked covers ahead: the party sizes (and count) of bookings still `booked` that start from
   * now, within the next `hours` hours and before the restaurant's day ends. A booking past its
   * start but not yet seated is no longer counted (it is late, or about to be a no-show).
   */
  upcomingCovers: { hours: number; nextHours: number; nextHoursBookings: number; restOfDay: number; restOfDayBookings: number };
}

/** What each node of the cluster says about itself (GET /cluster/nodes). */
export interface ClusterNode {
  id: string;
  url: string;
  pid: number;
  startedAt: string;
  sockets: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes?: number;
  /** p99 of the event-loop delay over the last reporting interval (kept for older readers). */
  eventLoopLagMs: number;
  eventLoopLagP50Ms?: number;
  eventLoopLagP99Ms?: number;
  /** This node's database pool: connections open, idle and in use, and requests waiting for one. */
  dbPool?: { size: number; available: number; using: number; waiting: number; max: number } | null;
  at: string;
}
export interface ServiceHealth {
  ok: boolean;
  /** Round trip of a ping from the node that answered, in ms; null when it failed. */
  pingMs: number | null;
  /** false: not configured (a single node runs without Redis); `ok` is then true. */
  configured: boolean;
}
export interface ClusterHealth {
  nodes: ClusterNode[];
  database: ServiceHealth;
  redis: ServiceHealth;
  /** The node that answered, and when. */
  answeredBy: string;
  at: string;
}

// ---------------------------------------------------------------- events

export const Scopes = ['staff', 'kitchen', 'board', 'menu'] as const;
export type Scope = (typeof Scopes)[number];

export const EventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  scope: z.enum([...Scopes, 'order']).default('staff'),
  stationId: IdSchema.optional(),
  /** With `scope=order`: the order, and its `orderToken` when the caller is anonymous. */
  orderId: IdSchema.optional(),
  token: safeText().max(200).optional(),
  limit: intQuery(1, 1000).optional(),
});
