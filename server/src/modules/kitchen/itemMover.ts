import type { ItemStatus } from '@dinewire/protocol';
import { fn, type Transaction } from 'sequelize';
import { type Ctx, inTransaction } from '../../context';
import { fieldError, invalidTransition, notFound } from '../../errors';
import { models, type Order as OrderModel } from '../../models';
import { authorize, can } from '../../policies';
import { accessOf, type LoadedOrder } from '../orders/order.presenter';
import { commitOrderChange } from '../orders/orderChange';
import { findOrder } from '../orders/orderReader';
import { stepFrom } from './itemStatus';

export type Direction = 'bump' | 'recall';

/** What stops any item of an order from moving. */
function refuseFrozen(o: OrderModel): void {
  if (o.status === 'cancelled') throw invalidTransition('The order was cancelled.');
  // A held room charge: nothing is cooked until a host or manager confirms it.
  if (o.paymentStatus === 'awaiting_confirmation') throw invalidTransition('The order’s room charge waits for staff to confirm it.');
  // A booking's pre-order: nothing is cooked until the host seats its party.
  if (o.held) throw invalidTransition('This pre-order waits for its party to be seated.');
}

/** Moves items to their next (or previous) step, grouped by target: at most one statement per step. */
async function step(ctx: Ctx, t: Transaction, items: { id: string; status: ItemStatus }[], direction: Direction): Promise<void> {
  const { OrderItem } = models(ctx.sequelize);
  const byTarget = new Map<ItemStatus, string[]>();
  for (const i of items) {
    const to = stepFrom(i.status, direction)!;
    byTarget.set(to, [...(byTarget.get(to) ?? []), i.id]);
  }
  for (const [to, ids] of byTarget) {
    await OrderItem.update({ status: to, statusChangedAt: fn('now') }, { where: { id: ids }, transaction: t });
  }
}

/**
 * Kitchen: moves an item one step on (`bump`) or back (`recall`). With `from` (the status the
 * screen showed), an item that moved since is refused, so two cooks tapping it at once move it once.
 */
export async function moveItem(ctx: Ctx, props: { itemId: string; direction: Direction; from?: ItemStatus }): Promise<LoadedOrder> {
  const { OrderItem } = models(ctx.sequelize);
  return inTransaction(ctx, async (t, emit) => {
    const item = await OrderItem.findByPk(props.itemId, {
      include: [{ association: 'order', attributes: ['restaurantId'] }],
      transaction: t,
    });
    if (!item?.order) throw notFound('Item');
    authorize(ctx.actor, 'kitchen.move', { restaurantId: item.order.restaurantId, stationId: item.stationId });
    // Lock the order first (the same order every writer of an order takes), then re-read the item.
    const o = (await findOrder(ctx.sequelize, item.orderId, t, true))!;
    const from = (await OrderItem.findByPk(item.id, { attributes: ['status'], transaction: t }))!.status;
    refuseFrozen(o);
    if (from === 'cancelled') throw invalidTransition('The order was cancelled.');
    if (props.from && props.from !== from) throw invalidTransition(`The item is ${from} now, not ${props.from}: someone moved it.`);
    if (!stepFrom(from, props.direction)) {
      throw invalidTransition(
        props.direction === 'bump' ? `The item is already ${from}; it cannot move on.` : `The item is ${from}; there is no step back.`,
      );
    }
    await step(ctx, t, [{ id: item.id, status: from }], props.direction);
    return commitOrderChange(ctx, t, o, emit);
  });
}

/** Which of a ticket's items a whole-ticket move takes: a bump those not ready yet, a recall the ready ones. */
function movesWithTicket(status: ItemStatus, direction: Direction): boolean {
  return direction === 'bump' ? status === 'queued' || status === 'cooking' : status === 'ready';
}

/**
 * Kitchen: bumps a whole ticket (every item of one station, or of every station, not ready yet,
 * one step on) or recalls it (its ready items one step back), in one transaction and one event.
 * `seen` is the items' statuses as the screen showed them: if the ticket changed since (another
 * cook bumped it a moment before), nothing moves and the caller is told, so it never moves twice.
 */
export async function moveTicket(
  ctx: Ctx,
  props: { orderId: string; direction: Direction; stationId?: string; seen: Record<string, ItemStatus> },
): Promise<LoadedOrder> {
  const m = models(ctx.sequelize);
  return inTransaction(ctx, async (t, emit) => {
    const head = await findOrder(ctx.sequelize, props.orderId, t);
    // Whoever may not see the order learns nothing of it, not even that it exists.
    if (!head || !can(ctx.actor, 'order.read', { order: accessOf(head) })) throw notFound('Order');
    authorize(ctx.actor, 'kitchen.move', { restaurantId: head.restaurantId, stationId: props.stationId ?? null });
    if (props.stationId) {
      const station = await m.Station.findOne({
        where: { id: props.stationId, restaurantId: head.restaurantId },
        attributes: ['id'],
        transaction: t,
      });
      if (!station) throw fieldError('stationId', 'no such station in this restaurant');
    }
    const o = (await findOrder(ctx.sequelize, props.orderId, t, true))!;
    refuseFrozen(o);
    const items = await m.OrderItem.findAll({ attributes: ['id', 'status', 'stationId'], where: { orderId: o.id }, transaction: t });
    const mine = items.filter((i) => !props.stationId || i.stationId === props.stationId);
    const changed = mine.some((i) => i.status !== 'cancelled' && props.seen[i.id] !== undefined && props.seen[i.id] !== i.status);
    const moving = mine.filter((i) => movesWithTicket(i.status, props.direction));
    if (changed || moving.some((i) => props.seen[i.id] === undefined)) {
      throw invalidTransition('The ticket changed since this screen showed it (someone else moved it); nothing was moved.');
    }
    if (moving.length === 0) {
      throw invalidTransition(
        props.direction === 'bump' ? 'Every item of this ticket is ready already.' : 'No item of this ticket is ready to recall.',
      );
    }
    await step(ctx, t, moving, props.direction);
    return commitOrderChange(ctx, t, o, emit);
  });
}
