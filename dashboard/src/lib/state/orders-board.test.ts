import { FEW_PORTIONS_LEFT, type Locale, type Menu } from '@dinewire/protocol';
import type { OrderList, OrderListQuery } from '@dinewire/ui/api';
import { ApiError } from '@dinewire/ui/api';
import { FakeSubscriber, RESTAURANT_ID, deferred, dish, event, menu, order, settle } from '@dinewire/ui/testing';
import { FEED_LIMIT, OrdersBoard, boardScope } from './orders-board.svelte';

/** The staff API as the board reads it: open orders (answered in turn), and the menu for dish names. */
class FakeStaffApi {
  readonly orderCalls: OrderListQuery[] = [];
  readonly lists: (OrderList | ApiError)[] = [];
  readonly menuCalls: Locale[] = [];

  orders(_restaurantId: string, query: OrderListQuery): Promise<OrderList> {
    this.orderCalls.push(query);
    const answer = this.lists.length > 1 ? this.lists.shift()! : this.lists[0];
    if (!answer) return deferred<OrderList>().promise;
    return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
  }

  menu(_restaurantId: string, query: { lang: Locale }): Promise<Menu> {
    this.menuCalls.push(query.lang);
    const name = query.lang === 'en' ? 'Roast Goose' : '燒鵝';
    return Promise.resolve(menu(1, [dish('goose', { name })]));
  }
}

async function openBoard(lists: (OrderList | ApiError)[], role: 'manager' | 'kitchen' = 'manager') {
  const api = new FakeStaffApi();
  api.lists.push(...lists);
  const connection = new FakeSubscriber();
  const board = new OrdersBoard(RESTAURANT_ID, boardScope(role), 'en', api, connection);
  board.start();
  await settle();
  return { api, connection, board };
}

const ids = (orders: { id: string }[]) => orders.map((o) => o.id);

