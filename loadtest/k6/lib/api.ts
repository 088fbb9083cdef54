/**
 * The HTTP side of the contract ("Authentication", "Menu", "Orders"; the same routes the
 * harness and the apps use): log in, read restaurants and menus, pair a kiosk, place orders with an
 * Idempotency-Key, bump kitchen items, read an order back. JSON in, JSON out; every error body
 * is `{error: {code, message, details}}`.
 */
import http from 'k6/http';
import type { RefinedResponse, ResponseType } from 'k6/http';
import { ACCOUNTS, BASE_URL, PAYMENT, RESTAURANTS } from './config.ts';
import type { Dish, Menu, Order, OrderCreate, Restaurant, User } from './wire.ts';

export interface ApiError {
  code: string;
  message: string;
  details?: { field?: string; message: string; dishId?: string; remaining?: number }[];
}

export interface ApiResult<T> {
  /** 0 when the request never got an answer (connection refused or reset, timeout). */
  status: number;
  body: T | null;
  error: ApiError | null;
  /** k6's error text for a request without an answer. */
  networkError: string | null;
  /** Wall time of the request, as the caller waited for it. */
  ms: number;
  /** Which node answered (the X-Node-Id header), when one did. */
  nodeId: string | null;
  replayed: boolean;
}

interface RequestOptions {
  token?: string;
  idempotencyKey?: string;
  /** The `name` tag of k6's http_req_* metrics: one series per route, not per id. */
  name: string;
  /** Statuses that are not failures in http_req_failed (the script still judges them). */
  expected?: number[];
  timeout?: string;
}

function params(o: RequestOptions, hasBody: boolean) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  return {
    headers,
    tags: { name: o.name },
    timeout: o.timeout ?? '15s',
    responseCallback: http.expectedStatuses({ min: 200, max: 299 }, ...(o.expected ?? [])),
  };
}

function result<T>(res: RefinedResponse<ResponseType | undefined>, started: number): ApiResult<T> {
  const ms = Date.now() - started;
  const header = (name: string): string | null => {
    const want = name.toLowerCase();
    for (const k of Object.keys(res.headers)) if (k.toLowerCase() === want) return res.headers[k];
    return null;
  };
  if (res.status === 0) {
    return { status: 0, body: null, error: null, networkError: res.error || 'no answer', ms, nodeId: null, replayed: false };
  }
  let parsed: unknown = null;
  if (typeof res.body === 'string' && res.body.length) {
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = null; // an HTML error page from the balancer
    }
  }
  const ok = res.status >= 200 && res.status < 300;
  const error = ok ? null : ((parsed as { error?: ApiError } | null)?.error ?? { code: `http_${res.status}`, message: String(res.status) });
  return {
    status: res.status,
    body: ok ? (parsed as T) : null,
    error,
    networkError: null,
    ms,
    nodeId: header('x-node-id'),
    replayed: header('idempotent-replayed') === 'true',
  };
}

export function apiGet<T>(path: string, o: RequestOptions): ApiResult<T> {
  const started = Date.now();
  return result<T>(http.get(`${BASE_URL}/api/v1${path}`, params(o, false)), started);
}

export function apiPost<T>(path: string, body: unknown, o: RequestOptions): ApiResult<T> {
  const started = Date.now();
  return result<T>(http.post(`${BASE_URL}/api/v1${path}`, JSON.stringify(body ?? {}), params(o, true)), started);
}

/** The same, without blocking the VU's event loop (sockets keep being served meanwhile). */
export async function apiGetAsync<T>(path: string, o: RequestOptions): Promise<ApiResult<T>> {
  const started = Date.now();
  return result<T>(await http.asyncRequest('GET', `${BASE_URL}/api/v1${path}`, null, params(o, false)), started);
}

export async function apiPostAsync<T>(path: string, body: unknown, o: RequestOptions): Promise<ApiResult<T>> {
  const started = Date.now();
  return result<T>(await http.asyncRequest('POST', `${BASE_URL}/api/v1${path}`, JSON.stringify(body ?? {}), params(o, true)), started);
}

// ---------------------------------------------------------------- accounts and devices

export interface Session {
  token: string;
  user: Pick<User, 'id' | 'name' | 'role' | 'restaurantIds'>;
}

export function login(account: { email: string; password: string }): Session {
  const res = apiPost<Session>('/auth/login', account, { name: 'POST /auth/login' });
  // Every request carries its token; the session cookie the login also sets must not stand in for it.
  http.cookieJar().clear(BASE_URL);
  if (!res.body) {
    const why = res.networkError ?? `${res.status} ${res.error?.code}: ${res.error?.message}`;
    throw new Error(`login as ${account.email} failed (${why})`);
  }
  return res.body;
}

