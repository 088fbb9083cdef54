import type { BookingPolicy } from '@dinewire/protocol';
import { AppError } from '../../errors';
import { weekday } from './localTime';

/**
 * The deposit the rules ask of a party on a local date: the first depositRule matching the party
 * size and the day of week sets the amount per guest, else depositPerGuestCents.
 */
export function depositFor(policy: BookingPolicy, partySize: number, date: string): number {
  const day = weekday(date);
  const rule = (policy.depositRules ?? []).find(
    (r) => partySize >= (r.fromPartySize ?? 1) && (r.days === undefined || r.days.includes(day)),
  );
  return partySize * (rule?.perGuestCents ?? policy.depositPerGuestCents);
}

/** A deposit is owed and the request pays nothing towards it: the amount, named by the field to give. */
export function depositRequired(amountCents: number): AppError {
  return new AppError('deposit_required', `This booking needs a deposit of ${amountCents} cents, by card or room charge.`, 402, [
    { field: 'paymentMethod', message: 'a deposit is required: card or room', amountCents },
  ]);
}
