import type { Sequelize } from 'sequelize';
import { loadConfig } from '../../config';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, orderBody, TEST_CARD } from '../../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';

/** PAYMENTS picks the processor; production names one explicitly (issue 7, finding 2). */

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
  SESSION_SECRET: 's'.repeat(40),
  PII_KEY: 'ab'.repeat(32),
  // Production also names its message sender (NOTIFIER); this suite is about PAYMENTS.
  NOTIFIER: 'sandbox',
};

describe('choosing the card processor', () => {
  it('refuses a production start that names no processor, and names the variable', () => {
    expect(() => loadConfig(production)).toThrow(/PAYMENTS: required when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, PAYMENTS: 'stripe-ish' })).toThrow(/PAYMENTS/);
    expect(loadConfig({ ...production, PAYMENTS: 'none' }).payments).toBe('none');
    expect(loadConfig({ ...production, PAYMENTS: 'sandbox' }).payments).toBe('sandbox');
  });

  it('defaults to the sandbox outside production', () => {
    expect(loadConfig({ NODE_ENV: 'development', DATA_DIR: '/tmp/dinewire-config-test' }).payments).toBe('sandbox');
  });

  describe('with PAYMENTS=none', () => {
    let db: Sequelize;
    let node: DinewireNode;
    beforeAll(async () => {
      db = testSequelize();
      node = await startTestNode({ config: { payments: 'none' } });
    });
    afterAll(async () => {
      await node?.close();
      await db?.close();
    });

    it('declines every card, a test card included, and takes nothing; counter orders still work', async () => {
      const r = await makeRestaurant(db);
      const dish = await makeDish(db, r, { stock: 1, priceCents: 1200 });
      const card = await client(node.url).post(
        '/api/v1/orders',
        orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'card', card: TEST_CARD }),
        {
          'idempotency-key': idempotencyKey(),
        },
      );
      expect(card.status).toBe(402);
      expect(card.body.error).toMatchObject({ code: 'payment_declined', details: [{ field: 'card' }] });
      // The one portion is still there for the counter order.
      const counter = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'counter' }), {
        'idempotency-key': idempotencyKey(),
      });
      expect(counter.status).toBe(201);
    });
  });
});
