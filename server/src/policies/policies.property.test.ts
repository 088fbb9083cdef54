import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eventFitsScope, type DinewireEvent, type Scope, type SubscribeAck } from '@dinewire/protocol';
import fc from 'fast-check';
import type { Sequelize } from 'sequelize';
import { io as ioClient, type Socket } from 'socket.io-client';
import { one, rows } from '../db/sql';
import { ORDER_FIELDS, ORDER_ITEM_FIELDS } from '../modules/orders/order.presenter';
import type { DinewireNode } from '../node';
import { makeDevice, makeDish, makeRestaurant, makeUser, orderBody, type TestRestaurant } from '../test/factories';
import { client, eventually, idempotencyKey, startTestNode, testSequelize } from '../test/harness';
import { encryptPii } from '../lib/pii';
import { models } from '../models';
import { reservationTokenHash } from '../modules/reservations/reservationSecrets';
import { type Actor, type OrderAccess, type OrderAudience, type ReservationWithToken, audienceOf, audienceOfScope, can } from '.';

/**
 * Over role and device kind × restaurant (own or other) × route or socket scope, the real node
 * answers allowed (2xx, or an ok ack) exactly when the policy says so, and every order in every
 * answer and every socket event carries exactly the fields of the caller's audience.
 */

const ROLES = ['manager', 'kitchen', 'host', 'guest', 'kiosk', 'kitchenScreen', 'stationScreen', 'board', 'anonymous'] as const;
type Role = (typeof ROLES)[number];
const SCOPES = ['staff', 'kitchen', 'board', 'menu'] as const;
const ROUTES = [
  'GET /restaurants/:id/orders',
  'GET /orders/:id',
  'POST /orders/:id/cancel',
  'POST /kitchen/items/:id/bump',
  'POST /orders/:id/handoff',
  'POST /orders (web)',
  'POST /orders (kiosk)',
  'POST /orders (staff)',
  'GET /me/orders',
  'GET /restaurants/:id/reservations',
  'POST /restaurants/:id/walk-ins',
  'GET /reservations/:id',
  'POST /reservations/:id/cancel',
  'GET /me/reservations',
  'GET /restaurants/:id/waitlist',
  'GET /me',
  'GET /restaurants/:id/inventory',
  'POST /inventory/:id/adjustments',
  'GET /restaurants/:id/devices',
  'POST /devices',
  'POST /devices/:id/revoke',
  'PATCH /devices/:id',
  'GET /restaurants/:id/tables/qr-codes',
  'GET /dishes/:id',
  'GET /restaurants/:id/menu',
  ...SCOPES.map((s) => `GET /restaurants/:id/events?scope=${s}` as const),
  'GET /restaurants/:id/events?scope=order',
  'GET /cluster/nodes',
  'GET /cluster/health',
  'GET /restaurants/:id/live',
  'GET /restaurants/:id/inventory/movements',
  'POST /dishes/:id/availability',
  ...SCOPES.map((s) => `socket subscribe ${s}` as const),
  'socket subscribe order',
] as const;
type Route = (typeof ROUTES)[number];

interface Case {
  role: Role;
  restaurant: 'own' | 'other';
  route: Route;
  /** Who placed the order the route is about. */
  placedBy: 'web' | 'guest' | 'kiosk';
  /** Whether the caller gives that order's token. */
  withToken: boolean;
  /** The item's station (bump), or the stationId asked for (scopes). */
  station: 'wok' | 'grill' | 'none';
}

interface Caller {
  token?: string;
  actor: Actor;
  socket: Socket;
}

let db: Sequelize;
let node: DinewireNode;
let own: TestRestaurant;
let other: TestRestaurant;
let grillStationId: string;
let dishes: { wok: string; grill: string; scarce: string; ingredient: string; scarceIngredient: string };
const callers = new Map<string, Caller>();
const counts = new Map<string, { cases: number; allowed: number; denied: number }>();
let runs = 0;

const GUEST_FIELDS = ['guestName', 'roomNumber', 'cardLast4', 'promoCode'];
/** Routes open to everyone, where the policy decides which fields (a dish's recipe and station) are shown. */
const STAFF_FIELDS_ROUTES: string[] = ['GET /dishes/:id', 'GET /restaurants/:id/menu'];

function callerKey(role: Role, side: 'own' | 'other'): string {
  return role === 'anonymous' ? 'anonymous' : `${role}:${side}`;
}