describe('OrdersBoard', () => {
  it('loads the open orders, then follows its scope from the seq they are current to', async () => {
    const { api, connection, board } = await openBoard([
      { orders: [order('a', { status: 'placed' }), order('b', { status: 'ready', number: 2 })], latestSeq: 70 },
    ]);
    expect(api.orderCalls).toEqual([{ status: 'placed,preparing,ready' }]);
    expect(board.status).toBe('ready');
    expect(ids(board.columns.placed)).toEqual(['a']);
    expect(ids(board.columns.ready)).toEqual(['b']);
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'staff' });
    expect(connection.current.cursor).toBe(70);
  });

  it('follows the kitchen scope for kitchen staff, who may not see guest details', async () => {
    const { connection } = await openBoard([{ orders: [], latestSeq: 0 }], 'kitchen');
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'kitchen' });
    expect(boardScope('host')).toBe('staff');
  });

  it('moves an order between columns as newer versions arrive, oldest first', async () => {
    const { connection, board } = await openBoard([{ orders: [], latestSeq: 10 }]);
    const { onEvent } = connection.current.handlers;
    onEvent(event(11, 'order.created', order('late', { number: 2, placedAt: '2026-12-01T12:05:00.000Z' })));
    onEvent(event(12, 'order.created', order('early', { number: 1, placedAt: '2026-12-01T12:00:00.000Z' })));
    expect(ids(board.columns.placed)).toEqual(['early', 'late']);

    onEvent(event(13, 'order.updated', order('early', { status: 'preparing', version: 2 })));
    expect(ids(board.columns.placed)).toEqual(['late']);
    expect(ids(board.columns.preparing)).toEqual(['early']);
  });

  it('ignores a copy of an order no newer than the one it holds', async () => {
    const { connection, board } = await openBoard([{ orders: [order('a', { status: 'preparing', version: 3 })], latestSeq: 10 }]);
    const { onEvent } = connection.current.handlers;
    onEvent(event(11, 'order.updated', order('a', { status: 'placed', version: 2 })));
    onEvent(event(12, 'order.updated', order('a', { status: 'placed', version: 3 })));
    expect(ids(board.columns.preparing)).toEqual(['a']);
    expect(board.columns.placed).toEqual([]);
  });

  it('drops an order that is completed, and a late older copy cannot bring it back', async () => {
    const { connection, board } = await openBoard([{ orders: [order('a', { status: 'ready', version: 4 })], latestSeq: 10 }]);
    const { onEvent } = connection.current.handlers;
    onEvent(event(11, 'order.updated', order('a', { status: 'completed', version: 5 })));
    expect(board.columns.ready).toEqual([]);
    onEvent(event(12, 'order.updated', order('a', { status: 'ready', version: 4 })));
    expect(board.columns.ready).toEqual([]);
  });

  it('skips the narrow board presentation of an order (no items), but feeds it', async () => {
    const { connection, board } = await openBoard([{ orders: [], latestSeq: 0 }]);
    connection.current.handlers.onEvent(event(1, 'order.created', { id: 'x', number: 9, status: 'placed', version: 1 }));
    expect(board.columns.placed).toEqual([]);
    expect(board.feed.map((e) => e.seq)).toEqual([1]);
  });

  it('reloads the board and subscribes again from the new list when the server lost its cursor', async () => {
    const { api, connection, board } = await openBoard([
      { orders: [order('old')], latestSeq: 10 },
      { orders: [order('new', { number: 7 })], latestSeq: 500 },
    ]);
    const first = connection.current;
    first.handlers.onReset?.();
    await settle();
    expect(api.orderCalls).toHaveLength(2);
    expect(first.active).toBe(false);
    expect(connection.current.cursor).toBe(500);
    expect(ids(board.columns.placed)).toEqual(['new']);
    expect(board.reloadedAt).toBeInstanceOf(Date);
  });

  it('reloads when the restaurant’s log is behind the cursor, and not when it is ahead', async () => {
    const { api, connection } = await openBoard([
      { orders: [], latestSeq: 10 },
      { orders: [], latestSeq: 3 },
    ]);
    connection.current.handlers.onSubscribed?.({ cursor: 10, seq: 12 });
    await settle();
    expect(api.orderCalls).toHaveLength(1);
    connection.current.handlers.onSubscribed?.({ cursor: 10, seq: 3 });
    await settle();
    expect(api.orderCalls).toHaveLength(2);
    expect(connection.current.cursor).toBe(3);
  });

  it('shows a refused subscription as an error', async () => {
    const { connection, board } = await openBoard([{ orders: [], latestSeq: 0 }]);
    connection.current.handlers.onError?.({ code: 'forbidden', message: 'scope not allowed' });
    expect(board.status).toBe('error');
    expect(board.error?.code).toBe('forbidden');
  });

  it('shows a failed load as an error, and retry loads again', async () => {
    const { api, board } = await openBoard([new ApiError(503, 'unavailable', 'busy'), { orders: [order('a')], latestSeq: 1 }]);
    expect(board.status).toBe('error');
    expect(board.error?.code).toBe('unavailable');
    board.retry();
    await settle();
    expect(api.orderCalls).toHaveLength(2);
    expect(board.status).toBe('ready');
    expect(ids(board.columns.placed)).toEqual(['a']);
  });

  it('raises availability and stock alerts, newest first, and clears them when resolved', async () => {
    const { connection, board } = await openBoard([{ orders: [], latestSeq: 0 }]);
    const { onEvent } = connection.current.handlers;
    const mango = {
      ingredientId: 'mango',
      name: 'Mango',
      names: { en: 'Mango', 'zh-Hant': '芒果', 'zh-Hans': '芒果' },
      unit: 'kg',
      quantity: 1,
      lowThreshold: 2,
    };

    onEvent(event(1, 'menu.availability', { dishId: 'goose', available: true, remaining: FEW_PORTIONS_LEFT + 1 }));
    expect(board.alerts).toEqual([]);
    onEvent(event(2, 'menu.availability', { dishId: 'goose', available: true, remaining: FEW_PORTIONS_LEFT }));
    expect(board.alerts.map((a) => a.kind)).toEqual(['lowPortions']);
    onEvent(event(3, 'inventory.low', mango));
    onEvent(event(4, 'menu.availability', { dishId: 'goose', available: true, remaining: 0 }));
    expect(board.alerts.map((a) => `${a.kind}@${a.seq}`)).toEqual(['soldOut@4', 'lowStock@3']);

    // Restocked above its alert level: the stock alert goes; the dish comes back: its alert goes.
    onEvent(event(5, 'inventory.adjusted', { ...mango, quantity: 5 }));
    onEvent(event(6, 'menu.availability', { dishId: 'goose', available: true, remaining: null }));
    expect(board.alerts).toEqual([]);
  });

  it('keeps the most recent events in its feed, newest first', async () => {
    const { connection, board } = await openBoard([{ orders: [], latestSeq: 0 }]);
    for (let seq = 1; seq <= FEED_LIMIT + 5; seq++) {
      connection.current.handlers.onEvent(event(seq, 'menu.availability', { dishId: 'goose', available: true, remaining: null }));
    }
    expect(board.feed).toHaveLength(FEED_LIMIT);
    expect(board.feed[0]?.seq).toBe(FEED_LIMIT + 5);
  });

  it('names dishes in the current language, and unsubscribes when disposed', async () => {
    const { api, connection, board } = await openBoard([{ orders: [], latestSeq: 0 }]);
    expect(board.dishNames.get('goose')).toBe('Roast Goose');
    board.setLocale('zh-Hant');
    await settle();
    expect(api.menuCalls).toEqual(['en', 'zh-Hant']);
    expect(board.dishNames.get('goose')).toBe('燒鵝');
    board.dispose();
    expect(connection.active).toHaveLength(0);
  });
});
