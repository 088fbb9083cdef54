import type { Sequelize } from 'sequelize';
import { createSequelize } from '../../db/connection';
import { migrate } from '../../db/migrator';
import { one, rows } from '../../db/sql';
import { models } from '../../models';
import type { DinewireNode } from '../../node';
import { makeDish, makeRestaurant, makeUser, orderBody } from '../../test/factories';
import { client, idempotencyKey, startTestNode } from '../../test/harness';
import { scratchDatabase } from '../../test/scratchDb';
import { pruneOnce } from './prune';

const DAY = 24 * 3600 * 1000;

/** Pruning on a database of its own: it deletes ended sessions, which other suites still read. */
describe('pruneOnce', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let sequelize: Sequelize;
  let node: DinewireNode;
  const config = { sessionIdleMinutes: 60, eventRetentionDays: 30 };
  beforeAll(async () => {
    scratch = await scratchDatabase('prune');
    sequelize = createSequelize(scratch.url, { poolMax: 4 });
    await migrate(sequelize);
    node = await startTestNode({ sequelize, config: { databaseUrl: scratch.url, ...config } });
  });
  afterAll(async () => {
    await node?.close();
    await sequelize?.close();
    await scratch?.drop();
  });

  const ago = (ms: number) => new Date(Date.now() - ms);

  it('deletes day-old idempotency keys, ended sessions, expired codes and old messages, in batches, and keeps the rest', async () => {
    const m = models(sequelize);
    const r = await makeRestaurant(sequelize);
    const dish = await makeDish(sequelize, r);
    const keys = [idempotencyKey(), idempotencyKey(), idempotencyKey()];
    for (const key of keys) {
      expect((await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), { 'idempotency-key': key })).status).toBe(
        201,
      );
    }
    // This database holds only these three keys (stored as keyed hashes): the first two are a day old.
    const stored = await m.IdempotencyKey.findAll({ order: [['createdAt', 'ASC']] });
    expect(stored).toHaveLength(3);
    await m.IdempotencyKey.update({ createdAt: ago(25 * 3600 * 1000) }, { where: { keyHash: stored.slice(0, 2).map((k) => k.keyHash) } });

    const [expired, revoked, idle, live] = await Promise.all([1, 2, 3, 4].map(() => makeUser(sequelize, 'guest')));
    await m.Session.update({ expiresAt: ago(1000) }, { where: { userId: expired.id } });
    await m.Session.update({ revokedAt: ago(1000) }, { where: { userId: revoked.id } });
    await m.Session.update({ lastUsedAt: ago(61 * 60_000) }, { where: { userId: idle.id } });

    const registration = (expiresAt: Date) => ({
      codeHash: idempotencyKey(),
      emailEnc: 'x',
      emailHash: idempotencyKey(),
      nameEnc: 'x',
      phoneEnc: 'x',
      passwordHash: 'x',
      expiresAt,
    });
    await m.Registration.bulkCreate([registration(ago(1000)), registration(ago(2000)), registration(new Date(Date.now() + 3600_000))]);
    const message = (createdAt: Date) => ({
      kind: 'email' as const,
      recipientEnc: 'x',
      template: 'registration.exists',
      payloadEnc: 'x',
      createdAt,
    });
    await m.OutboxMessage.bulkCreate([message(ago(8 * DAY)), message(ago(8 * DAY)), message(ago(8 * DAY)), message(ago(DAY))]);

    // Batches of 2: every table needs more than one statement.
    const counts = await pruneOnce({ sequelize, config }, new Date(), 2);
    expect(counts).toEqual({ idempotencyKeys: 2, sessions: 3, registrations: 2, outboxMessages: 3, events: 0 });
    expect((await m.IdempotencyKey.findAll()).map((k) => k.keyHash)).toEqual([stored[2].keyHash]);
    expect(await m.Session.count({ where: { userId: [expired.id, revoked.id, idle.id] } })).toBe(0);
    expect((await client(node.url, live.token).get('/api/v1/me')).status).toBe(200);
    expect(await m.Registration.count()).toBe(1);
    expect(await m.OutboxMessage.count()).toBe(1);
    // Nothing left to do.
    expect(await pruneOnce({ sequelize, config }, new Date(), 2)).toEqual({
      idempotencyKeys: 0,
      sessions: 0,
      registrations: 0,
      outboxMessages: 0,
      events: 0,
    });
  });

  it('drops events past EVENT_RETENTION_DAYS as a prefix of the log, never moves the counter back, and tells an older cursor to reload', async () => {
    const r = await makeRestaurant(sequelize);
    const dish = await makeDish(sequelize, r, { stock: 100 });
    const manager = await makeUser(sequelize, 'manager', [r.id]);
    for (let i = 0; i < 7; i++) {
      const res = await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), {
        'idempotency-key': idempotencyKey(),
      });
      expect(res.status).toBe(201);
    }
    const seqs = (await rows<{ seq: number }>(sequelize, 'SELECT seq FROM events WHERE restaurant_id = $r ORDER BY seq', { r: r.id })).map(
      (e) => e.seq,
    );
    const latest = seqs[seqs.length - 1];
    expect(seqs).toEqual(Array.from({ length: latest }, (_, i) => i + 1));
    // Events 1..4 are 40 days old; so is 6, but 5 is recent: only the prefix 1..4 may go.
    await sequelize.query(`UPDATE events SET at = now() - interval '40 days' WHERE restaurant_id = $r AND seq IN (1, 2, 3, 4, 6)`, {
      bind: { r: r.id },
    });
    await sequelize.query(`UPDATE events SET at = now() - interval '1 day' WHERE restaurant_id = $r AND seq = 5`, { bind: { r: r.id } });

    const counts = await pruneOnce({ sequelize, config }, new Date(), 3);
    expect(counts.events).toBe(4);
    const kept = (await rows<{ seq: number }>(sequelize, 'SELECT seq FROM events WHERE restaurant_id = $r ORDER BY seq', { r: r.id })).map(
      (e) => e.seq,
    );
    expect(kept).toEqual(seqs.slice(4));
    expect((await one<{ seq: number }>(sequelize, 'SELECT seq FROM restaurant_counters WHERE restaurant_id = $r', { r: r.id }))!.seq).toBe(
      latest,
    );

    const staff = client(node.url, manager.token);
    const page = (after: number) => staff.get(`/api/v1/restaurants/${r.id}/events?after=${after}&scope=staff`);
    // A cursor whose next events were pruned: reload the screen.
    for (const after of [0, 2, 3]) expect((await page(after)).body).toMatchObject({ events: [], latestSeq: latest, reset: true });
    // From the oldest kept event on, catch-up answers as before.
    const whole = await page(4);
    expect(whole.body.reset).toBe(false);
    expect(whole.body.events.map((e: { seq: number }) => e.seq)).toEqual(seqs.slice(4));
    expect((await page(latest)).body).toMatchObject({ events: [], reset: false });

    // The next order takes the next seq, as if nothing was pruned.
    expect(
      (await client(node.url).post('/api/v1/orders', orderBody(r, [{ dishId: dish.id }]), { 'idempotency-key': idempotencyKey() })).status,
    ).toBe(201);
    expect((await page(latest)).body.events.map((e: { seq: number }) => e.seq)).toEqual([latest + 1]);
  });
});
