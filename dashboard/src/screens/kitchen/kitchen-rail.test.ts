import type { ItemStatus, Order } from '@dinewire/protocol';
import type { OrderList } from '@dinewire/ui/api';
import { ApiError } from '@dinewire/ui/api';
import { FakeSubscriber, RESTAURANT_ID, event, order, orderItem, restaurant, settle, menu } from '@dinewire/ui/testing';
import { KitchenRail, type KitchenApiPort } from './kitchen-rail.svelte';
import { keyAction } from './keys';
import { ageLevel, allDayCounts, formatAge, nextTicketStep, ticketOf } from './tickets';

const WOK = 'wok';
const GRILL = 'grill';
const NOW = Date.parse('2026-12-01T12:30:00.000Z');
const at = (minutesAgo: number) => new Date(NOW - minutesAgo * 60_000).toISOString();

/** An order of a wok item and a grill item, placed `minutesAgo`. */
function ticketOrder(
  id: string,
  minutesAgo: number,
  overrides: Partial<Order> = {},
  statuses: [ItemStatus, ItemStatus] = ['queued', 'queued'],
) {
  return order(id, {
    number: Number(id.replace(/\D/g, '')) || 1,
    placedAt: at(minutesAgo),
    items: [
      orderItem(`${id}-w`, { stationId: WOK, status: statuses[0], dishId: 'noodles', statusChangedAt: at(minutesAgo) }),
      orderItem(`${id}-g`, { stationId: GRILL, status: statuses[1], dishId: 'steak', statusChangedAt: at(minutesAgo) }),
    ],
    ...overrides,
  });
}

class FakeKitchenApi implements KitchenApiPort {
  open: OrderList = { orders: [], latestSeq: 0 };
  recentList: OrderList = { orders: [], latestSeq: 0 };
  readonly calls: unknown[][] = [];
  answer: Order | ApiError | null = null;

  restaurant = () =>
    Promise.resolve(restaurant({ ticketAges: { amberMinutes: 6, redMinutes: 9 }, tables: [{ id: 't1', label: 'A3', seats: 4 }] }));
  menu = () => Promise.resolve(menu(0, []));
  openOrders = () => Promise.resolve(this.open);
  recent = (...args: unknown[]) => {
    this.calls.push(['recent', ...args]);
    return Promise.resolve(this.recentList);
  };
  #reply(call: unknown[]): Promise<Order> {
    this.calls.push(call);
    const a = this.answer;
    if (!a) return Promise.reject(new Error('no answer set'));
    return a instanceof ApiError ? Promise.reject(a) : Promise.resolve(a);
  }
  moveItem = (...args: unknown[]) => this.#reply(['moveItem', ...args]);
  moveTicket = (...args: unknown[]) => this.#reply(['moveTicket', ...args]);
  rush = (...args: unknown[]) => this.#reply(['rush', ...args]);
}

const opened: KitchenRail[] = [];
afterEach(() => opened.splice(0).forEach((r) => r.dispose()));

async function openRail(stationId: string | null, orders: Order[], recent: Order[] = []) {
  const api = new FakeKitchenApi();
  api.open = { orders, latestSeq: 10 };
  api.recentList = { orders: recent, latestSeq: 9 };
  const connection = new FakeSubscriber();
  const rail = new KitchenRail({ restaurantId: RESTAURANT_ID, stationId, api, connection, now: () => NOW, locale: () => 'en' });
  const arrivals: number[] = [];
  rail.onNewTicket = (o) => arrivals.push(o.number);
  rail.start();
  opened.push(rail);
  await settle();
  return { api, connection, rail, arrivals };
}

const ids = (rail: KitchenRail) => rail.tickets.map((t) => t.id);

