import type { OrderList, OrderListQuery } from '@dinewire/ui/api';
import { ApiError } from '@dinewire/ui/api';
import { FakeSubscriber, RESTAURANT_ID, deferred, event, order, settle } from '@dinewire/ui/testing';
import { PickupBoard } from './pickup-board.svelte';

class FakeApi {
  readonly calls: OrderListQuery[] = [];
  readonly lists: (OrderList | ApiError)[] = [];
  orders(_restaurantId: string, query: OrderListQuery): Promise<OrderList> {
    this.calls.push(query);
    const answer = this.lists.length > 1 ? this.lists.shift()! : this.lists[0];
    if (!answer) return deferred<OrderList>().promise;
    return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

const board = (id: string, number: number, status: 'placed' | 'preparing' | 'ready' | 'completed' | 'cancelled', version: number) =>
  ({ id, number, status, version }) as never;

async function open(lists: (OrderList | ApiError)[]) {
  const api = new FakeApi();
  api.lists.push(...lists);
  const connection = new FakeSubscriber();
  const b = new PickupBoard(RESTAURANT_ID, api, connection);
  b.start();
  await settle();
  return { api, connection, board: b };
}

const numbers = (list: { number: number }[]) => list.map((o) => o.number);

describe('PickupBoard', () => {
  it('loads the open orders and follows the board scope from their seq', async () => {
    const {
      api,
      connection,
      board: b,
    } = await open([{ orders: [order('a', { number: 12, status: 'ready' }), order('b', { number: 3, status: 'placed' })], latestSeq: 40 }]);
    expect(api.calls).toEqual([{ status: 'placed,preparing,ready' }]);
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'board' });
    expect(connection.current.cursor).toBe(40);
    expect(numbers(b.preparing)).toEqual([3]);
    expect(numbers(b.ready)).toEqual([12]);
    // A manager's list carries names; the board keeps numbers and states only.
    expect(Object.keys(b.ready[0]!).sort()).toEqual(['id', 'number', 'status', 'version']);
  });

  it('moves numbers to ready, clears them on hand-off or cancellation, and ignores older copies', async () => {
    const { connection, board: b } = await open([{ orders: [], latestSeq: 0 }]);
    const { onEvent } = connection.current.handlers;
    onEvent(event(1, 'order.created', board('a', 7, 'placed', 1)));
    onEvent(event(2, 'order.created', board('b', 5, 'placed', 1)));
    onEvent(event(3, 'order.updated', board('a', 7, 'ready', 3)));
    expect(numbers(b.preparing)).toEqual([5]);
    expect(numbers(b.ready)).toEqual([7]);
    onEvent(event(4, 'order.updated', board('a', 7, 'preparing', 2)));
    expect(numbers(b.ready)).toEqual([7]);
    onEvent(event(5, 'order.updated', board('a', 7, 'completed', 4)));
    onEvent(event(6, 'order.updated', board('b', 5, 'cancelled', 2)));
    expect(numbers(b.ready)).toEqual([]);
    expect(numbers(b.preparing)).toEqual([]);
    // A late copy of an earlier state does not bring a handed-off number back.
    onEvent(event(7, 'order.updated', board('a', 7, 'ready', 3)));
    expect(numbers(b.ready)).toEqual([]);
  });

  it('shows an error it can retry from, and loads afresh after a reset', async () => {
    const {
      api,
      connection,
      board: b,
    } = await open([new ApiError(0, 'network', 'down'), { orders: [order('a', { number: 1, status: 'preparing' })], latestSeq: 9 }]);
    expect(b.status).toBe('error');
    b.retry();
    await settle();
    expect(b.status).toBe('ready');
    expect(numbers(b.preparing)).toEqual([1]);
    connection.current.handlers.onReset?.();
    await settle();
    expect(api.calls).toHaveLength(3);
    expect(connection.active).toHaveLength(1);
  });
});
