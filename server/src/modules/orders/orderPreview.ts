import type { Locale, OrderCreate, OrderPreview } from '@dinewire/protocol';
import type { Ctx } from '../../context';
import { fieldError, notFound } from '../../errors';
import { authorize } from '../../policies';
import { guestKeyOf, quote } from '../promotions/placementPromotions';
import { UNKNOWN_CODE } from '../promotions/engine';
import { presentPreview } from './orderPreview.presenter';
import { readMenu, tableInRestaurant } from './orders.sql';
import { type MenuDish, type PricedItem, priceItems, stockNeeds } from './pricing';

/**
 * What placing `body` would charge now, by the very functions placement charges with (priceItems,
 * the promotions engine, computeTotals), from one read: nothing written, no stock taken, no
 * payment, no Idempotency-Key. The same policy as placing decides who may ask.
 */
export async function previewOrder(ctx: Ctx, body: OrderCreate, lang: Locale): Promise<OrderPreview> {
  const head = await readMenu(ctx.sequelize, {
    restaurantId: body.restaurantId,
    dishIds: [...new Set(body.items.map((i) => i.dishId))],
    guestKey: guestKeyOf(ctx.actor),
  });
  if (!head) throw notFound('Restaurant');
  authorize(ctx.actor, 'order.place', { restaurantId: body.restaurantId, channel: body.channel });
  const priced = priceItems(body, head.dishes);
  if (body.tableId && !(await tableInRestaurant(ctx.sequelize, undefined, { tableId: body.tableId, restaurantId: body.restaurantId }))) {
    throw fieldError('tableId', 'no such table in this restaurant');
  }
  const charged = quote(priced, head, body, ctx.actor);
  if (charged.engine.codeProblem === UNKNOWN_CODE) throw fieldError('promoCode', UNKNOWN_CODE);
  return presentPreview(charged, head.currency, unavailableDishes(priced, head.dishes), lang);
}

/** The cart's dishes that would be refused now: taken off by hand, or short of an ingredient for the cart's quantities. */
export function unavailableDishes(priced: PricedItem[], dishes: MenuDish[]): string[] {
  const needs = stockNeeds(priced);
  const byId = new Map(dishes.map((d) => [d.id, d]));
  const out: string[] = [];
  for (const id of new Set(priced.map((i) => i.dishId))) {
    const d = byId.get(id)!;
    const short = d.recipe.some((r) => (needs.get(r.ingredient_id) ?? 0) > Number(r.on_hand) + 1e-9);
    if (d.sold_out || short) out.push(id);
  }
  return out;
}