describe('tickets', () => {
  it('split a station’s items from the rest, and leave the rail when the station has nothing to cook', () => {
    const o = ticketOrder('o1', 3, {}, ['ready', 'queued']);
    const wok = ticketOf(o, WOK);
    expect(wok.items.map((i) => i.id)).toEqual(['o1-w']);
    expect(wok.context.map((i) => i.id)).toEqual(['o1-g']);
    expect(wok.open).toBe(false);
    expect(ticketOf(o, GRILL).open).toBe(true);
    expect(ticketOf(o, null)).toMatchObject({ open: true, context: [], seen: { 'o1-w': 'ready', 'o1-g': 'queued' } });
    expect(ticketOf({ ...o, paymentStatus: 'awaiting_confirmation' }, GRILL).open).toBe(false);
    expect(nextTicketStep(ticketOf(o, GRILL))).toBe('start');
    expect(nextTicketStep(ticketOf(ticketOrder('o2', 1, {}, ['cooking', 'queued']), null))).toBe('advance');
  });

  it('colour by age with the restaurant’s thresholds, and count what is still to cook', () => {
    const ages = { amberMinutes: 5, redMinutes: 8 };
    expect([4.9, 5, 7.9, 8].map((m) => ageLevel(m * 60_000, ages))).toEqual(['fresh', 'amber', 'amber', 'red']);
    expect([0, 61_000, 3_725_000].map(formatAge)).toEqual(['0:00', '1:01', '1:02:05']);
    const big = order('o3', {
      items: [
        orderItem('a', {
          dishId: 'noodles',
          quantity: 2,
          modifiers: [{ id: 'm1', name: 'Large', names: { en: 'Large', 'zh-Hant': '大', 'zh-Hans': '大' }, priceDeltaCents: 0 }],
        }),
        orderItem('b', { dishId: 'noodles', quantity: 1 }),
        orderItem('c', { dishId: 'noodles', quantity: 3, status: 'ready' }),
      ],
    });
    const other = order('o4', {
      items: [
        orderItem('d', {
          dishId: 'noodles',
          quantity: 4,
          modifiers: [{ id: 'm1', name: 'Large', names: { en: 'Large', 'zh-Hant': '大', 'zh-Hans': '大' }, priceDeltaCents: 0 }],
        }),
      ],
    });
    expect(allDayCounts([ticketOf(big, null), ticketOf(other, null)], 'zh-Hant').map((l) => [l.quantity, l.options])).toEqual([
      [6, ['大']],
      [1, []],
    ]);
  });
});

