import type { Order, OrderStatus } from '@dinewire/protocol';
import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../context';
import { notFound } from '../../errors';
import { decryptPii } from '../../lib/pii';
import { models, type Order as OrderModel, type Restaurant as RestaurantModel } from '../../models';
import { authorize } from '../../policies';
import { latestSeq } from '../events/eventLog';
import { accessOf, type LoadedOrder, type OrderItemRecord, type OrderRecord, presentOrder } from './order.presenter';

type Services = Pick<Ctx, 'sequelize' | 'config'>;

/** One order's row; `lock` takes its row lock (every writer of an order takes it first). */
export async function findOrder(sequelize: Sequelize, id: string, t?: Transaction, lock = false): Promise<OrderModel | null> {
  return models(sequelize).Order.findByPk(id, { transaction: t, lock: lock && t ? t.LOCK.UPDATE : undefined });
}

async function itemsOf(sequelize: Sequelize, orderIds: string[], t?: Transaction): Promise<Map<string, OrderItemRecord[]>> {
  const by = new Map<string, OrderItemRecord[]>();
  if (orderIds.length === 0) return by;
  const items = await models(sequelize).OrderItem.findAll({
    where: { orderId: orderIds },
    order: [
      ['orderId', 'ASC'],
      ['position', 'ASC'],
    ],
    transaction: t,
  });
  for (const i of items) by.set(i.orderId, [...(by.get(i.orderId) ?? []), i]);
  return by;
}

function present(ctx: Services, o: OrderRecord, items: OrderItemRecord[]): Order {
  const key = ctx.config.piiKey;
  return presentOrder(o, items, { guestName: decryptPii(key, o.guestNameEnc), roomNumber: decryptPii(key, o.roomNumberEnc) });
}

export async function withItems(ctx: Services, list: OrderModel[]): Promise<LoadedOrder[]> {
  const items = await itemsOf(
    ctx.sequelize,
    list.map((o) => o.id),
  );
  return list.map((o) => ({ order: present(ctx, o, items.get(o.id) ?? []), access: accessOf(o) }));
}

/** The whole order (staff presentation): what the event log stores. */
export async function loadOrder(ctx: Services, id: string, t?: Transaction): Promise<Order> {
  const o = await findOrder(ctx.sequelize, id, t);
  if (!o) throw notFound('Order');
  const items = await itemsOf(ctx.sequelize, [id], t);
  return present(ctx, o, items.get(id) ?? []);
}

/** One order, for whoever the policies let see it. */
export async function readOrder(ctx: Ctx, id: string, token?: string): Promise<LoadedOrder> {
  const o = await findOrder(ctx.sequelize, id);
  if (!o) throw notFound('Order');
  authorize(ctx.actor, 'order.read', { order: accessOf(o), token });
  const [loaded] = await withItems(ctx, [o]);
  return loaded;
}

/** What a screen loads first: the orders and the seq they are current as of. */
export async function listRestaurantOrders(
  ctx: Ctx,
  props: { restaurantId: string; status?: OrderStatus[]; since?: string },
): Promise<{ orders: LoadedOrder[]; latestSeq: number }> {
  authorize(ctx.actor, 'order.list', { restaurantId: props.restaurantId });
  // Read the seq first: every order change up to it is committed and visible to the reads below.
  const seq = (await latestSeq(ctx.sequelize, props.restaurantId)) ?? 0;
  // A booking's pre-order waiting for its party is on no screen until it is sent to the kitchen.
  const where: WhereOptions<OrderModel> = { restaurantId: props.restaurantId, held: false };
  if (props.status?.length) where.status = props.status;
  if (props.since) where.placedAt = { [Op.gte]: new Date(props.since) };
  const list = await models(ctx.sequelize).Order.findAll({ where, order: [['placedAt', 'ASC']], limit: 500 });
  return { orders: await withItems(ctx, list), latestSeq: seq };
}

/** A guest's own orders, newest first, with the restaurants they were placed in (to name them and reopen their menus). */
export async function listMyOrders(ctx: Ctx): Promise<{ orders: LoadedOrder[]; restaurants: RestaurantModel[] }> {
  authorize(ctx.actor, 'order.listMine', {});
  if (ctx.actor.kind !== 'user') return { orders: [], restaurants: [] };
  const m = models(ctx.sequelize);
  const list = await m.Order.findAll({ where: { userId: ctx.actor.id }, order: [['placedAt', 'DESC']], limit: 100 });
  const restaurantIds = [...new Set(list.map((o) => o.restaurantId))];
  const [orders, restaurants] = await Promise.all([
    withItems(ctx, list),
    restaurantIds.length ? m.Restaurant.findAll({ where: { id: restaurantIds } }) : Promise.resolve([]),
  ]);
  return { orders, restaurants };
}
