import type { Order, OrderStatus } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import type { Ctx } from '../../context';
import { one, rows } from '../../db/sql';
import { notFound } from '../../errors';
import { decryptPii } from '../../lib/pii';
import { authorize } from '../../policies';
import { latestSeq } from '../events/eventLog';
import { accessOf, type LoadedOrder, type OrderItemRow, type OrderRow, presentOrder } from './order.presenter';

type Services = Pick<Ctx, 'sequelize' | 'config'>;

export async function loadOrderRow(ctx: Services, id: string, t?: Transaction, lock = false): Promise<OrderRow | null> {
  return one<OrderRow>(ctx.sequelize, `SELECT * FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id], t);
}

async function itemsOf(ctx: Services, orderIds: string[], t?: Transaction): Promise<Map<string, OrderItemRow[]>> {
  const items = await rows<OrderItemRow>(
    ctx.sequelize,
    'SELECT * FROM order_items WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position',
    [orderIds],
    t,
  );
  const by = new Map<string, OrderItemRow[]>();
  for (const i of items) {
    const list = by.get(i.order_id) ?? [];
    list.push(i);
    by.set(i.order_id, list);
  }
  return by;
}

function present(ctx: Services, o: OrderRow, items: OrderItemRow[]): Order {
  return presentOrder(o, items, decryptPii(ctx.config.piiKey, o.guest_name_enc));
}

/** The whole order (staff presentation): what the event log stores. */
export async function loadOrder(ctx: Services, id: string, t?: Transaction): Promise<Order> {
  const o = await loadOrderRow(ctx, id, t);
  if (!o) throw notFound('Order');
  const items = await itemsOf(ctx, [id], t);
  return present(ctx, o, items.get(id) ?? []);
}

/** One order, for whoever the policies let see it. */
export async function readOrder(ctx: Ctx, id: string, token?: string): Promise<LoadedOrder> {
  const o = await loadOrderRow(ctx, id);
  if (!o) throw notFound('Order');
  authorize(ctx.actor, 'order.read', { order: accessOf(o), token });
  const items = await itemsOf(ctx, [id]);
  return { order: present(ctx, o, items.get(id) ?? []), access: accessOf(o) };
}

/** What a screen loads first: the orders and the seq they are current as of. */
export async function listRestaurantOrders(
  ctx: Ctx,
  props: { restaurantId: string; status?: OrderStatus[]; since?: string },
): Promise<{ orders: LoadedOrder[]; latestSeq: number }> {
  authorize(ctx.actor, 'order.list', { restaurantId: props.restaurantId });
  // Read the seq first: every order change up to it is committed and visible to the reads below.
  const seq = (await latestSeq(ctx.sequelize, props.restaurantId)) ?? 0;
  const list = await rows<OrderRow>(
    ctx.sequelize,
    `SELECT * FROM orders WHERE restaurant_id = $1
       AND ($2::text[] IS NULL OR status = ANY($2::text[]))
       AND ($3::timestamptz IS NULL OR placed_at >= $3::timestamptz)
     ORDER BY placed_at LIMIT 500`,
    [props.restaurantId, props.status?.length ? props.status : null, props.since ?? null],
  );
  const items = await itemsOf(
    ctx,
    list.map((o) => o.id),
  );
  return { orders: list.map((o) => ({ order: present(ctx, o, items.get(o.id) ?? []), access: accessOf(o) })), latestSeq: seq };
}

export async function listMyOrders(ctx: Ctx): Promise<LoadedOrder[]> {
  authorize(ctx.actor, 'order.listMine', {});
  const userId = ctx.actor.kind === 'user' ? ctx.actor.id : null;
  const list = await rows<OrderRow>(ctx.sequelize, 'SELECT * FROM orders WHERE user_id = $1 ORDER BY placed_at DESC LIMIT 100', [userId]);
  const items = await itemsOf(
    ctx,
    list.map((o) => o.id),
  );
  return list.map((o) => ({ order: present(ctx, o, items.get(o.id) ?? []), access: accessOf(o) }));
}