describe('KitchenRail', () => {
  it('shows a station’s open tickets, rushed first then oldest first, and follows the kitchen scope from the smaller seq', async () => {
    const { rail, connection, api } = await openRail(WOK, [
      ticketOrder('o1', 2),
      ticketOrder('o2', 7),
      ticketOrder('o3', 4, {}, ['ready', 'queued']), // the wok is done with it
    ]);
    expect(ids(rail)).toEqual(['o2', 'o1']);
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'kitchen', stationId: WOK });
    expect(connection.current.cursor).toBe(9);
    expect(api.calls[0]).toEqual(['recent', RESTAURANT_ID, WOK, 10, expect.anything()]);
    expect(rail.ages).toEqual({ amberMinutes: 6, redMinutes: 9 });
    expect(rail.tableLabel('t1')).toBe('A3');

    connection.current.handlers.onEvent(event(11, 'order.updated', { ...ticketOrder('o1', 2), rushedAt: at(0), version: 2 }));
    expect(ids(rail)).toEqual(['o1', 'o2']);
    // An older copy (a catch-up answer arriving late) changes nothing.
    connection.current.handlers.onEvent(event(12, 'order.updated', { ...ticketOrder('o1', 2), version: 1 }));
    expect(ids(rail)).toEqual(['o1', 'o2']);
    connection.current.handlers.onEvent(event(13, 'kitchen.settings', { ticketAges: { amberMinutes: 3, redMinutes: 4 } }));
    expect(rail.ages).toEqual({ amberMinutes: 3, redMinutes: 4 });

    // A saved pair is shown at once, unless a change was heard since the save began.
    const before = rail.agesRevision;
    rail.acceptAges({ amberMinutes: 4, redMinutes: 7 }, before);
    expect(rail.ages).toEqual({ amberMinutes: 4, redMinutes: 7 });
    const saving = rail.agesRevision;
    connection.current.handlers.onEvent(event(14, 'kitchen.settings', { ticketAges: { amberMinutes: 10, redMinutes: 20 } }));
    rail.acceptAges({ amberMinutes: 6, redMinutes: 7 }, saving);
    expect(rail.ages).toEqual({ amberMinutes: 10, redMinutes: 20 });
  });

  it('announces a new ticket once, keeps it off another station’s rail, and moves bumped ones to the recall list', async () => {
    const { rail, connection, arrivals } = await openRail(GRILL, [ticketOrder('o1', 2)]);
    const wokOnly = order('o5', { number: 5, placedAt: at(0), items: [orderItem('o5-w', { stationId: WOK })] });
    connection.current.handlers.onEvent(event(11, 'order.created', wokOnly));
    expect(ids(rail)).toEqual(['o1']);
    expect(arrivals).toEqual([]);

    connection.current.handlers.onEvent(event(12, 'order.created', ticketOrder('o6', 0)));
    expect(ids(rail)).toEqual(['o1', 'o6']);
    expect(arrivals).toEqual([6]);
    expect(rail.isFresh('o6')).toBe(true);
    expect(rail.isFresh('o1')).toBe(false);

    const bumped = ticketOrder('o1', 2, { version: 2, status: 'preparing' }, ['queued', 'ready']);
    bumped.items[1]!.statusChangedAt = at(0);
    connection.current.handlers.onEvent(event(13, 'order.updated', bumped));
    expect(ids(rail)).toEqual(['o6']);
    expect(rail.recall.map((e) => [e.order.id, e.items.map((i) => i.id)])).toEqual([['o1', ['o1-g']]]);
    expect(arrivals).toEqual([6]);
  });

  it('bumps the selected ticket with what it showed, moves the selection on, and says when someone was faster', async () => {
    const { rail, api } = await openRail(null, [ticketOrder('o1', 3, {}, ['cooking', 'cooking']), ticketOrder('o2', 1)]);
    expect(rail.selected?.id).toBe('o1');
    api.answer = ticketOrder('o1', 3, { version: 2, status: 'ready' }, ['ready', 'ready']);
    await rail.bumpTicket(rail.selected!);
    expect(api.calls.at(-1)).toEqual(['moveTicket', 'o1', 'bump', { seen: { 'o1-w': 'cooking', 'o1-g': 'cooking' } }]);
    expect(ids(rail)).toEqual(['o2']);
    expect(rail.selected?.id).toBe('o2');
    expect(rail.recall[0]?.order.id).toBe('o1');

    api.answer = new ApiError(409, 'invalid_transition', 'changed');
    await rail.bumpItem(rail.selected!, rail.selected!.items[0]!);
    expect(api.calls.at(-1)).toEqual(['moveItem', 'o2-w', 'bump', 'queued']);
    expect(rail.notice).toEqual({ key: 'kitchen.notice.changed' });

    // Recalling the last bump brings its ticket back to the rail, selected.
    api.answer = ticketOrder('o1', 3, { version: 3, status: 'preparing' }, ['cooking', 'cooking']);
    await rail.recallLast();
    expect(api.calls.at(-1)).toEqual(['moveTicket', 'o1', 'recall', { seen: { 'o1-w': 'ready', 'o1-g': 'ready' } }]);
    expect(ids(rail)).toEqual(['o1', 'o2']);
    expect(rail.selected?.id).toBe('o1');
    rail.move(1);
    expect(rail.selected?.id).toBe('o2');
    rail.move(5);
    expect(rail.selected?.id).toBe('o2');
    rail.moveTo('first');
    expect(rail.selected?.id).toBe('o1');
    rail.dispose();
  });

  it('loads afresh when the server no longer has its cursor', async () => {
    const { rail, connection, api } = await openRail(null, [ticketOrder('o1', 3)]);
    api.open = { orders: [ticketOrder('o9', 1)], latestSeq: 40 };
    connection.current.handlers.onReset?.();
    await settle();
    expect(ids(rail)).toEqual(['o9']);
    expect(connection.current.cursor).toBe(9);
  });
});

describe('keys', () => {
  it('map the bump bar: arrows and j/k select, Enter bumps (not on a button), digits bump items, r recalls, u rushes', () => {
    const k = (key: string, onControl = false) => keyAction({ key, ctrlKey: false, metaKey: false, altKey: false }, onControl);
    expect([k('ArrowDown'), k('j'), k('ArrowUp'), k('k')]).toEqual([
      { kind: 'move', delta: 1 },
      { kind: 'move', delta: 1 },
      { kind: 'move', delta: -1 },
      { kind: 'move', delta: -1 },
    ]);
    expect(k('Enter')).toEqual({ kind: 'bump' });
    expect(k(' ')).toEqual({ kind: 'bump' });
    expect(k('Enter', true)).toBeNull();
    expect(k('3')).toEqual({ kind: 'item', index: 2 });
    expect(k('0')).toBeNull();
    expect(k('r')).toEqual({ kind: 'recall' });
    expect(k('u')).toEqual({ kind: 'rush' });
    expect(keyAction({ key: 'r', ctrlKey: true, metaKey: false, altKey: false }, false)).toBeNull();
    expect(keyAction({ key: 'j', ctrlKey: false, metaKey: false, altKey: false }, false, true)).toBeNull();
  });
});
