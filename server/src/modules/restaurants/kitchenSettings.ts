import type { Locale, Restaurant as RestaurantView, TicketAgesUpdate } from '@dinewire/protocol';
import { type Ctx, inTransaction } from '../../context';
import { fieldError, notFound } from '../../errors';
import { models } from '../../models';
import { authorize, can } from '../../policies';
import { appendEvent } from '../events/eventLog';
import { presentRestaurant } from './restaurant.presenter';
import { findRestaurant } from './restaurants.service';

/**
 * The restaurant as this caller sees it, with its tables; staff and its kitchen screens also get
 * the kitchen settings.
 */
export async function readRestaurant(ctx: Ctx, id: string, lang: Locale): Promise<RestaurantView> {
  const r = await findRestaurant(ctx.sequelize, id);
  const tables = await models(ctx.sequelize).DiningTable.findAll({
    where: { restaurantId: r.id },
    attributes: ['id', 'label', 'seats'],
    order: [['label', 'ASC']],
  });
  return {
    ...presentRestaurant(r, lang, { kitchenSettings: can(ctx.actor, 'restaurant.kitchenSettings', { restaurantId: r.id }) }),
    tables: tables.map((t) => ({ id: t.id, label: t.label, seats: t.seats })),
  };
}

/**
 * A manager sets when tickets turn amber and red. The row is locked, so the check that amber stays
 * below red holds against a concurrent change of the other threshold; kitchen screens hear of it
 * by a `kitchen.settings` event in the same transaction.
 */
export async function setTicketAges(ctx: Ctx, props: { restaurantId: string; lang: Locale } & TicketAgesUpdate): Promise<RestaurantView> {
  authorize(ctx.actor, 'restaurant.setKitchenSettings', { restaurantId: props.restaurantId });
  const { Restaurant } = models(ctx.sequelize);
  await inTransaction(ctx, async (t, emit) => {
    const r = await Restaurant.findByPk(props.restaurantId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!r) throw notFound('Restaurant');
    const amberMinutes = props.amberMinutes ?? r.ticketAmberMinutes;
    const redMinutes = props.redMinutes ?? r.ticketRedMinutes;
    if (amberMinutes >= redMinutes) {
      throw props.amberMinutes !== undefined
        ? fieldError('amberMinutes', `must be less than redMinutes (${redMinutes})`)
        : fieldError('redMinutes', `must be more than amberMinutes (${amberMinutes})`);
    }
    if (amberMinutes === r.ticketAmberMinutes && redMinutes === r.ticketRedMinutes) return;
    await Restaurant.update({ ticketAmberMinutes: amberMinutes, ticketRedMinutes: redMinutes }, { where: { id: r.id }, transaction: t });
    emit(
      await appendEvent(ctx.sequelize, t, {
        restaurantId: r.id,
        type: 'kitchen.settings',
        data: { ticketAges: { amberMinutes, redMinutes } },
      }),
    );
  });
  return readRestaurant(ctx, props.restaurantId, props.lang);
}