async function connect(token?: string): Promise<Socket> {
  const socket = ioClient(node.url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function addCaller(key: string, token?: string): Promise<void> {
  const actor = token ? await node.services.sessions.resolve(token) : ({ kind: 'anonymous' } as Actor);
  if (!actor) throw new Error(`token of ${key} does not resolve`);
  callers.set(key, { token, actor, socket: await connect(token) });
}

beforeAll(async () => {
  db = testSequelize();
  node = await startTestNode();
  own = await makeRestaurant(db);
  other = await makeRestaurant(db);
  grillStationId = (await one<{ id: string }>(
    db,
    `INSERT INTO stations (restaurant_id, names) VALUES ($restaurantId, '{"en":"Grill","zh-Hant":"燒烤","zh-Hans":"烧烤"}') RETURNING id`,
    { restaurantId: own.id },
  ))!.id;
  const wok = await makeDish(db, own, { stock: 100_000 });
  const grill = await makeDish(db, own, { stock: 100_000, name: 'Satay' });
  await db.query('UPDATE dishes SET station_id = $1 WHERE id = $2', { bind: [grillStationId, grill.id] });
  // Few portions: every order and every restock of it is announced to the menu scope.
  const scarce = await makeDish(db, own, { stock: 4, name: 'Lobster' });
  dishes = { wok: wok.id, grill: grill.id, scarce: scarce.id, ingredient: wok.ingredientId!, scarceIngredient: scarce.ingredientId! };
  await makeDish(db, other, { stock: 100 });

  for (const [side, r] of [
    ['own', own],
    ['other', other],
  ] as const) {
    for (const role of ['manager', 'kitchen', 'host'] as const)
      await addCaller(callerKey(role, side), (await makeUser(db, role, [r.id])).token);
    await addCaller(callerKey('guest', side), (await makeUser(db, 'guest')).token);
    await addCaller(callerKey('kiosk', side), (await makeDevice(db, r.id, 'kiosk')).token);
    await addCaller(callerKey('kitchenScreen', side), (await makeDevice(db, r.id, 'kitchen')).token);
    await addCaller(callerKey('stationScreen', side), (await makeDevice(db, r.id, 'kitchen', r.stationId)).token);
    await addCaller(callerKey('board', side), (await makeDevice(db, r.id, 'board')).token);
  }
  await addCaller('anonymous');
});

afterAll(async () => {
  const table = Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
  const total = [...counts.values()].reduce((s, c) => s + c.cases, 0);
  const report = { runs, cases: total, routes: counts.size, staffFieldsRoutes: STAFF_FIELDS_ROUTES, perRoute: table };
  const file = path.resolve(__dirname, '../../../test-results/policies-property.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `policies property: ${runs} runs, ${counts.size} routes and scopes\n${Object.entries(table)
      .map(
        ([route, c]) =>
          `  ${route}: ${c.cases} cases (${c.allowed} ${STAFF_FIELDS_ROUTES.includes(route) ? 'with recipe and station' : 'allowed'}, ${c.denied} ${STAFF_FIELDS_ROUTES.includes(route) ? 'without' : 'refused'})`,
      )
      .join('\n')}\n`,
  );
  for (const c of callers.values()) c.socket.close();
  await node?.close();
  await db?.close();
});

function count(route: string, allowed: boolean): void {
  const c = counts.get(route) ?? { cases: 0, allowed: 0, denied: 0 };
  c.cases++;
  if (allowed) c.allowed++;
  else c.denied++;
  counts.set(route, c);
}

/** What the policies decide on, read from the database (not from the server's own code). */
async function accessOfMany(orderIds: string[]): Promise<Map<string, OrderAccess>> {
  const list = await rows<{
    id: string;
    restaurant_id: string;
    user_id: string | null;
    device_id: string | null;
    order_token_hash: string | null;
  }>(db, 'SELECT id, restaurant_id, user_id, device_id, order_token_hash FROM orders WHERE id = ANY($orderIds::uuid[])', { orderIds });
  return new Map(
    list.map((o) => [o.id, { restaurantId: o.restaurant_id, userId: o.user_id, deviceId: o.device_id, tokenHash: o.order_token_hash }]),
  );
}

async function ownerOf(reservationId: string): Promise<string | null> {
  return (await one<{ user_id: string | null }>(db, 'SELECT user_id FROM reservations WHERE id = $id', { id: reservationId }))!.user_id;
}

async function accessOf(orderId: string): Promise<OrderAccess> {
  return (await accessOfMany([orderId])).get(orderId)!;
}

/** A fresh order in the own restaurant, placed by `placedBy`, of one dish of `station`. */
async function placeTarget(c: Case, items: string[] = [c.station === 'grill' ? dishes.grill : dishes.wok]) {
  const placer =
    c.placedBy === 'guest' ? callers.get('guest:own')!.token : c.placedBy === 'kiosk' ? callers.get('kiosk:own')!.token : undefined;
  const res = await client(node.url, placer).post(
    '/api/v1/orders',
    orderBody(
      own,
      items.map((dishId) => ({ dishId })),
      { channel: c.placedBy === 'kiosk' ? 'kiosk' : 'web', guestName: 'Ms Chan' },
    ),
    { 'idempotency-key': idempotencyKey() },
  );
  expect(res.status).toBe(201);
  const order = res.body.order as { id: string; items: { id: string }[] };
  return { order, orderToken: res.body.orderToken as string, access: await accessOf(order.id) };
}

/**
 * A fresh booking in the own restaurant, written as the booking code stores one (contact encrypted
 * with the node's key, the token as its keyed hash): the guest account's when `placedBy` is the
 * guest, else nobody's. The policy's input is read back from the row.
 */
async function bookTarget(c: Case): Promise<{ id: string; token: string; access: ReservationWithToken }> {
  const guest = callers.get('guest:own')!.actor;
  const token = `rt_${crypto.randomBytes(16).toString('base64url')}`;
  const { config } = node.services;
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const row = await models(db).Reservation.create({
    restaurantId: own.id,
    code: crypto.randomBytes(4).toString('hex').toUpperCase(),
    partySize: 2,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    nameEnc: encryptPii(config.piiKey, 'Ms Chan')!,
    phoneEnc: encryptPii(config.piiKey, '+852 9000 0000')!,
    emailEnc: encryptPii(config.piiKey, 'chan@example.com')!,
    userId: c.placedBy === 'guest' && guest.kind === 'user' ? guest.id : null,
    tokenHash: reservationTokenHash(config.sessionSecret, token),
  });
  const stored = await one<{ restaurant_id: string; user_id: string | null }>(
    db,
    'SELECT restaurant_id, user_id FROM reservations WHERE id = $id',
    {
      id: row.id,
    },
  );
  return {
    id: row.id,
    token,
    access: { reservation: { restaurantId: stored!.restaurant_id, userId: stored!.user_id }, tokenValid: c.withToken },
  };
}

/** The order carries exactly its audience's fields, and a kitchen or board never a guest's. */
function expectPresentedFor(order: Record<string, unknown>, audience: OrderAudience | null): void {
  expect(audience).not.toBeNull();
  expect(Object.keys(order).sort()).toEqual([...ORDER_FIELDS[audience!]].sort());
  if (audience === 'kitchen' || audience === 'board') for (const f of GUEST_FIELDS) expect(order).not.toHaveProperty(f);
  if (audience === 'board') expect(Object.keys(order).sort()).toEqual(['id', 'number', 'status', 'version']);
  for (const item of (order.items as Record<string, unknown>[] | undefined) ?? []) {
    expect(Object.keys(item).sort()).toEqual([...ORDER_ITEM_FIELDS].sort());
  }
}

function expectAnswer(res: { status: number; body: any }, allowed: boolean, okStatus = 200): void {
  if (allowed) {
    expect({ status: res.status, body: res.status === okStatus ? 'ok' : res.body }).toEqual({ status: okStatus, body: 'ok' });
  } else {
    expect([401, 403, 404]).toContain(res.status);
    expect(res.body.error.code).toBe({ 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[res.status as 401]);
  }
}

function stationParam(c: Case): string | undefined {
  return c.station === 'wok' ? own.stationId : c.station === 'grill' ? grillStationId : undefined;
}

async function latestSeq(): Promise<number> {
  return (await one<{ seq: number }>(db, 'SELECT seq FROM restaurant_counters WHERE restaurant_id = $restaurantId', {
    restaurantId: own.id,
  }))!.seq;
}

function subscribe(socket: Socket, request: object): Promise<SubscribeAck> {
  return socket.timeout(5000).emitWithAck('subscribe', request);
}

async function checkCase(c: Case): Promise<void> {
  const caller = callers.get(callerKey(c.role, c.restaurant))!;
  const { actor } = caller;
  const api = client(node.url, caller.token);
  const manager = client(node.url, callers.get('manager:own')!.token);
  const R = own.id;
  let allowed: boolean;

  switch (c.route) {
    case 'GET /restaurants/:id/orders': {
      allowed = can(actor, 'order.list', { restaurantId: R });
      const since = (await one<{ at: string }>(db, 'SELECT now()::text AS at'))!.at;
      const t = await placeTarget(c);
      const res = await api.get(`/api/v1/restaurants/${R}/orders?since=${encodeURIComponent(new Date(since).toISOString())}`);
      expectAnswer(res, allowed);
      if (allowed) {
        expect(res.body.orders.map((o: { id: string }) => o.id)).toContain(t.order.id);
        const access = await accessOfMany(res.body.orders.map((o: { id: string }) => o.id));
        for (const o of res.body.orders) expectPresentedFor(o, audienceOf(actor, R, { access: access.get(o.id)! }));
      }
      break;
    }
    case 'GET /orders/:id': {
      const t = await placeTarget(c);
      const token = c.withToken ? t.orderToken : undefined;
      allowed = can(actor, 'order.read', { order: t.access, token });
      const res = await api.get(`/api/v1/orders/${t.order.id}${token ? `?token=${encodeURIComponent(token)}` : ''}`);
      expectAnswer(res, allowed);
      if (allowed) expectPresentedFor(res.body.order, audienceOf(actor, R, { access: t.access, token }));
      break;
    }
    case 'POST /orders/:id/cancel': {
      const t = await placeTarget(c);
      const token = c.withToken ? t.orderToken : undefined;
      allowed = can(actor, 'order.cancel', { order: t.access, token });
      const res = await api.post(`/api/v1/orders/${t.order.id}/cancel`, token ? { token } : {});
      expectAnswer(res, allowed);
      if (allowed) expectPresentedFor(res.body.order, audienceOf(actor, R, { access: t.access, token }));
      break;
    }
    case 'POST /orders/:id/handoff': {
      const t = await placeTarget(c);
      // Ready first (by a manager), so that whoever may hand it off gets 200.
      for (let i = 0; i < 2; i++) expect((await manager.post(`/api/v1/kitchen/items/${t.order.items[0].id}/bump`)).status).toBe(200);
      allowed = can(actor, 'order.handOff', { restaurantId: R });
      const res = await api.post(`/api/v1/orders/${t.order.id}/handoff`);
      expectAnswer(res, allowed);
      if (allowed) expectPresentedFor(res.body.order, audienceOf(actor, R, { access: t.access }));
      break;
    }
    case 'POST /kitchen/items/:id/bump': {
      const t = await placeTarget(c);
      allowed = can(actor, 'kitchen.move', { restaurantId: R, stationId: c.station === 'grill' ? grillStationId : own.stationId });
      const res = await api.post(`/api/v1/kitchen/items/${t.order.items[0].id}/bump`);
      expectAnswer(res, allowed);
      if (allowed) expectPresentedFor(res.body.order, audienceOf(actor, R, { access: t.access }));
      break;
    }
    case 'POST /orders (web)':
    case 'POST /orders (kiosk)':
    case 'POST /orders (staff)': {
      const channel = c.route.slice('POST /orders ('.length, -1) as 'web' | 'kiosk' | 'staff';
      allowed = can(actor, 'order.place', { restaurantId: R, channel });
      const res = await api.post('/api/v1/orders', orderBody(own, [{ dishId: dishes.wok }], { channel, guestName: 'Mr Wong' }), {
        'idempotency-key': idempotencyKey(),
      });
      expectAnswer(res, allowed, 201);
      if (allowed) expectPresentedFor(res.body.order, 'owner');
      break;
    }
    case 'GET /restaurants/:id/reservations': {
      allowed = can(actor, 'reservation.list', { restaurantId: R });
      const res = await api.get(`/api/v1/restaurants/${R}/reservations`);
      expectAnswer(res, allowed);
      if (allowed) expect(Array.isArray(res.body.reservations)).toBe(true);
      break;
    }
    case 'POST /restaurants/:id/walk-ins': {
      allowed = can(actor, 'walkIn.create', { restaurantId: R });
      const res = await api.post(`/api/v1/restaurants/${R}/walk-ins`, { partySize: 2 });
      expectAnswer(res, allowed, 201);
      if (allowed) {
        // The party leaves at once: the table is free for the next case.
        const done = await api.post(`/api/v1/reservations/${res.body.reservation.id}/complete`, {});
        expectAnswer(done, can(actor, 'reservation.complete', { restaurantId: R }));
      }
      break;
    }
    case 'GET /reservations/:id': {
      const b = await bookTarget(c);
      allowed = can(actor, 'reservation.read', b.access);
      const res = await api.get(`/api/v1/reservations/${b.id}${c.withToken ? `?token=${b.token}` : ''}`);
      expectAnswer(res, allowed);
      if (allowed) expect(res.body.reservation).toMatchObject({ id: b.id, guest: { email: 'chan@example.com' } });
      else expect(res.status).toBe(404);
      break;
    }
    case 'POST /reservations/:id/cancel': {
      const b = await bookTarget(c);
      allowed = can(actor, 'reservation.cancel', b.access);
      const res = await api.post(`/api/v1/reservations/${b.id}/cancel`, c.withToken ? { token: b.token } : {});
      expectAnswer(res, allowed);
      const status = (await one<{ status: string }>(db, 'SELECT status FROM reservations WHERE id = $id', { id: b.id }))!.status;
      expect(status).toBe(allowed ? 'cancelled' : 'booked');
      break;
    }
    case 'GET /me/reservations': {
      allowed = can(actor, 'reservation.listMine', {});
      const res = await api.get('/api/v1/me/reservations');
      expectAnswer(res, allowed);
      // Only the caller's own bookings, ever.
      if (allowed)
        for (const r of res.body.reservations) expect(actor.kind === 'user' && r.guest && (await ownerOf(r.id)) === actor.id).toBe(true);
      break;
    }
    case 'GET /restaurants/:id/waitlist': {
      allowed = can(actor, 'waitlist.list', { restaurantId: R });
      const res = await api.get(`/api/v1/restaurants/${R}/waitlist`);
      expectAnswer(res, allowed);
      if (allowed) expect(Array.isArray(res.body.entries)).toBe(true);
      break;
    }
    case 'GET /me/orders': {
      allowed = can(actor, 'order.listMine', {});
      const res = await api.get('/api/v1/me/orders');
      expectAnswer(res, allowed);
      if (allowed) {
        const access = await accessOfMany(res.body.orders.map((o: { id: string }) => o.id));
        for (const o of res.body.orders)
          expectPresentedFor(o, audienceOf(actor, access.get(o.id)!.restaurantId, { access: access.get(o.id)! }));
      }
      break;
    }
    case 'GET /me':
      allowed = can(actor, 'account.read', {});
      expectAnswer(await api.get('/api/v1/me'), allowed);
      break;
    case 'GET /restaurants/:id/inventory':
      allowed = can(actor, 'inventory.read', { restaurantId: R });
      expectAnswer(await api.get(`/api/v1/restaurants/${R}/inventory`), allowed);
      break;
    case 'POST /inventory/:id/adjustments':
      allowed = can(actor, 'inventory.adjust', { restaurantId: R });
      expectAnswer(await api.post(`/api/v1/inventory/${dishes.ingredient}/adjustments`, { delta: 1, reason: 'receive' }), allowed, 201);
      break;
    case 'GET /restaurants/:id/devices':
      allowed = can(actor, 'device.manage', { restaurantId: R });
      expectAnswer(await api.get(`/api/v1/restaurants/${R}/devices`), allowed);
      break;
    case 'POST /devices':
      allowed = can(actor, 'device.manage', { restaurantId: R });
      expectAnswer(await api.post('/api/v1/devices', { restaurantId: R, kind: 'board' }), allowed, 201);
      break;
    case 'PATCH /devices/:id': {
      const target = await makeDevice(db, R, 'board');
      allowed = can(actor, 'device.manage', { restaurantId: R });
      const res = await api.patch(`/api/v1/devices/${target.id}`, { name: 'Renamed' });
      expectAnswer(res, allowed);
      if (allowed) expect(Object.keys(res.body.device)).not.toContain('token');
      break;
    }
    case 'POST /devices/:id/revoke': {
      const target = await makeDevice(db, R, 'board');
      allowed = can(actor, 'device.manage', { restaurantId: R });
      expectAnswer(await api.post(`/api/v1/devices/${target.id}/revoke`), allowed);
      break;
    }
    case 'GET /restaurants/:id/tables/qr-codes':
      allowed = can(actor, 'table.qrCodes', { restaurantId: R });
      expectAnswer(await api.get(`/api/v1/restaurants/${R}/tables/qr-codes`), allowed);
      break;
    case 'GET /dishes/:id':
    case 'GET /restaurants/:id/menu': {
      // Everyone may read the menu; recipes and stations are for the restaurant's staff.
      allowed = can(actor, 'dish.kitchenFields', { restaurantId: R });
      const res =
        c.route === 'GET /dishes/:id' ? await api.get(`/api/v1/dishes/${dishes.wok}`) : await api.get(`/api/v1/restaurants/${R}/menu`);
      expect(res.status).toBe(200);
      const list = res.body.dish ? [res.body.dish] : res.body.categories.flatMap((k: { dishes: unknown[] }) => k.dishes);
      expect(list.length).toBeGreaterThan(0);
      for (const d of list) {
        expect('recipe' in d).toBe(allowed);
        expect('stationId' in d).toBe(allowed);
      }
      break;
    }
    case 'GET /restaurants/:id/events?scope=order': {
      const t = await placeTarget(c);
      const token = c.withToken ? t.orderToken : undefined;
      allowed = can(actor, 'order.read', { order: t.access, token });
      const res = await api.get(
        `/api/v1/restaurants/${R}/events?after=0&scope=order&orderId=${t.order.id}${token ? `&token=${encodeURIComponent(token)}` : ''}`,
      );
      expectAnswer(res, allowed);
      if (allowed) {
        expect(res.body.events.map((e: DinewireEvent) => e.type)).toEqual(['order.created']);
        expectPresentedFor(res.body.events[0].data, audienceOf(actor, R, { access: t.access, token }));
      }
      break;
    }
    case 'GET /cluster/nodes':
      allowed = can(actor, 'cluster.nodes', {});
      expectAnswer(await api.get('/api/v1/cluster/nodes'), allowed);
      break;
    case 'GET /cluster/health':
      allowed = can(actor, 'cluster.nodes', {});
      expectAnswer(await api.get('/api/v1/cluster/health'), allowed);
      break;
    case 'GET /restaurants/:id/live':
      allowed = can(actor, 'restaurant.live', { restaurantId: R });
      expectAnswer(await api.get(`/api/v1/restaurants/${R}/live`), allowed);
      break;
    case 'GET /restaurants/:id/inventory/movements':
      allowed = can(actor, 'inventory.movements', { restaurantId: R });
      expectAnswer(await api.get(`/api/v1/restaurants/${R}/inventory/movements`), allowed);
      break;
    case 'POST /dishes/:id/availability':
      // "Back on" for a dish that is on: allowed or not, nothing changes, nothing is announced.
      allowed = can(actor, 'dish.availability', { restaurantId: R });
      expectAnswer(await api.post(`/api/v1/dishes/${dishes.wok}/availability`, { available: true }), allowed);
      break;
    case 'socket subscribe order': {
      const t = await placeTarget(c);
      const token = c.withToken ? t.orderToken : undefined;
      allowed = can(actor, 'order.read', { order: t.access, token });
      const request = { orderId: t.order.id, ...(token ? { orderToken: token } : {}) };
      const ack = await subscribe(caller.socket, request);
      expect(ack.ok).toBe(allowed);
      if (!ack.ok) {
        expect(ack.error.code).toBe('not_found');
        break;
      }
      const seen: DinewireEvent[] = [];
      const listen = (e: DinewireEvent) => seen.push(e);
      caller.socket.on('event', listen);
      try {
        await manager.post(`/api/v1/kitchen/items/${t.order.items[0].id}/bump`);
        await eventually(() => expect(seen.map((e) => e.type)).toContain('order.updated'));
        for (const e of seen) expectPresentedFor(e.data as Record<string, unknown>, audienceOf(actor, R, { access: t.access, token }));
      } finally {
        caller.socket.off('event', listen);
        await caller.socket.timeout(5000).emitWithAck('unsubscribe', request);
      }
      break;
    }
    default: {
      const [kind, , scope] = c.route.split(' ') as [string, string, Scope];
      const fromEvents = kind === 'GET';
      const eventsScope = fromEvents ? (c.route.split('scope=')[1] as Scope) : scope;
      const stationId = stationParam(c);
      allowed = can(actor, 'scope.watch', { restaurantId: R, scope: eventsScope, stationId });
      if (fromEvents) {
        await placeTarget(c, [dishes.wok, dishes.scarce]);
        await manager.post(`/api/v1/inventory/${dishes.scarceIngredient}/adjustments`, { delta: 1, reason: 'receive' });
        const after = Math.max(0, (await latestSeq()) - 40);
        const res = await api.get(
          `/api/v1/restaurants/${R}/events?after=${after}&scope=${eventsScope}${stationId ? `&stationId=${stationId}` : ''}`,
        );
        expectAnswer(res, allowed);
        if (allowed) expectEventsFor(res.body.events, eventsScope);
        break;
      }
      const request = { restaurantId: R, scope, ...(stationId ? { stationId } : {}) };
      const ack = await subscribe(caller.socket, request);
      expect(ack.ok).toBe(allowed);
      if (!ack.ok) {
        expect(ack.error.code).toBe(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
        break;
      }
      const seen: DinewireEvent[] = [];
      const listen = (e: DinewireEvent) => {
        if (e.restaurantId === R && e.seq > ack.seq) seen.push(e);
      };
      caller.socket.on('event', listen);
      try {
        // An order (with a scarce dish, so the menu hears of it), a bump, and a restock: the
        // last event is the restock's availability, which every scope but the board receives.
        const t = await placeTarget(c, [dishes.wok, dishes.scarce]);
        await manager.post(`/api/v1/kitchen/items/${t.order.items[0].id}/bump`);
        await manager.post(`/api/v1/inventory/${dishes.scarceIngredient}/adjustments`, { delta: 1, reason: 'receive' });
        const last = await latestSeq();
        await eventually(() =>
          scope === 'board'
            ? expect(seen.some((e) => e.type === 'order.updated' && (e.data as { id: string }).id === t.order.id)).toBe(true)
            : expect(seen.map((e) => e.seq)).toContain(last),
        );
        expectEventsFor(seen, scope);
      } finally {
        caller.socket.off('event', listen);
        await caller.socket.timeout(5000).emitWithAck('unsubscribe', request);
      }
    }
  }
  runs++;
  count(c.route, allowed);
}

/** Only the scope's event types, and its orders as its audience sees them. */
function expectEventsFor(events: DinewireEvent[], scope: Scope): void {
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) {
    expect(eventFitsScope(e, scope)).toBe(true);
    if (e.type === 'order.created' || e.type === 'order.updated')
      expectPresentedFor(e.data as Record<string, unknown>, audienceOfScope(scope));
  }
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  role: fc.constantFrom(...ROLES),
  restaurant: fc.constantFrom('own' as const, 'other' as const),
  route: fc.constantFrom(...ROUTES),
  placedBy: fc.constantFrom('web' as const, 'guest' as const, 'kiosk' as const),
  withToken: fc.boolean(),
  station: fc.constantFrom('wok' as const, 'grill' as const, 'none' as const),
});

/** Every role × restaurant × route once (so none is left to chance), before the random runs. */
const everyCombination: [Case][] = ROLES.flatMap((role) =>
  (['own', 'other'] as const).flatMap((restaurant) =>
    ROUTES.map((route): [Case] => [{ role, restaurant, route, placedBy: 'guest', withToken: false, station: 'none' }]),
  ),
);

const RANDOM_RUNS = Number(process.env.POLICY_RUNS ?? 300);

it('answers allowed exactly when the policy says so, and shows each audience only its fields', async () => {
  await fc.assert(fc.asyncProperty(caseArb, checkCase), {
    examples: everyCombination,
    numRuns: everyCombination.length + RANDOM_RUNS,
  });
  expect(runs).toBeGreaterThanOrEqual(everyCombination.length + RANDOM_RUNS);
  // Both answers were seen for every route that refuses anyone.
  const openToAll = [...STAFF_FIELDS_ROUTES, 'GET /restaurants/:id/events?scope=menu', 'socket subscribe menu'];
  for (const [route, c] of counts)
    if (!openToAll.includes(route)) expect({ route, both: c.allowed > 0 && c.denied > 0 }).toEqual({ route, both: true });
}, 600_000);
