import type { Ingredient, Locale, Menu } from '@dinewire/protocol';
import { FakeSubscriber, RESTAURANT_ID, dish, event, menu, settle } from '@dinewire/ui/testing';
import type { ManagerApi } from './api';
import { soldOutReason } from './api';
import { StockWatch } from './stock.svelte';

const rice = (quantity: number): Ingredient => ({
  id: 'rice',
  name: 'Rice',
  names: { en: 'Rice', 'zh-Hant': '米', 'zh-Hans': '米' },
  unit: 'kg',
  quantity,
  lowThreshold: 2,
});

function open(levels: Ingredient[][]) {
  const inventoryCalls: number[] = [];
  const api = {
    menu: (_id: string, _q: { lang: Locale }): Promise<Menu> =>
      Promise.resolve(menu(40, [dish('goose', { remaining: 3 }), dish('rice-bowl', { remaining: null })])),
  };
  const manager = {
    inventory: () => {
      inventoryCalls.push(Date.now());
      return Promise.resolve(levels.length > 1 ? levels.shift()! : levels[0]);
    },
  } as unknown as ManagerApi;
  const connection = new FakeSubscriber();
  const watch = new StockWatch(RESTAURANT_ID, 'en', api, manager, connection);
  watch.start();
  return { watch, connection, inventoryCalls };
}

describe('StockWatch', () => {
  it('follows the staff scope from the menu’s seq; sold-out dishes by hand and by stock as they happen', async () => {
    const { watch, connection } = open([[rice(10)]]);
    await settle();
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'staff' });
    expect(connection.current.cursor).toBe(40);
    expect(watch.soldOut).toEqual([]);

    const { onEvent } = connection.current.handlers;
    onEvent(event(41, 'menu.availability', { dishId: 'goose', available: false, remaining: 0 }));
    onEvent(event(42, 'menu.availability', { dishId: 'rice-bowl', available: false, remaining: null, soldOutByHand: true }));
    expect(watch.soldOut.map((d) => [d.id, soldOutReason(d)])).toEqual([
      ['goose', 'stock'],
      ['rice-bowl', 'hand'],
    ]);
    expect(watch.alerts.map((a) => a.key)).toEqual(['dish:rice-bowl', 'dish:goose']);

    // Back on: off the sold-out list, and its alert goes.
    onEvent(event(43, 'menu.availability', { dishId: 'rice-bowl', available: true, remaining: null, soldOutByHand: false }));
    expect(watch.soldOut.map((d) => d.id)).toEqual(['goose']);
    expect(watch.alerts.map((a) => a.key)).toEqual(['dish:goose']);
    watch.dispose();
  });

  it('marks low stock from its event, and reads the levels again after an order moved them', async () => {
    jest.useFakeTimers();
    try {
      const { watch, connection, inventoryCalls } = open([[rice(10)], [rice(1.5)]]);
      await jest.runOnlyPendingTimersAsync();
      expect(watch.low).toEqual([]);
      const { onEvent } = connection.current.handlers;
      onEvent(event(41, 'order.created', {} as never));
      onEvent(event(42, 'order.created', {} as never));
      await jest.advanceTimersByTimeAsync(400);
      // One read for both orders.
      expect(inventoryCalls).toHaveLength(2);
      expect(watch.low.map((i) => i.quantity)).toEqual([1.5]);
      onEvent(
        event(43, 'inventory.low', { ingredientId: 'rice', name: 'Rice', names: rice(1).names, unit: 'kg', quantity: 1, lowThreshold: 2 }),
      );
      expect(watch.low.map((i) => i.quantity)).toEqual([1]);
      expect(watch.alerts.map((a) => a.kind)).toEqual(['low']);
      watch.dispose();
    } finally {
      jest.useRealTimers();
    }
  });
});
