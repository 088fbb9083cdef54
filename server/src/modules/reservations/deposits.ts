import type { Transaction } from 'sequelize';
import type { Services } from '../../context';
import { AppError } from '../../errors';
import { models } from '../../models';
import type { DepositCard } from './depositCard';
import { DEPOSIT_CAPTURE, type DepositCaptureJob } from './depositJobs';

/** A deposit is owed and the request pays nothing towards it: the amount, named by the field to give. */
export function depositRequired(amountCents: number): AppError {
  return new AppError('deposit_required', `This booking needs a deposit of ${amountCents} cents, by card or room charge.`, 402, [
    { field: 'paymentMethod', message: 'a deposit is required: card or room', amountCents },
  ]);
}

/**
 * A deposit's charge row, in the transaction of the booking (or change, or accepted offer) it pays
 * for: by card, the authorization taken before the transaction, captured by its job after commit
 * (the row's id is the processor's idempotency key, and the job's: a top-up's capture is queued
 * even while the booking's first one waits); else settled on the room's bill at once.
 */
export async function recordDepositCharge(
  s: Pick<Services, 'sequelize' | 'jobs'>,
  t: Transaction,
  c: { reservationId: string; amountCents: number; card: DepositCard | null; roomStayId: string | null },
): Promise<void> {
  const auth = c.card?.authorization ?? null;
  await models(s.sequelize).Payment.create(
    {
      ...(c.card ? { id: c.card.paymentId } : {}),
      reservationId: c.reservationId,
      method: auth ? 'card' : 'room',
      kind: 'charge',
      amountCents: c.amountCents,
      processorRef: auth?.id ?? null,
      roomStayId: c.roomStayId,
      status: auth ? 'pending' : 'settled',
      settledAt: auth ? null : new Date(),
    },
    { transaction: t },
  );
  if (auth)
    await s.jobs.enqueue<DepositCaptureJob>(t, DEPOSIT_CAPTURE, { paymentId: c.card!.paymentId }, { singletonKey: c.card!.paymentId });
}
