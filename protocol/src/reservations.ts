import { z } from 'zod';
import { LocalDateSchema } from './bookingPolicy';
import { ALLERGENS, type Allergen } from './constants';
import { CardSchema, IdSchema, safeText, type Refund, type RestaurantRef } from './schemas';

// ---------------------------------------------------------------- reservations

export { BookingPolicySchema, depositFor, LocalDateSchema, OpeningHoursSchema, type BookingPolicy } from './bookingPolicy';

/** `GET /restaurants/:id/availability?date=&partySize=` */
export const AvailabilityQuerySchema = z.object({
  date: LocalDateSchema,
  partySize: z.coerce.number().int().min(1).max(100),
});

/** A bookable slot: when the party arrives and when its tables are free again (ISO 8601). */
export interface BookingSlot {
  startsAt: string;
  endsAt: string;
}
export interface AvailabilityResponse {
  slots: BookingSlot[];
}

export const ReservationStatuses = ['booked', 'seated', 'completed', 'cancelled', 'no_show'] as const;
export type ReservationStatus = (typeof ReservationStatuses)[number];

/** Where a booking's deposit stands (CONTRACT): none taken, being captured, paid, paid back in full or in part. */
export const ReservationPaymentStatuses = ['none', 'pending', 'paid', 'refunded', 'partially_refunded'] as const;
export type ReservationPaymentStatus = (typeof ReservationPaymentStatuses)[number];

/** How a deposit is paid: the card processor, or the guest's room bill (a hotel guest). */
export const DepositMethods = ['card', 'room'] as const;
export type DepositMethod = (typeof DepositMethods)[number];

/** A pre-ordered dish: its stock is held for the booking's day. */
export const PreorderLineSchema = z.object({
  dishId: IdSchema,
  quantity: z.number().int().min(1).max(50),
  note: safeText().max(200).optional(),
});

/** The deposit's payment, in the same request as the booking or the change that needs it. */
export const DepositPaymentFields = {
  paymentMethod: z.enum(DepositMethods).optional(),
  card: CardSchema.optional(),
  roomNumber: safeText().trim().min(1).max(10).optional(),
  /** The surname on the stay, for a room charge (as an order's room charge checks it). */
  guestName: safeText().trim().min(1).max(120).optional(),
  roomPin: safeText()
    .trim()
    .regex(/^[0-9]{4,8}$/, '4 to 8 digits')
    .optional(),
};

export function depositPaymentRefinement(
  o: { paymentMethod?: DepositMethod; card?: unknown; roomNumber?: string; guestName?: string; roomPin?: string },
  ctx: z.RefinementCtx,
): void {
  if (o.paymentMethod === 'card' && !o.card) ctx.addIssue({ code: 'custom', path: ['card'], message: 'required when paying by card' });
  if (o.paymentMethod !== 'card' && o.card) ctx.addIssue({ code: 'custom', path: ['card'], message: 'only allowed when paying by card' });
  if (o.paymentMethod === 'room') {
    if (!o.roomNumber) ctx.addIssue({ code: 'custom', path: ['roomNumber'], message: 'required when paying by room' });
    if (!o.guestName) ctx.addIssue({ code: 'custom', path: ['guestName'], message: 'required when paying by room' });
  } else if (o.roomNumber || o.roomPin) {
    ctx.addIssue({ code: 'custom', path: [o.roomNumber ? 'roomNumber' : 'roomPin'], message: 'only allowed when paying by room' });
  }
}

/** `POST /reservations` (header Idempotency-Key). */
export const ReservationCreateSchema = z
  .object({
    restaurantId: IdSchema,
    partySize: z.number().int().min(1).max(100),
    startsAt: z.iso.datetime({ offset: true }),
    name: safeText().trim().min(1).max(120),
    phone: safeText()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'a phone number of digits, spaces, ( ) and -, optionally starting with +'),
    email: z.email('an email address').max(254),
    notes: safeText().trim().max(500).optional(),
    /** The party's allergies: shown on the kitchen tickets of the pre-order and of orders at its table. */
    allergies: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length).optional(),
    preorder: z.array(PreorderLineSchema).min(1).max(30).optional(),
    ...DepositPaymentFields,
  })
  .superRefine(depositPaymentRefinement);
