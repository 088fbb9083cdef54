import type { Order, OrderStatus } from '@dinewire/protocol';
import type { Transaction } from 'sequelize';
import { type Ctx, isDeviceOf, isStaffOf } from '../../context';
import { one, rows } from '../../db/sql';
import { forbidden, notFound, unauthenticated } from '../../errors';
import { decryptPii } from '../../lib/pii';
import { latestSeq } from '../../realtime/eventLog';
import { sha256 } from '../accounts/sessions';
import { presentOrder, type OrderItemRow, type OrderRow } from './order.presenter';

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

export async function loadOrder(ctx: Services, id: string, t?: Transaction): Promise<Order> {
  const o = await loadOrderRow(ctx, id, t);
  if (!o) throw notFound('Order');
  const items = await itemsOf(ctx, [id], t);
  return present(ctx, o, items.get(id) ?? []);
}

/** Staff of its restaurant, its kiosk, the guest account that placed it, or the holder of its order token. */
export function canSeeOrder(ctx: Ctx, o: OrderRow, token?: string | null): boolean {
  const a = ctx.actor;
  if (isStaffOf(a, o.restaurant_id)) return true;
  if (a.kind === 'user' && o.user_id === a.id) return true;
  if (a.kind === 'device' && isDeviceOf(a, o.restaurant_id, ['kiosk', 'kitchen']) && (a.deviceKind === 'kitchen' || o.device_id === a.id)) {
    return true;
  }
  return Boolean(token && o.order_token_hash && sha256(token) === o.order_token_hash);
}

export async function readOrder(ctx: Ctx, id: string, token?: string): Promise<Order> {
  const o = await loadOrderRow(ctx, id);
  if (!o) throw notFound('Order');
  if (!canSeeOrder(ctx, o, token)) {
    // Don't tell strangers which order ids exist.
    if (ctx.actor.kind === 'anonymous' && !token) throw unauthenticated('Sign in, or give the order token.');
    throw notFound('Order');
  }
  const items = await itemsOf(ctx, [id]);
  return present(ctx, o, items.get(id) ?? []);
}

/** What a screen loads first: the orders and the seq they are current as of. */
export async function listRestaurantOrders(
  ctx: Ctx,
  props: { restaurantId: string; status?: OrderStatus[]; since?: string },
): Promise<{ orders: Order[]; latestSeq: number }> {
  const a = ctx.actor;
  if (!isStaffOf(a, props.restaurantId) && !isDeviceOf(a, props.restaurantId, ['kitchen', 'board'])) {
    throw a.kind === 'anonymous' ? unauthenticated() : forbidden('Only staff of this restaurant see its orders.');
  }
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
  return { orders: list.map((o) => present(ctx, o, items.get(o.id) ?? [])), latestSeq: seq };
}

export async function listMyOrders(ctx: Ctx): Promise<{ orders: Order[] }> {
  if (ctx.actor.kind !== 'user') throw unauthenticated();
  const list = await rows<OrderRow>(ctx.sequelize, 'SELECT * FROM orders WHERE user_id = $1 ORDER BY placed_at DESC LIMIT 100', [
    ctx.actor.id,
  ]);
  const items = await itemsOf(
    ctx,
    list.map((o) => o.id),
  );
  return { orders: list.map((o) => present(ctx, o, items.get(o.id) ?? [])) };
}
