import type { Sequelize } from 'sequelize';
import { one } from '../../db/sql';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, orderBody, TEST_CARD } from '../../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../../test/harness';
import { ProcessorError } from './processor';
import { luhnValid, SANDBOX_CARDS, SandboxProcessor } from './sandboxProcessor';

let db: Sequelize;
let sandbox: SandboxProcessor;

beforeAll(() => {
  db = testSequelize();
  sandbox = new SandboxProcessor(db, () => new Date('2026-11-25T00:00:00Z'));
});
afterAll(async () => {
  await db?.close();
});

const card = (number: string, expYear = 2030, expMonth = 12) => ({ number, expMonth, expYear, cvc: '123' });

describe('the sandbox card processor', () => {
  it('declines the documented test cards, bad numbers and expired cards', async () => {
    const auth = (c: ReturnType<typeof card>) =>
      sandbox.authorize({ amountCents: 1000, currency: 'HKD', card: c, idempotencyKey: idempotencyKey() });
    expect(await auth(card(SANDBOX_CARDS.declined))).toMatchObject({ ok: false, declineCode: 'card_declined' });
    expect(await auth(card(SANDBOX_CARDS.insufficientFunds))).toMatchObject({ ok: false, declineCode: 'insufficient_funds' });
    expect(await auth(card(SANDBOX_CARDS.expired))).toMatchObject({ ok: false, declineCode: 'expired_card' });
    expect(await auth(card('4242424242424241'))).toMatchObject({ ok: false, declineCode: 'incorrect_number' });
    expect(await auth(card(SANDBOX_CARDS.approved, 2026, 10))).toMatchObject({ ok: false, declineCode: 'expired_card' });
    expect(await auth(card('4242 4242 4242 4242'))).toMatchObject({ ok: true, brand: 'visa', last4: '4242' });
    expect(await auth(card(SANDBOX_CARDS.approvedMastercard))).toMatchObject({ ok: true, brand: 'mastercard', last4: '4444' });
    expect(luhnValid('79927398713')).toBe(true);
  });

  it('answers a repeated idempotency key with the same authorization', async () => {
    const key = idempotencyKey();
    const a = await sandbox.authorize({ amountCents: 500, currency: 'HKD', card: card(SANDBOX_CARDS.approved), idempotencyKey: key });
    const b = await sandbox.authorize({ amountCents: 500, currency: 'HKD', card: card(SANDBOX_CARDS.approved), idempotencyKey: key });
    expect(a.ok && b.ok && a.authorizationId === b.authorizationId).toBe(true);
  });

  it('captures once, voids only what is not captured, and never refunds more than the charge', async () => {
    const a = await sandbox.authorize({
      amountCents: 10_000,
      currency: 'HKD',
      card: card(SANDBOX_CARDS.approved),
      idempotencyKey: idempotencyKey(),
    });
    if (!a.ok) throw new Error('declined');
    await expect(sandbox.capture(a.authorizationId, 10_001)).rejects.toThrow(ProcessorError);
    await sandbox.capture(a.authorizationId, 10_000);
    await expect(sandbox.capture(a.authorizationId, 10_000)).rejects.toThrow(ProcessorError);
    await sandbox.void(a.authorizationId); // a captured charge is not voided
    expect((await sandbox.refund(a.authorizationId, 6_000)).refundedTotalCents).toBe(6_000);
    await expect(sandbox.refund(a.authorizationId, 4_001)).rejects.toThrow(ProcessorError);
    // Racing refunds cannot together exceed the charge either.
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => sandbox.refund(a.authorizationId, 1_000)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const row = await one<{ refunded_cents: number }>(db, 'SELECT refunded_cents FROM sandbox_charges WHERE id = $id', {
      id: a.authorizationId,
    });
    expect(row!.refunded_cents).toBe(10_000);
  });
});

describe('card orders', () => {
  let node: DinewireNode;
  beforeAll(async () => {
    node = await startTestNode();
  });
  afterAll(async () => {
    await node?.close();
  });

  it('charges a card once for 10 racing retries of one order', async () => {
    const r = await makeRestaurant(db);
    const dish = await makeDish(db, r, { stock: 20, priceCents: 3000 });
    const key = idempotencyKey();
    const body = orderBody(r, [{ dishId: dish.id }], { paymentMethod: 'card', card: TEST_CARD });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => client(node.url).post('/api/v1/orders', body, { 'idempotency-key': key })),
    );
    expect(new Set(results.map((x) => x.body.order.id)).size).toBe(1);
    // The capture is a job after commit: the processor's ledger gets there shortly.
    await eventually(async () => {
      const charges = await one<{ n: number; captured: number }>(
        db,
        `SELECT count(*)::int AS n, sum(captured_cents)::int AS captured FROM sandbox_charges WHERE id IN (SELECT processor_ref FROM orders WHERE restaurant_id = $restaurantId)`,
        { restaurantId: r.id },
      );
      expect(charges).toEqual({ n: 1, captured: 3300 });
    }, 20_000);
  });

  it('voids the authorization when the order fails after it (stock ran out)', async () => {
    const r = await makeRestaurant(db);
    // A price no other test uses, to find this authorization: 2 × 7777 + 10% service = 17109.
    const dish = await makeDish(db, r, { stock: 1, priceCents: 7777 });
    const res = await client(node.url).post(
      '/api/v1/orders',
      orderBody(r, [{ dishId: dish.id, quantity: 2 }], { paymentMethod: 'card', card: TEST_CARD }),
      {
        'idempotency-key': idempotencyKey(),
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('out_of_stock');
    const held = await one<{ voided: number; other: number }>(
      db,
      `SELECT count(*) FILTER (WHERE status = 'voided')::int AS voided, count(*) FILTER (WHERE status <> 'voided')::int AS other
         FROM sandbox_charges WHERE amount_cents = 17109`,
    );
    expect(held).toEqual({ voided: 1, other: 0 });
  });
});
