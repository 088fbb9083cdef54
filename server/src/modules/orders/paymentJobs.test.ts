import crypto from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { one, rows } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, orderBody, TEST_CARD, type TestRestaurant } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';
import { SandboxProcessor } from '../payments/sandboxProcessor';
import { captureOrderPayment } from './paymentWorker';

/**
 * Card money after commit, on the durable queue: captures and refunds retried through a failing
 * processor, a refused capture, and two workers on one job. The processors below are the real
 * sandbox (its own ledger in PostgreSQL) made to fail on purpose. Each test's nodes work their
 * own queues (a namespace), so nodes of other suites never take these jobs.
 */

let db: Sequelize;
beforeAll(() => {
  db = testSequelize();
});
afterAll(async () => {
  await db?.close();
});

/** Fails the first captures: unreachable before applying it, then applied but the answer lost. */
class FlakyCapture extends SandboxProcessor {
  calls = 0;
  override async capture(id: string, amountCents: number, key?: string): Promise<void> {
    this.calls++;
    if (this.calls === 1) throw new Error('processor unreachable');
    await super.capture(id, amountCents, key);
    if (this.calls === 2) throw new Error('connection reset before the answer');
  }
}

/** The authorization has lapsed at the processor by the time of the capture: a real refusal from its ledger. */
class LapsedAuthorization extends SandboxProcessor {
  override async capture(id: string, amountCents: number, key?: string): Promise<void> {
    await super.void(id);
    await super.capture(id, amountCents, key);
  }
}

/** Refunds fail twice: once unreachable, once applied with the answer lost. */
class FlakyRefund extends SandboxProcessor {
  calls = 0;
  override async refund(id: string, amountCents: number, key?: string): Promise<{ refundedTotalCents: number }> {
    this.calls++;
    if (this.calls === 1) throw new Error('processor unreachable');
    const r = await super.refund(id, amountCents, key);
    if (this.calls === 2) throw new Error('connection reset before the answer');
    return r;
  }
}

/** Counts the captures it is asked for, per authorization. */
class CountingCapture extends SandboxProcessor {
  readonly asked = new Map<string, number>();
  override async capture(id: string, amountCents: number, key?: string): Promise<void> {
    this.asked.set(id, (this.asked.get(id) ?? 0) + 1);
    await super.capture(id, amountCents, key);
  }
}