export interface Kiosk {
  deviceId: string;
  token: string;
}

/** A manager creates a kiosk device and pairs it at once: what a kiosk's first start does. */
export function pairKiosk(managerToken: string, restaurantId: string, name: string): Kiosk {
  const created = apiPost<{ device: { id: string }; pairingCode: string }>(
    '/devices',
    { restaurantId, kind: 'kiosk', name },
    { token: managerToken, name: 'POST /devices' },
  );
  if (!created.body) throw new Error(`creating a kiosk device failed: ${created.status} ${created.error?.code ?? created.networkError}`);
  const paired = apiPost<{ device: { id: string }; token: string }>(
    '/devices/pair',
    { pairingCode: created.body.pairingCode },
    { name: 'POST /devices/pair' },
  );
  if (!paired.body) throw new Error(`pairing the kiosk failed: ${paired.status} ${paired.error?.code ?? paired.networkError}`);
  return { deviceId: created.body.device.id, token: paired.body.token };
}

export function revokeDevice(managerToken: string, deviceId: string): void {
  apiPost(`/devices/${deviceId}/revoke`, {}, { token: managerToken, name: 'POST /devices/:id/revoke' });
}

// ---------------------------------------------------------------- the hotel

/** A dish as the load scripts order it: available, with the first option of every required group. */
export interface DishChoice {
  id: string;
  name: string;
  modifierIds: string[];
  /** Portions the stock still makes when the menu was read; null where untracked. */
  remaining: number | null;
}

export interface HotelRestaurant {
  id: string;
  name: string;
  dishes: DishChoice[];
}

/** What setup() hands every VU: tokens, and each restaurant's orderable dishes. */
export interface Hotel {
  restaurants: HotelRestaurant[];
  managerToken: string;
  /** The chef's token and the restaurants the chef works in (the first listed, in the demo). */
  chefToken: string;
  chefRestaurantIds: string[];
  /** restaurantId → a paired kiosk's token; revoked in teardown. */
  kiosks: Record<string, Kiosk>;
  /** setup()'s clock: scenarios time their phases from it. */
  startedAt: number;
  runId: string;
}

export function orderableDishes(menu: Menu): DishChoice[] {
  const out: DishChoice[] = [];
  for (const category of menu.categories) {
    for (const dish of category.dishes) {
      if (!dish.available || (dish.remaining !== null && dish.remaining < 2)) continue;
      out.push({ id: dish.id, name: dish.name, modifierIds: requiredOptions(dish), remaining: dish.remaining });
    }
  }
  return out;
}

/** The first `minChoices` (at least one) options of every required group; optional groups are left out. */
function requiredOptions(dish: Dish): string[] {
  const ids: string[] = [];
  for (const group of dish.modifiers) {
    if (!group.required && group.minChoices < 1) continue;
    const n = Math.max(1, group.minChoices);
    for (const option of group.options.slice(0, n)) ids.push(option.id);
  }
  return ids;
}

/**
 * Logs in as the manager and the chef, lists the restaurants, reads each menu, and pairs one
 * kiosk per restaurant (orders come in on the kiosk channel, as on the hotel's floor).
 */
export function loadHotel(opts: { kiosks: boolean }): Hotel {
  const manager = login(ACCOUNTS.manager);
  let chef: Session;
  try {
    chef = login(ACCOUNTS.chef);
  } catch (err) {
    // A hotel without the demo's chef: the manager does the kitchen's part too.
    console.warn(`${String(err)}; the manager bumps and watches the kitchen instead (set CHEF_EMAIL/CHEF_PASSWORD)`);
    chef = manager;
  }
  const listed = apiGet<{ restaurants: Restaurant[] }>('/restaurants', { name: 'GET /restaurants' });
  if (!listed.body) throw new Error(`GET ${BASE_URL}/api/v1/restaurants failed: ${listed.status || listed.networkError}`);
  let restaurants = listed.body.restaurants.filter((r) => manager.user.restaurantIds.includes(r.id));
  if (RESTAURANTS > 0) restaurants = restaurants.slice(0, RESTAURANTS);
  if (!restaurants.length) throw new Error(`${ACCOUNTS.manager.email} manages none of the restaurants listed at ${BASE_URL}`);
  const runId = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const hotel: Hotel = {
    restaurants: [],
    managerToken: manager.token,
    chefToken: chef.token,
    chefRestaurantIds: chef.user.restaurantIds,
    kiosks: {},
    startedAt: 0,
    runId,
  };
  for (const r of restaurants) {
    const menu = apiGet<Menu>(`/restaurants/${r.id}/menu?lang=en`, { name: 'GET /restaurants/:id/menu' });
    if (!menu.body) throw new Error(`the menu of ${r.name} did not load: ${menu.status || menu.networkError}`);
    const dishes = orderableDishes(menu.body);
    if (dishes.length < 2) {
      console.warn(`${r.name}: fewer than two dishes in stock; left out of the run`);
      continue;
    }
    hotel.restaurants.push({ id: r.id, name: r.name, dishes });
    if (opts.kiosks) hotel.kiosks[r.id] = pairKiosk(manager.token, r.id, `k6 load test ${runId}`);
  }
  if (!hotel.restaurants.length) throw new Error('no restaurant has dishes in stock to order');
  hotel.startedAt = Date.now();
  return hotel;
}

