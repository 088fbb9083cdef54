import { z } from 'zod';
import { safeText } from './schemas';
import { DepositPaymentFields, depositPaymentRefinement, LocalDateSchema, type Reservation } from './reservations';

// ---------------------------------------------------------------- waitlist

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export const WaitlistStatuses = ['waiting', 'offered', 'booked', 'expired', 'cancelled'] as const;
export type WaitlistStatus = (typeof WaitlistStatuses)[number];

/**
 * `POST /restaurants/:id/waitlist`: a guest waits for a table on `date` for `partySize`, any time
 * between `from` and `to` (local `HH:MM`, the whole day when absent). A host adds a walk-in party
 * to the same line (`date` today) without contact details.
 */
export const WaitlistJoinSchema = z
  .object({
    partySize: z.number().int().min(1).max(100),
    date: LocalDateSchema,
    from: z.string().regex(HHMM, 'HH:MM').optional(),
    to: z.string().regex(HHMM, 'HH:MM').optional(),
    name: safeText().trim().min(1).max(120),
    phone: safeText()
      .trim()
      .regex(/^\+?[0-9][0-9 ()-]{5,24}$/, 'a phone number of digits, spaces, ( ) and -, optionally starting with +'),
    email: z.email('an email address').max(254),
    notes: safeText().trim().max(500).optional(),
  })
  .refine((o) => !o.from || !o.to || o.from < o.to, { path: ['to'], message: 'after from' });
export type WaitlistJoin = z.infer<typeof WaitlistJoinSchema>;

/** `POST /waitlist/:id/accept` and `/cancel`: the entry's token (given when it joined); staff need none. */
export const WaitlistActionSchema = z.object({ token: z.string().max(200).optional() });
/**
 * `POST /waitlist/:id/accept`: books the offered table. When the restaurant's rules ask a deposit
 * for the party on that day it is paid here, as at booking (else 402 deposit_required).
 */
export const WaitlistAcceptSchema = z
  .object({ token: z.string().max(200).optional(), ...DepositPaymentFields })
  .superRefine(depositPaymentRefinement);
export type WaitlistAccept = z.infer<typeof WaitlistAcceptSchema>;

export const WaitlistReadQuerySchema = z.object({ token: z.string().max(200).optional() });
export const WaitlistListQuerySchema = z.object({ date: LocalDateSchema.optional() });

/**
 * A place in line. `offer` is set while `offered`: the slot held for this guest until `expiresAt`,
 * then passed to the next in line. `estimatedWaitMinutes` (staff, today's walk-ins) is when a fitting
 * table is expected free, from the bookings and seated parties on the floor.
 */
export interface WaitlistEntry {
  id: string;
  restaurantId: string;
  status: WaitlistStatus;
  partySize: number;
  date: string;
  from: string | null;
  to: string | null;
  position: number | null;
  offer: { startsAt: string; endsAt: string; expiresAt: string; tableIds: string[] } | null;
  estimatedWaitMinutes: number | null;
  reservationId: string | null;
  createdAt: string;
  version: number;
  /** Staff of its restaurant and the guest themself. */
  guest?: { name: string; phone: string; email: string };
  notes?: string | null;
}

export interface WaitlistJoinResponse {
  entry: WaitlistEntry;
  token: string;
}
export interface WaitlistAcceptResponse {
  entry: WaitlistEntry;
  reservation: Reservation;
  /** The new booking's own token, to manage it like any other. */
  token: string;
}
