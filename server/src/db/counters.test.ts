import { randomBytes } from 'node:crypto';
import { models } from '../models';
import { testSequelize } from '../test/harness';
import { rows } from './sql';

/** The rule "every restaurant has its counter row" is the database's (a trigger), whoever inserts. */
describe('restaurant counters', () => {
  const sequelize = testSequelize(2);
  afterAll(() => sequelize.close());
  const text = { en: 'T', 'zh-Hant': 'T', 'zh-Hans': 'T' };

  it('are added for restaurants inserted by raw SQL, one or many at a time', async () => {
    const slugs = [1, 2, 3].map((i) => `counter-${i}-${randomBytes(4).toString('hex')}`);
    const inserted = await rows<{ id: string }>(
      sequelize,
      `INSERT INTO restaurants (slug, names, descriptions, cuisine, area, price_level, time_zone, currency)
       SELECT s, $names, $names, 'test', 'Test', 2, 'UTC', 'HKD' FROM unnest($slugs::text[]) AS s RETURNING id`,
      { names: JSON.stringify(text), slugs },
    );
    const counters = await rows<{ restaurant_id: string; seq: number }>(
      sequelize,
      'SELECT restaurant_id, seq FROM restaurant_counters WHERE restaurant_id = ANY($ids::uuid[])',
      { ids: inserted.map((r) => r.id) },
    );
    expect(counters.map((c) => c.restaurant_id).sort()).toEqual(inserted.map((r) => r.id).sort());
    expect(counters.every((c) => c.seq === 0)).toBe(true);
  });

  it('are added for restaurants created through the model', async () => {
    const { Restaurant, RestaurantCounter } = models(sequelize);
    const r = await Restaurant.create({
      slug: `counter-${randomBytes(4).toString('hex')}`,
      names: text,
      descriptions: text,
      cuisine: 'test',
      area: 'Test',
      priceLevel: 2,
      timeZone: 'UTC',
      currency: 'HKD',
    });
    expect((await RestaurantCounter.findByPk(r.id))?.seq).toBe(0);
  });
});