/** Undoes loadHotel's kiosks. */
export function releaseHotel(hotel: Hotel): void {
  for (const k of Object.values(hotel.kiosks)) revokeDevice(hotel.managerToken, k.deviceId);
}

/** The token a kitchen action takes in this restaurant: the chef's where the chef works, else the manager's. */
export function kitchenToken(hotel: Hotel, restaurantId: string): string {
  return hotel.chefRestaurantIds.includes(restaurantId) ? hotel.chefToken : hotel.managerToken;
}

// ---------------------------------------------------------------- orders

const SANDBOX_CARD = { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };

/**
 * A kiosk order of two items, as the harness's `orderBody` makes it (loadtest/src/lib/fixtures.ts):
 * dish i (one or two portions) and dish i+1 (one portion, with a note). `soldOut` holds dishes
 * this VU has been told are out; they are skipped while others remain.
 */
export function orderBody(r: HotelRestaurant, i: number, soldOut?: Set<string>): OrderCreate {
  const dishes = soldOut && soldOut.size ? r.dishes.filter((d) => !soldOut.has(d.id)) : r.dishes;
  const pool = dishes.length >= 2 ? dishes : r.dishes;
  const a = pool[i % pool.length];
  const b = pool[(i + 1) % pool.length];
  const card = PAYMENT === 'card' || (PAYMENT === 'mixed' && i % 2 === 1);
  return {
    restaurantId: r.id,
    channel: 'kiosk',
    items: [
      { dishId: a.id, quantity: 1 + (i % 2), modifierIds: a.modifierIds },
      { dishId: b.id, quantity: 1, modifierIds: b.modifierIds, note: 'no spring onion' },
    ],
    ...(card ? { paymentMethod: 'card' as const, card: SANDBOX_CARD } : { paymentMethod: 'counter' as const }),
  };
}

export interface Placed {
  order: Order;
  orderToken: string;
}

export function placeOrder(body: OrderCreate, key: string, token: string, timeout?: string): ApiResult<Placed> {
  return apiPost<Placed>('/orders', body, { token, idempotencyKey: key, name: 'POST /orders', expected: [409], timeout });
}

export function placeOrderAsync(body: OrderCreate, key: string, token: string, timeout?: string): Promise<ApiResult<Placed>> {
  return apiPostAsync<Placed>('/orders', body, { token, idempotencyKey: key, name: 'POST /orders', expected: [409], timeout });
}

/** Dishes an out_of_stock answer names (its details carry each short dish's id). */
export function soldOutDishes(error: ApiError | null): string[] {
  if (!error || error.code !== 'out_of_stock') return [];
  return (error.details ?? []).map((d) => d.dishId).filter((id): id is string => typeof id === 'string');
}

export function bump(itemId: string, token: string): ApiResult<{ order: Order }> {
  return apiPost<{ order: Order }>(`/kitchen/items/${itemId}/bump`, {}, { token, name: 'POST /kitchen/items/:id/bump', expected: [409] });
}

export function openOrders(restaurantId: string, token: string, status = 'placed'): ApiResult<{ orders: Order[]; latestSeq: number }> {
  return apiGet(`/restaurants/${restaurantId}/orders?status=${status}`, { token, name: 'GET /restaurants/:id/orders' });
}

export function getOrderAsync(orderId: string, token: string): Promise<ApiResult<{ order: Order }>> {
  return apiGetAsync(`/orders/${orderId}`, { token, name: 'GET /orders/:id', expected: [404] });
}

/** The cluster's nodes as they report themselves (manager only; needs Redis, else 503). */
export function clusterNodes(managerToken: string): { id: string; sockets: number; url: string }[] | null {
  const res = apiGet<{ nodes: { id: string; sockets: number; url: string }[] }>('/cluster/nodes', {
    token: managerToken,
    name: 'GET /cluster/nodes',
    expected: [503],
  });
  return res.body?.nodes ?? null;
}
