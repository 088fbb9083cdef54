import { z } from 'zod';
import { IdSchema, safeText } from './schemas';

// ---------------------------------------------------------------- reservations

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as the restaurant's clock reads it, `YYYY-MM-DD`, and a real one. */
export const LocalDateSchema = z.string().refine(realDate, 'a date as YYYY-MM-DD (and a real one)');

function realDate(s: string): boolean {
  const at = YMD.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN;
  return !Number.isNaN(at) && new Date(at).toISOString().startsWith(s);
}

/**
 * A restaurant's booking rules (CONTRACT's bookingPolicy, stored as `restaurants.cancellation_policy`).
 * Times are in the restaurant's time zone. The cancellation, deposit and change fields are kept
 * for those steps; availability and booking read the rest.
 */
export const BookingPolicySchema = z.object({
  freeCancelHours: z.number().int().min(0).max(720),
  lateCancelFeePercent: z.number().int().min(0).max(100),
  noShowFeePercent: z.number().int().min(0).max(100),
  depositPerGuestCents: z.number().int().min(0),
  modifyUntilHours: z.number().int().min(0).max(720),
  /** The earliest a slot can be booked, from now. */
  bookingLeadMinutes: z.number().int().min(0).max(20_160),
  /** How many days ahead bookings open (today counts as day 0). */
  bookingHorizonDays: z.number().int().min(0).max(730),
  /** Slot start times are this many minutes apart, from each opening time. */
  slotMinutes: z.number().int().min(5).max(240),
  /** How long a booking holds its tables. */
  stayMinutes: z.number().int().min(15).max(720),
  /** Longer stays for larger parties: the first rule whose `upToPartySize` fits wins, else `stayMinutes`. */
  stayMinutesByPartySize: z
    .array(z.object({ upToPartySize: z.number().int().min(1).max(100), minutes: z.number().int().min(15).max(720) }))
    .max(20)
    .optional(),
  minPartySize: z.number().int().min(1).max(100),
  maxPartySize: z.number().int().min(1).max(100),
  /** Pacing: at most this many guests may start in one slot; absent = no limit beyond the tables. */
  coversPerSlot: z.number().int().min(1).max(1000).optional(),
  /** Days the restaurant takes no bookings, `YYYY-MM-DD` local. */
  closedDates: z.array(LocalDateSchema).max(366).optional(),
});
export type BookingPolicy = z.infer<typeof BookingPolicySchema>;

export const OpeningHoursSchema = z.object({
  day: z.number().int().min(0).max(6),
  opens: z.string().regex(HHMM, 'HH:MM'),
  closes: z.string().regex(HHMM, 'HH:MM'),
});

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

/** `POST /reservations` (header Idempotency-Key). */
export const ReservationCreateSchema = z.object({
  restaurantId: IdSchema,
  partySize: z.number().int().min(1).max(100),
  startsAt: z.iso.datetime({ offset: true }),
  name: safeText().trim().min(1).max(120),
  phone: safeText()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'a phone number of digits, spaces, ( ) and -, optionally starting with +'),
  email: z.email('an email address').max(254),
  notes: safeText().trim().max(500).optional(),
});
export type ReservationCreate = z.infer<typeof ReservationCreateSchema>;

/** `GET /restaurants/:id/reservations?date=` (the restaurant's today when no date). */
export const ReservationListQuerySchema = z.object({ date: LocalDateSchema.optional() });

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
  depositCents: number;
  notes: string | null;
  version: number;
  guest?: { name: string; phone: string; email: string };
}
