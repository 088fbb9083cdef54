import type { Dish as DishView, Locale, Menu } from '@dinewire/protocol';
import { col, fn, Op, type WhereOptions } from 'sequelize';
import type { Ctx } from '../../context';
import { containsText, equalsIgnoringCase } from '../../db/search';
import { notFound } from '../../errors';
import { models, type Dish } from '../../models';
import { can } from '../../policies';
import { latestSeq } from '../events/eventLog';
import { getRestaurant } from '../restaurants/restaurants.service';
import { presentDish } from './dish.presenter';
import { loadDishDetails } from './dishDetails';

export async function getMenu(ctx: Ctx, restaurantId: string, lang: Locale): Promise<Menu> {
  const m = models(ctx.sequelize);
  const restaurant = await getRestaurant(ctx.sequelize, restaurantId, lang);
  // Read first: every change up to it is visible to the reads below.
  const seq = (await latestSeq(ctx.sequelize, restaurantId)) ?? 0;
  const [categories, dishes] = await Promise.all([
    m.Category.findAll({ where: { restaurantId }, attributes: ['id', 'names'], order: [['sort', 'ASC']] }),
    m.Dish.findAll({ where: { restaurantId, active: true }, order: [['sort', 'ASC']] }).then((list) =>
      loadDishDetails(ctx.sequelize, list),
    ),
  ]);
  const staff = can(ctx.actor, 'dish.kitchenFields', { restaurantId });
  return {
    restaurant,
    latestSeq: seq,
    categories: categories.map((c) => ({
      id: c.id,
      name: c.names[lang],
      dishes: dishes.filter((d) => d.dish.categoryId === c.id).map((d) => presentDish(d, lang, staff)),
    })),
  };
}

export async function searchDishes(
  ctx: Ctx,
  q: {
    q?: string;
    restaurantId?: string;
    cuisine?: string;
    maxPriceCents?: number;
    tags?: string[];
    excludeAllergens?: string[];
    lang: Locale;
  },
): Promise<{ dishes: DishView[] }> {
  const m = models(ctx.sequelize);
  const conditions: WhereOptions<Dish>[] = [{ active: true }];
  if (q.q) {
    conditions.push({
      [Op.or]: [
        containsText('Dish.names', q.q),
        containsText('Dish.descriptions', q.q),
        containsText(fn('array_to_string', col('Dish.tags'), ' '), q.q),
      ],
    });
  }
  if (q.restaurantId) conditions.push({ restaurantId: q.restaurantId });
  if (q.cuisine !== undefined) conditions.push(equalsIgnoringCase('restaurant.cuisine', q.cuisine));
  if (q.maxPriceCents !== undefined) conditions.push({ priceCents: { [Op.lte]: q.maxPriceCents } });
  if (q.tags?.length) conditions.push({ tags: { [Op.contains]: q.tags } });
  if (q.excludeAllergens?.length) conditions.push({ [Op.not]: { allergens: { [Op.overlap]: q.excludeAllergens } } });
  const list = await m.Dish.findAll({
    // the restaurant only to filter by cuisine and list restaurant by restaurant
    include: [{ model: m.Restaurant, as: 'restaurant', attributes: [], required: true }],
    where: { [Op.and]: conditions },
    order: [
      [{ model: m.Restaurant, as: 'restaurant' }, 'sort', 'ASC'],
      ['sort', 'ASC'],
    ],
    limit: 200,
  });
  const details = await loadDishDetails(ctx.sequelize, list);
  return {
    dishes: details.map((d) => presentDish(d, q.lang, can(ctx.actor, 'dish.kitchenFields', { restaurantId: d.dish.restaurantId }))),
  };
}

export async function getDish(ctx: Ctx, id: string, lang: Locale): Promise<{ dish: DishView }> {
  const d = await models(ctx.sequelize).Dish.findByPk(id);
  if (!d) throw notFound('Dish');
  const [details] = await loadDishDetails(ctx.sequelize, [d]);
  return { dish: presentDish(details, lang, can(ctx.actor, 'dish.kitchenFields', { restaurantId: d.restaurantId })) };
}
