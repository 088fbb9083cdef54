import type { Reservation } from '@dinewire/protocol';
import { decryptPii } from '../../lib/pii';
import type { Reservation as ReservationRow } from '../../models';
import { openReservation, type SealedReservation } from './reservationSecrets';

/**
 * A booking leaves the server only to its restaurant's hosts and managers (the list, the staff
 * scope's events) and to the guest who made it (the answer to their request): both are shown
 * the guest's contact. Every other audience gets no booking at all (presentReservationEvent).
 */
export function presentReservationEvent(piiKey: Buffer, sealed: SealedReservation, audience: string | null): Reservation | null {
  return audience === 'staff' ? openReservation(piiKey, sealed) : null;
}

/**
 * A stored booking and the tables it holds (or held), whole, contact opened. A walk-in may have
 * given no name, phone or email: those are stored as an encrypted empty value and shown as ''.
 */
export function reservationOfRow(
  piiKey: Buffer,
  row: ReservationRow,
  tableIds: string[],
): Reservation & { guest: NonNullable<Reservation['guest']> } {
  return {
    id: row.id,
    restaurantId: row.restaurantId,
    code: row.code,
    status: row.status,
    partySize: row.partySize,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    tableIds: [...tableIds].sort(),
    depositCents: row.depositCents,
    payment: row.paymentStatus,
    paidCents: row.paidCents,
    refundedCents: row.refundedCents,
    notes: row.notes ?? null,
    allergies: row.allergies ?? [],
    preorderOrderId: row.preorderOrderId ?? null,
    walkIn: row.walkIn,
    version: row.version,
    guest: {
      name: decryptPii(piiKey, row.nameEnc) ?? '',
      phone: decryptPii(piiKey, row.phoneEnc) ?? '',
      email: decryptPii(piiKey, row.emailEnc) ?? '',
    },
  };
}
