import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../db/connection';
import { migrate } from '../../db/migrator';
import { one } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode } from '../../test/harness';
import { scratchDatabase } from '../../test/scratchDb';
import { RELEASE_UNPAID_ORDERS } from '../orders/counterPayments';
import { DELIVER_MESSAGES, PRUNE, REFRESH_RECOMMENDATIONS } from './maintenanceJobs';

/**
 * The work that follows an order or the clock, on the durable queue: an unpaid self-service
 * counter order lets its stock go when its time is up (issue 7, finding 6), and pruning and
 * the outbox's retries run on a cron (finding 3). On a database of its own: pruning deletes
 * ended sessions other suites still read, and its cron must not fire in theirs.
 */

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: Sequelize;
let node: DinewireNode;
beforeAll(async () => {
  scratch = await scratchDatabase('maintenance');
  db = createSequelize(scratch.url, { poolMax: 4 });
  await migrate(db);
  node = await startTestNode({ sequelize: db, config: { databaseUrl: scratch.url }, maintenance: true });
});
afterAll(async () => {
  await node?.close();
  await db?.close();
  await scratch?.drop();
});

/** Minutes from now until the order is let go unpaid (null: never). */
const releaseIn = async (orderId: string) =>
  (await one<{ minutes: number | null }>(
    db,
    'SELECT round(extract(epoch FROM release_at - now()) / 60)::int AS minutes FROM orders WHERE id = $orderId',
    { orderId },
  ))!.minutes;

/** The time is up: the order placed 31 minutes ago; then the minute's sweep runs (sent now rather than awaited on the cron). */
async function timeIsUp(orderId: string): Promise<void> {
  await db.query(
    `UPDATE orders SET placed_at = now() - interval '31 minutes', release_at = now() - interval '1 minute' WHERE id = $orderId`,
    { bind: { orderId } },
  );
  await node.services.jobs.send(RELEASE_UNPAID_ORDERS, {});
}

const remaining = async (restaurantId: string, dishId: string) => {
  const menu = await client(node.url).get(`/api/v1/restaurants/${restaurantId}/menu`);
  const dishes = menu.body.categories.flatMap((c: { dishes: { id: string; remaining: number }[] }) => c.dishes);
  return dishes.find((d: { id: string }) => d.id === dishId).remaining as number;
};

describe('an unpaid self-service counter order', () => {
  it('gives its stock back when not paid within the restaurant’s time, by the queue’s minute sweep', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 3 });
    const placed = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id, quantity: 3 }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.order.id;
    expect(await remaining(r.id, dish.id)).toBe(0);
    // Due after the restaurant's 30 minutes, written with the order.
    expect(await releaseIn(orderId)).toBe(30);

    await timeIsUp(orderId);
    await eventually(async () => {
      const o = await client(node.url).get(`/api/v1/orders/${orderId}?token=${placed.body.orderToken}`);
      expect(o.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'void' });
    }, 15_000);
    expect(await remaining(r.id, dish.id)).toBe(3);
  });

  it('keeps an order paid in time, and never lets go an order the staff placed', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 5 });
    const host = await makeUser(db, 'host', [r.id]);
    const guest = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    const staff = await client(node.url, host.token).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }], { channel: 'staff' }), {
      'idempotency-key': idempotencyKey(),
    });
    expect([guest.status, staff.status]).toEqual([201, 201]);
    expect(await releaseIn(staff.body.order.id)).toBeNull();

    expect((await client(node.url, host.token).post(`/api/v1/orders/${guest.body.order.id}/payments/counter`)).status).toBe(200);
    await timeIsUp(guest.body.order.id);
    // The sweep ran and found it paid: nothing changes.
    await eventually(async () => {
      const done = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $name AND state = 'completed'`, {
        name: RELEASE_UNPAID_ORDERS,
      });
      expect(done!.n).toBeGreaterThanOrEqual(2);
    }, 15_000);
    const o = await client(node.url, host.token).get(`/api/v1/orders/${guest.body.order.id}`);
    expect(o.body.order).toMatchObject({ status: 'placed', paymentStatus: 'paid' });
    expect(await remaining(r.id, dish.id)).toBe(3);
  });
});

describe('recurring maintenance', () => {
  it('schedules pruning hourly, and the outbox’s retries and the release sweep every minute, in UTC', async () => {
    const rows = await db.query<{ name: string; cron: string; timezone: string }>(
      'SELECT name, cron, timezone FROM pgboss.schedule WHERE name IN ($prune, $deliver, $release) ORDER BY name',
      { bind: { prune: PRUNE, deliver: DELIVER_MESSAGES, release: RELEASE_UNPAID_ORDERS }, type: 'SELECT' as never },
    );
    expect(rows).toEqual(
      [
        { name: PRUNE, cron: '17 * * * *', timezone: 'UTC' },
        { name: DELIVER_MESSAGES, cron: '* * * * *', timezone: 'UTC' },
        { name: RELEASE_UNPAID_ORDERS, cron: '* * * * *', timezone: 'UTC' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  it('refreshes the "goes well with" pairings every 15 minutes, and when its job runs', async () => {
    const [schedule] = await db.query<{ cron: string; timezone: string }>('SELECT cron, timezone FROM pgboss.schedule WHERE name = $name', {
      bind: { name: REFRESH_RECOMMENDATIONS },
      type: 'SELECT' as never,
    });
    expect(schedule).toEqual({ cron: '*/15 * * * *', timezone: 'UTC' });
    const r = await makeRestaurant(db);
    const [a, b] = [await makeDish(db, r, { name: 'A' }), await makeDish(db, r, { name: 'B' })];
    const placed = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: a.id }, { dishId: b.id }]), {
      'idempotency-key': idempotencyKey(),
    });
    expect(placed.status).toBe(201);
    await node.services.jobs.send(REFRESH_RECOMMENDATIONS, {});
    await eventually(async () => {
      const res = await client(node.url).get(`/api/v1/restaurants/${r.id}/recommendations?dishIds=${a.id}`);
      expect(res.body).toEqual({ dishes: [{ dishId: b.id, score: 1 }] });
    }, 15_000);
  });

  it('prunes when its job runs: a day-old idempotency key goes, a fresh one stays', async () => {
    await db.query(
      `INSERT INTO idempotency_keys (scope, key_hash, request_hash, created_at)
       VALUES ('prune-test', 'old-' || gen_random_uuid(), 'x', now() - interval '25 hours'), ('prune-test', 'new-' || gen_random_uuid(), 'x', now())`,
    );
    await node.services.jobs.send(PRUNE, {});
    await eventually(async () => {
      const left = await one<{ old: number; fresh: number }>(
        db,
        `SELECT count(*) FILTER (WHERE key_hash LIKE 'old-%')::int AS old, count(*) FILTER (WHERE key_hash LIKE 'new-%')::int AS fresh
           FROM idempotency_keys WHERE scope = 'prune-test'`,
      );
      expect(left).toEqual({ old: 0, fresh: 1 });
    }, 15_000);
  });
});
