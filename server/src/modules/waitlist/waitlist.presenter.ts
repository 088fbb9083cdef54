import type { WaitlistEntry } from '@dinewire/protocol';
import { decryptPii } from '../../lib/pii';
import type { WaitlistEntry as EntryRow } from '../../models';
import { openEntry, type SealedWaitlistEntry } from './waitlistSecrets';

/**
 * An entry leaves the server to its restaurant's hosts and managers (the list, the staff scope's
 * events) and to its guest (by token or account): both see the contact. `offer` only while
 * offered; `reservationId` only once booked (before, it is the hold, nobody's business).
 */
export function entryOfRow(
  piiKey: Buffer,
  row: EntryRow,
  extra: { position?: number | null; estimatedWaitMinutes?: number | null } = {},
): WaitlistEntry & { guest: NonNullable<WaitlistEntry['guest']> } {
  const offered = row.status === 'offered' && row.offerStartsAt && row.offerEndsAt && row.offerExpiresAt;
  return {
    id: row.id,
    restaurantId: row.restaurantId,
    status: row.status,
    partySize: row.partySize,
    date: row.date,
    from: row.fromTime ?? null,
    to: row.toTime ?? null,
    position: extra.position ?? null,
    offer: offered
      ? {
          startsAt: row.offerStartsAt!.toISOString(),
          endsAt: row.offerEndsAt!.toISOString(),
          expiresAt: row.offerExpiresAt!.toISOString(),
          tableIds: [...(row.offerTableIds ?? [])].sort(),
        }
      : null,
    estimatedWaitMinutes: extra.estimatedWaitMinutes ?? null,
    reservationId: row.status === 'booked' ? (row.reservationId ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
    guest: {
      name: decryptPii(piiKey, row.nameEnc)!,
      phone: decryptPii(piiKey, row.phoneEnc)!,
      email: decryptPii(piiKey, row.emailEnc)!,
    },
    notes: row.notes ?? null,
  };
}

/** 'waitlist.updated' goes to the staff scope only; any other audience gets nothing. */
export function presentWaitlistEvent(piiKey: Buffer, sealed: SealedWaitlistEntry, audience: string | null): WaitlistEntry | null {
  return audience === 'staff' ? openEntry(piiKey, sealed) : null;
}