/** Holds an authorisation until the test lets it go: the test changes what it must while the card is being authorised. */
class HeldAuthorization extends SandboxProcessor {
  #asked!: () => void;
  #release!: () => void;
  /** Resolves when the first authorisation is asked for. */
  readonly asked = new Promise<void>((resolve) => (this.#asked = resolve));
  readonly #released = new Promise<void>((resolve) => (this.#release = resolve));
  release(): void {
    this.#release();
  }
  override async authorize(req: Parameters<SandboxProcessor['authorize']>[0]): ReturnType<SandboxProcessor['authorize']> {
    this.#asked();
    await this.#released;
    return super.authorize(req);
  }
}

async function node(payments: SandboxProcessor, namespace: string): Promise<DinewireNode> {
  return startTestNode({ payments, jobNamespace: namespace });
}

async function placeCardOrder(
  url: string,
  r: TestRestaurant,
  dishId: string,
): Promise<{ id: string; orderToken: string; totalCents: number }> {
  const res = await client(url).post('/api/v1/orders', orderBody(r, [{ dishId }], { paymentMethod: 'card', card: TEST_CARD }), {
    'idempotency-key': idempotencyKey(),
  });
  expect(res.status).toBe(201);
  expect(res.body.order.paymentStatus).toBe('paid');
  return { id: res.body.order.id, orderToken: res.body.orderToken, totalCents: res.body.order.totalCents };
}

interface Money {
  status: string;
  payment_status: string;
  ledger: string;
  captured_cents: number;
  refunded_cents: number;
  refund_keys: string[];
  charge: string;
}

/** The order, our books and the processor's ledger, side by side. */
function money(orderId: string): Promise<Money | null> {
  return one<Money>(
    db,
    `SELECT o.status, o.payment_status, c.status AS ledger, c.captured_cents, c.refunded_cents, c.refund_keys,
            (SELECT p.status FROM payments p WHERE p.order_id = o.id AND p.kind = 'charge') AS charge
       FROM orders o JOIN sandbox_charges c ON c.id = o.processor_ref WHERE o.id = $orderId`,
    { orderId },
  );
}

const stockOf = async (ingredientId: string) =>
  (await one<{ q: number }>(db, 'SELECT quantity::float AS q FROM ingredients WHERE id = $ingredientId', { ingredientId }))!.q;

const namespace = () => `t${crypto.randomBytes(4).toString('hex')}`;

describe('card payments on the job queue', () => {
  it('retries a failing capture until it is done, and captures once', async () => {
    const payments = new FlakyCapture(db);
    const n = await node(payments, namespace());
    try {
      const r = await makeRestaurant(db);
      const dish = await makeDish(db, r, { stock: 5, priceCents: 4000 });
      const order = await placeCardOrder(n.url, r, dish.id);
      await eventually(async () => expect((await money(order.id))?.charge).toBe('settled'), 30_000);
      expect(await money(order.id)).toMatchObject({
        status: 'placed',
        payment_status: 'paid',
        ledger: 'captured',
        captured_cents: order.totalCents,
        charge: 'settled',
      });
      // Tried three times: unreachable, answer lost, then answered (the same capture, by its key).
      expect(payments.calls).toBe(3);
    } finally {
      await n.close();
    }
  });

  it('cancels the order, voids the authorization and returns the stock when the processor refuses the capture', async () => {
    const n = await node(new LapsedAuthorization(db), namespace());
    try {
      const r = await makeRestaurant(db);
      const dish = await makeDish(db, r, { stock: 5, priceCents: 4000 });
      const order = await placeCardOrder(n.url, r, dish.id);
      expect(await stockOf(dish.ingredientId!)).toBe(4);
      await eventually(async () => expect((await money(order.id))?.status).toBe('cancelled'), 30_000);
      expect(await money(order.id)).toMatchObject({ payment_status: 'void', ledger: 'voided', captured_cents: 0, charge: 'void' });
      expect(await stockOf(dish.ingredientId!)).toBe(5);
      // Screens hear of it: an order.updated event with the cancelled, void order.
      const events = await rows<{ type: string; status: string; payment_status: string }>(
        db,
        `SELECT type, data->>'status' AS status, data->>'paymentStatus' AS payment_status FROM events WHERE order_id = $orderId ORDER BY seq`,
        { orderId: order.id },
      );
      expect(events.map((e) => e.type)).toEqual(['order.created', 'order.updated']);
      expect(events[1]).toMatchObject({ status: 'cancelled', payment_status: 'void' });
      const read = await client(n.url).get(`/api/v1/orders/${order.id}?token=${order.orderToken}`);
      expect(read.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'void' });
    } finally {
      await n.close();
    }
  });

  it('retries a failing refund until it is done, and refunds once', async () => {
    const payments = new FlakyRefund(db);
    const n = await node(payments, namespace());
    try {
      const r = await makeRestaurant(db);
      const dish = await makeDish(db, r, { stock: 5, priceCents: 4000 });
      const order = await placeCardOrder(n.url, r, dish.id);
      const cancel = await client(n.url).post(`/api/v1/orders/${order.id}/cancel`, { token: order.orderToken });
      expect(cancel.status).toBe(200);
      expect(cancel.body.order).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
      const refund = await one<{ id: string }>(db, `SELECT id FROM payments WHERE order_id = $orderId AND kind = 'refund'`, {
        orderId: order.id,
      });
      await eventually(async () => {
        const p = await one<{ status: string }>(db, 'SELECT status FROM payments WHERE id = $id', { id: refund!.id });
        expect(p!.status).toBe('settled');
      }, 40_000);
      expect(await money(order.id)).toMatchObject({
        ledger: 'captured',
        captured_cents: order.totalCents,
        refunded_cents: order.totalCents,
        refund_keys: [refund!.id],
      });
      expect(payments.calls).toBe(3);
    } finally {
      await n.close();
    }
  });

  it('never captures twice with two workers: each job runs on one, and a doubled run captures once', async () => {
    const ns = namespace();
    const payments = new CountingCapture(db, undefined, { captureDelayMs: 300 });
    const [a, b] = [await node(payments, ns), await node(payments, ns)];
    try {
      const r = await makeRestaurant(db);
      const dish = await makeDish(db, r, { stock: 50, priceCents: 4000 });
      const orders = await Promise.all(Array.from({ length: 10 }, (_, i) => placeCardOrder([a, b][i % 2].url, r, dish.id)));
      await eventually(async () => {
        for (const o of orders) expect((await money(o.id))?.charge).toBe('settled');
      }, 30_000);
      const refs = await rows<{ id: string; processor_ref: string }>(db, 'SELECT id, processor_ref FROM orders WHERE restaurant_id = $id', {
        id: r.id,
      });
      // The queue gave each job to one worker only.
      for (const o of refs) expect(payments.asked.get(o.processor_ref)).toBe(1);

      // A capture whose answer was lost (our books still pending), run by both nodes at once.
      const doubled = refs[0];
      await db.query(`UPDATE payments SET status = 'pending', settled_at = NULL WHERE order_id = $id AND kind = 'charge'`, {
        bind: { id: doubled.id },
      });
      await Promise.all([captureOrderPayment(a.services, doubled.id), captureOrderPayment(b.services, doubled.id)]);
      expect(payments.asked.get(doubled.processor_ref)).toBe(3);
      for (const o of orders) {
        expect(await money(o.id)).toMatchObject({
          status: 'placed',
          payment_status: 'paid',
          ledger: 'captured',
          captured_cents: o.totalCents,
          charge: 'settled',
        });
      }
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('an order transaction that fails after the card was authorised', () => {
  it('voids the authorization, and refuses with 409 when the price changed in between', async () => {
    const ns = namespace();
    // The price changes while the card is being authorised, before the order's transaction.
    const payments = new HeldAuthorization(db);
    const n = await node(payments, ns);
    try {
      const r = await makeRestaurant(db);
      const dish = await makeDish(db, r, { stock: 5, priceCents: 6123 });
      const placing = client(n.url).post(
        '/api/v1/orders',
        orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'card', card: TEST_CARD }),
        {
          'idempotency-key': idempotencyKey(),
        },
      );
      await payments.asked;
      await db.query('UPDATE dishes SET price_cents = 6500 WHERE id = $id', { bind: { id: dish.id } });
      payments.release();
      const res = await placing;
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(await stockOf(dish.ingredientId!)).toBe(5);
      // 6123 + 10% service = 6735, authorised and then voided.
      const held = await rows<{ status: string }>(db, 'SELECT status FROM sandbox_charges WHERE amount_cents = 6735');
      expect(held).toEqual([{ status: 'voided' }]);
      // The fallback void job is there too, for a node that dies before it could void.
      const fallback = await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM pgboss.job WHERE name = $name`, {
        name: `${ns}.payment.void`,
      });
      expect(fallback!.n).toBe(1);
    } finally {
      await n.close();
    }
  });
});