export type ReservationCreate = z.infer<typeof ReservationCreateSchema>;

/**
 * `PATCH /reservations/:id`: a new time, party size, or both. The change is all or nothing: when
 * no table can take it the booking stays exactly as it was (409 slot_unavailable). A change that
 * raises the deposit the rules ask for carries the difference's payment (else 402 deposit_required).
 * A guest passes the booking's token (body or `?token=`); staff of its restaurant need none.
 */
export const ReservationChangeSchema = z
  .object({
    startsAt: z.iso.datetime({ offset: true }).optional(),
    partySize: z.number().int().min(1).max(100).optional(),
    /** Refused with 409 version_conflict when the booking has changed since (optional). */
    version: z.number().int().min(1).optional(),
    token: z.string().max(200).optional(),
    ...DepositPaymentFields,
  })
  .superRefine((o, ctx) => {
    if (o.startsAt === undefined && o.partySize === undefined) {
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'a new startsAt or partySize' });
    }
    depositPaymentRefinement(o, ctx);
  });
export type ReservationChange = z.infer<typeof ReservationChangeSchema>;

/** `POST /reservations/:id/cancel`, and the host's seat / complete / no-show: the guest's token when no staff. */
export const ReservationActionSchema = z.object({
  token: z.string().max(200).optional(),
  version: z.number().int().min(1).optional(),
  /** Staff cancelling "on the restaurant": the whole deposit back, whatever the cutoff (refused to guests). */
  waiveFee: z.boolean().optional(),
});

/**
 * `GET /reservations/:id/cancellation`: the policy and what cancelling now would refund, for the
 * guest to read before confirming. `freeUntil` is the cutoff (free cancellation before it).
 */
export interface CancellationQuote {
  policy: { freeCancelHours: number; lateCancelFeePercent: number; noShowFeePercent: number };
  freeUntil: string;
  paidCents: number;
  /** What cancelling now keeps (`feeCents`) and pays back (`amountCents`). */
  refund: Refund;
}

/** `POST /restaurants/:id/walk-ins` (host, manager): a party seated now, at the tables given or the best free ones. */
export const WalkInCreateSchema = z.object({
  partySize: z.number().int().min(1).max(100),
  name: safeText().trim().min(1).max(120).optional(),
  tableIds: z.array(IdSchema).min(1).max(10).optional(),
  notes: safeText().trim().max(500).optional(),
});
export type WalkInCreate = z.infer<typeof WalkInCreateSchema>;

/** `GET /restaurants/:id/reservations?date=` (the restaurant's today when no date). */
export const ReservationListQuerySchema = z.object({ date: LocalDateSchema.optional() });
/** Its answer: the day's bookings in start order, and the restaurant's seq they are current to (the cursor to follow from). */
export interface ReservationListResponse {
  reservations: Reservation[];
  latestSeq: number;
}

/**
 * A booking. Everyone it is shown to sees the booking itself; the guest's contact details only
 * staff of its restaurant and the guest who made it (`guest`).
 */
export interface Reservation {
  id: string;
  restaurantId: string;
  code: string;
  status: ReservationStatus;
  partySize: number;
  startsAt: string;
  endsAt: string;
  tableIds: string[];
  /** The deposit the booking's rules asked for (0 when none). */
  depositCents: number;
  payment: ReservationPaymentStatus;
  /** Paid so far, and paid back so far. */
  paidCents: number;
  refundedCents: number;
  notes: string | null;
  allergies: Allergen[];
  /** The pre-order's order (placed with the booking, sent to the kitchen when the party is seated). */
  preorderOrderId: string | null;
  /** A walk-in, seated by the host without a booking. */
  walkIn: boolean;
  version: number;
  guest?: { name: string; phone: string; email: string };
}

/** `GET /me/reservations`: the guest's bookings, newest first, and the restaurants they are at. */
export interface MyReservationsResponse {
  reservations: Reservation[];
  restaurants: RestaurantRef[];
}
