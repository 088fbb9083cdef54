import type { Locale, Restaurant as RestaurantView } from '@dinewire/protocol';
import { Op, type Sequelize, type WhereOptions } from 'sequelize';
import { containsText, equalsIgnoringCase } from '../../db/search';
import { notFound } from '../../errors';
import { models, type Restaurant } from '../../models';
import { presentRestaurant } from './restaurant.presenter';

/** The restaurants with their stations (in their order), in two flat queries. */
async function withStations(sequelize: Sequelize, restaurants: Restaurant[]): Promise<Restaurant[]> {
  if (restaurants.length === 0) return restaurants;
  const stations = await models(sequelize).Station.findAll({
    where: { restaurantId: restaurants.map((r) => r.id) },
    attributes: ['id', 'restaurantId', 'names'],
    order: [['sort', 'ASC']],
  });
  for (const r of restaurants) r.stations = stations.filter((s) => s.restaurantId === r.id);
  return restaurants;
}

export async function listRestaurants(
  sequelize: Sequelize,
  q: { cuisine?: string; area?: string; priceLevel?: number; q?: string; lang: Locale },
): Promise<{ restaurants: RestaurantView[] }> {
  const conditions: WhereOptions<Restaurant>[] = [];
  if (q.cuisine !== undefined) conditions.push(equalsIgnoringCase('cuisine', q.cuisine));
  if (q.area !== undefined) conditions.push(equalsIgnoringCase('area', q.area));
  if (q.priceLevel !== undefined) conditions.push({ priceLevel: q.priceLevel });
  if (q.q) conditions.push({ [Op.or]: [containsText('names', q.q), containsText('descriptions', q.q), containsText('cuisine', q.q)] });
  const list = await models(sequelize).Restaurant.findAll({
    where: { [Op.and]: conditions },
    order: [
      ['sort', 'ASC'],
      ['slug', 'ASC'],
    ],
  });
  return { restaurants: (await withStations(sequelize, list)).map((r) => presentRestaurant(r, q.lang)) };
}

/** The restaurant with its stations, or 404. */
export async function findRestaurant(sequelize: Sequelize, id: string): Promise<Restaurant> {
  const r = await models(sequelize).Restaurant.findByPk(id);
  if (!r) throw notFound('Restaurant');
  await withStations(sequelize, [r]);
  return r;
}

export async function getRestaurant(sequelize: Sequelize, id: string, lang: Locale): Promise<RestaurantView> {
  return presentRestaurant(await findRestaurant(sequelize, id), lang);
}
