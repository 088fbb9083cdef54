import { type Ctx, inTransaction } from '../../context';
import { invalidTransition, notFound } from '../../errors';
import { models } from '../../models';
import { authorize } from '../../policies';
import type { LoadedOrder } from './order.presenter';
import { cancelUncharged } from './orderCanceller';
import { commitOrderChange } from './orderChange';
import { findOrder } from './orderReader';

/**
 * A host or manager decides a room charge held for staff (placed from a guest's device without the
 * stay's PIN at a restaurant that holds such charges): `confirm` charges the room (its payment row is
 * written now) and lets the kitchen start; `decline` cancels the order and gives its stock back.
 */
export async function decideHeldRoomCharge(ctx: Ctx, props: { orderId: string; decision: 'confirm' | 'decline' }): Promise<LoadedOrder> {
  return inTransaction(ctx, async (t, emit) => {
    const o = await findOrder(ctx.sequelize, props.orderId, t, true);
    if (!o) throw notFound('Order');
    authorize(ctx.actor, 'order.confirmRoomCharge', { restaurantId: o.restaurantId });
    if (o.paymentStatus !== 'awaiting_confirmation' || o.status === 'cancelled') {
      throw invalidTransition('This order has no room charge waiting for confirmation.');
    }
    if (props.decision === 'decline') {
      return cancelUncharged(ctx, t, o, emit, { actor: ctx.actor, paymentStatus: 'void', note: 'room charge declined by staff' });
    }
    const m = models(ctx.sequelize);
    await m.Payment.create(
      {
        orderId: o.id,
        method: 'room',
        kind: 'charge',
        amountCents: o.totalCents,
        roomStayId: o.roomStayId,
        status: 'settled',
        settledAt: new Date(),
      },
      { transaction: t },
    );
    await m.Order.update({ paymentStatus: 'charged_to_room' }, { where: { id: o.id }, transaction: t });
    return commitOrderChange(ctx, t, o, emit);
  });
}
