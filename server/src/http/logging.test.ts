import { Writable } from 'node:stream';
import { createLogger } from '../logger';
import type { DinewireNode } from '../node';
import { makeDish, makeRestaurant, makeUser, orderBody, TEST_CARD } from '../test/factories';
import { client, idempotencyKey, startTestNode, testSequelize } from '../test/harness';

/**
 * What a node writes to its log while orders fail in the database and people sign in: what went
 * wrong (message, SQL text), never a token, a name, an email, a password or a card number.
 */
describe('log lines', () => {
  const sequelize = testSequelize();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let node: DinewireNode;
  beforeAll(async () => {
    node = await startTestNode({ sequelize, logger: createLogger('debug', 'log-test', sink) });
  });
  afterAll(async () => {
    await node?.close();
    await sequelize.close();
  });

  it('carry no token, name, email, password or card number, and keep the SQL text of a failed order', async () => {
    const r = await makeRestaurant(sequelize);
    const dish = await makeDish(sequelize, r);
    const manager = await makeUser(sequelize, 'manager', [r.id]);
    // A real database failure inside order placement: a trigger refusing this restaurant's orders.
    const trigger = `log_test_${r.id.replace(/-/g, '')}`;
    await sequelize.query(
      `CREATE OR REPLACE FUNCTION log_test_refuse() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''refused by test''; END'`,
    );
    await sequelize.query(
      `CREATE TRIGGER ${trigger} BEFORE INSERT ON orders FOR EACH ROW WHEN (NEW.restaurant_id = '${r.id}') EXECUTE FUNCTION log_test_refuse()`,
    );
    try {
      const guestName = 'Guestname Sentinel';
      const api = client(node.url);
      const counter = await api.post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { guestName }), {
        'idempotency-key': idempotencyKey(),
        cookie: `dw_session=${manager.token}`,
      });
      expect(counter.status).toBe(500);
      const card = await client(node.url, manager.token).post(
        '/api/v1/orders',
        orderBody(r, [{ dishId: dish.id }], { channel: 'staff', guestName, paymentMethod: 'card', card: TEST_CARD }),
        { 'idempotency-key': idempotencyKey() },
      );
      expect(card.status).toBe(500);
      const login = await api.post('/api/v1/auth/login', { email: manager.email, password: manager.password });
      expect(login.status).toBe(200);
      expect((await api.post('/api/v1/auth/login', { email: manager.email, password: 'wrong password!' })).status).toBe(401);
      expect(
        (await client(node.url, login.body.token).get(`/api/v1/orders/00000000-0000-4000-8000-000000000000?token=ot_${'x'.repeat(43)}`))
          .status,
      ).toBe(404);

      const log = lines.join('\n');
      // The failures were logged, with what helps: the message and the statement's text.
      expect(log).toContain('refused by test');
      expect(log).toContain('INSERT INTO orders');
      for (const secret of [
        guestName,
        manager.email,
        manager.password,
        'wrong password!',
        manager.token,
        login.body.token,
        TEST_CARD.number,
      ]) {
        expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
      }
      // No token of any kind (order, session, registration), by its shape.
      expect(log).not.toMatch(/\b(ot|dw|rg)_[A-Za-z0-9_-]{43}\b/);
      expect(log).not.toMatch(/"parameters"|"detail"/);
    } finally {
      await sequelize.query(`DROP TRIGGER IF EXISTS ${trigger} ON orders`);
    }
  });
});
