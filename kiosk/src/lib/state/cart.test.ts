import type { Dish, ModifierGroup } from '@dinewire/protocol';
import { ApiError } from '@dinewire/ui/api';
import { FakeSubscriber, RESTAURANT_ID, deferred, dish, event, order } from '@dinewire/ui/testing';
import { CartTotals } from '../order/cart-totals.svelte';
import { OrderStatusState } from '../order/order-status.svelte';
import { fieldOf, submitOrder, type PlacedOrder } from '../order/submit';
import { CartState, newKey, type CartStorage } from './cart.svelte';
import { chosenIds, clampQuantity, groupProblem, initialSelection, toggleOption, unitPriceCents } from './dish-choice';

class MemoryStorage implements CartStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const size: ModifierGroup = {
  id: 'size',
  name: 'Size',
  required: true,
  minChoices: 1,
  maxChoices: 1,
  options: [
    { id: 'regular', name: 'Regular', priceDeltaCents: 0 },
    { id: 'large', name: 'Large', priceDeltaCents: 1200 },
  ],
};
const extras: ModifierGroup = {
  id: 'extras',
  name: 'Extras',
  required: false,
  minChoices: 0,
  maxChoices: 2,
  options: [
    { id: 'egg', name: 'Egg', priceDeltaCents: 500 },
    { id: 'chilli', name: 'Chilli oil', priceDeltaCents: 0 },
    { id: 'tofu', name: 'Tofu', priceDeltaCents: 800 },
  ],
};
const noodles = dish('noodles', { priceCents: 6800, modifiers: [size, extras] });
const goose = dish('goose', { priceCents: 18800, remaining: 3 });
const menuOf = (...dishes: Dish[]) => new Map(dishes.map((d) => [d.id, d]));

describe('choosing a dish’s options', () => {
  it('starts with a required group’s first option, swaps one-choice groups, caps many-choice ones', () => {
    let s = initialSelection(noodles);
    expect(s).toEqual({ size: ['regular'], extras: [] });
    s = toggleOption(s, size, 'large');
    expect(s.size).toEqual(['large']);
    // Tapping the chosen option of a required one-choice group keeps it.
    expect(toggleOption(s, size, 'large').size).toEqual(['large']);
    s = toggleOption(toggleOption(s, extras, 'egg'), extras, 'tofu');
    expect(toggleOption(s, extras, 'chilli').extras).toEqual(['egg', 'tofu']);
    expect(toggleOption(s, extras, 'egg').extras).toEqual(['tofu']);
    expect(chosenIds(noodles, s)).toEqual(['large', 'egg', 'tofu']);
    expect(unitPriceCents(noodles, chosenIds(noodles, s))).toBe(6800 + 1200 + 500 + 800);
  });

  it('names what a group still needs', () => {
    expect(groupProblem(size, { size: [] })).toEqual({ kind: 'min', n: 1 });
    expect(groupProblem(extras, { extras: ['egg', 'chilli', 'tofu'] })).toEqual({ kind: 'max', n: 2 });
    expect(groupProblem(extras, {})).toBeNull();
  });

  it('keeps quantities between 1 and 99', () => {
    expect([0, 1, 42.7, 99, 150, Number.NaN].map(clampQuantity)).toEqual([1, 1, 42, 99, 99, 1]);
  });
});

describe('CartState', () => {
  it('adds, merges the same choice, changes and removes lines, and estimates from menu prices', () => {
    const cart = new CartState(RESTAURANT_ID, new MemoryStorage());
    cart.add({ dishId: 'noodles', quantity: 1, modifierIds: ['large', 'egg'], note: '' });
    cart.add({ dishId: 'noodles', quantity: 2, modifierIds: ['egg', 'large'], note: ' ' });
    cart.add({ dishId: 'noodles', quantity: 1, modifierIds: ['regular'], note: 'no spring onion' });
    expect(cart.lines).toHaveLength(2);
    expect(cart.count).toBe(4);
    const menu = menuOf(noodles, goose);
    expect(cart.estimateCents(menu)).toBe(3 * (6800 + 1200 + 500) + 6800);
    const [first, second] = cart.lines;
    cart.setQuantity(first!.id, 120);
    expect(cart.lines[0]!.quantity).toBe(99);
    cart.remove(second!.id);
    expect(cart.orderItems()).toEqual([{ dishId: 'noodles', quantity: 99, modifierIds: ['large', 'egg'] }]);
    expect(cart.view(menu)[0]).toMatchObject({ options: ['Large', 'Egg'], unitPriceCents: 8500, unavailable: false });
  });

  it('survives a reload through its storage, one cart per restaurant', () => {
    const storage = new MemoryStorage();
    const cart = new CartState(RESTAURANT_ID, storage);
    cart.add({ dishId: 'goose', quantity: 2, modifierIds: [], note: 'extra plum sauce' });
    const pending = cart.begin({ restaurantId: RESTAURANT_ID, channel: 'web', items: cart.orderItems(), paymentMethod: 'counter' });

    const again = new CartState(RESTAURANT_ID, storage);
    expect(again.lines).toEqual(cart.lines);
    expect(again.pending).toEqual(pending);
    expect(new CartState('another-restaurant', storage).empty).toBe(true);

    again.clear();
    expect(storage.items.size).toBe(0);
    expect(new CartState(RESTAURANT_ID, storage).empty).toBe(true);
  });

  it('ignores what it cannot read back', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      `dinewire.kiosk.cart.${RESTAURANT_ID}`,
      '{"lines":[{"id":"x","dishId":"goose","quantity":500,"modifierIds":[],"note":""}]}',
    );
    expect(new CartState(RESTAURANT_ID, storage).empty).toBe(true);
    storage.setItem(`dinewire.kiosk.cart.${RESTAURANT_ID}`, 'not json');
    expect(new CartState(RESTAURANT_ID, storage).empty).toBe(true);
  });

  it('points out a line whose dish sold out, or has fewer portions left than it asks for', () => {
    const cart = new CartState(RESTAURANT_ID, new MemoryStorage());
    cart.add({ dishId: 'goose', quantity: 2, modifierIds: [], note: '' });
    expect(cart.view(menuOf(goose))[0]!.unavailable).toBe(false);
    expect(cart.view(menuOf({ ...goose, remaining: 1 }))[0]!.unavailable).toBe(true);
    expect(cart.view(menuOf({ ...goose, available: false, remaining: 0 }))[0]!.unavailable).toBe(true);
    expect(cart.view(menuOf())[0]).toMatchObject({ dish: null, unavailable: true });
  });

  it('makes the Idempotency-Key once per checkout: the same body keeps it, a refused one lets it go', () => {
    const cart = new CartState(RESTAURANT_ID, new MemoryStorage());
    cart.add({ dishId: 'goose', quantity: 1, modifierIds: [], note: '' });
    const body = { restaurantId: RESTAURANT_ID, channel: 'web' as const, items: cart.orderItems(), paymentMethod: 'counter' as const };
    const first = cart.begin(body);
    expect(first.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cart.begin({ ...body, items: cart.orderItems() }).key).toBe(first.key);
    // While it is under way the cart does not change under it.
    cart.add({ dishId: 'goose', quantity: 1, modifierIds: [], note: '' });
    expect(cart.count).toBe(1);
    cart.abandon();
    expect(cart.begin(body).key).not.toBe(first.key);
    expect(newKey()).not.toBe(newKey());
  });
});

describe('submitOrder', () => {
  const body = {
    restaurantId: RESTAURANT_ID,
    channel: 'web' as const,
    items: [{ dishId: 'goose', quantity: 1 }],
    paymentMethod: 'card' as const,
  };
  const card = { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };
  const placed: PlacedOrder = { order: order('o1'), orderToken: 'tok' };

  it('sends again with the same key and body after a network error or a 5xx, until acknowledged', async () => {
    const calls: { key: string; body: unknown }[] = [];
    const answers = [new ApiError(0, 'network', 'offline'), new ApiError(503, 'unavailable', 'busy')];
    const waits: number[] = [];
    const result = await submitOrder(
      async (b, key) => {
        calls.push({ key, body: b });
        const next = answers.shift();
        if (next) throw next;
        return placed;
      },
      'key-1',
      body,
      card,
      { sleep: async (ms) => void waits.push(ms), delays: [10, 20] },
    );
    expect(result).toBe(placed);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set(['key-1']));
    expect(calls.every((c) => JSON.stringify(c.body) === JSON.stringify({ ...body, card }))).toBe(true);
    expect(waits).toEqual([10, 20]);
  });

  it('stops at a 4xx and hands it back, with the field it names', async () => {
    let calls = 0;
    const declined = new ApiError(402, 'payment_declined' as never, 'declined', [{ field: 'card', message: 'declined' }]);
    const error = await submitOrder(
      async () => {
        calls++;
        throw declined;
      },
      'key-2',
      body,
      card,
      { sleep: async () => undefined },
    ).catch((e: unknown) => e);
    expect(error).toBe(declined);
    expect(calls).toBe(1);
    expect(fieldOf(declined)).toBe('card');
  });
});

describe('OrderStatusState', () => {
  it('reads the order once subscribed and follows its newer versions', async () => {
    const connection = new FakeSubscriber();
    const reads: ReturnType<typeof deferred<ReturnType<typeof order>>>[] = [];
    const state = new OrderStatusState(
      'o1',
      'tok',
      () => {
        const d = deferred<ReturnType<typeof order>>();
        reads.push(d);
        return d.promise;
      },
      connection,
    );
    state.start();
    expect(connection.subscriptions[0]!.request).toEqual({ orderId: 'o1', orderToken: 'tok' });
    reads[0]!.resolve(order('o1', { version: 1, status: 'placed' }));
    await reads[0]!.promise;
    await Promise.resolve();
    expect(state.order?.status).toBe('placed');

    connection.subscriptions[0]!.handlers.onEvent(event(7, 'order.updated', order('o1', { version: 3, status: 'ready' })));
    expect(state.order?.status).toBe('ready');
    // An older version arriving later never brings an older status back.
    connection.subscriptions[0]!.handlers.onEvent(event(8, 'order.updated', order('o1', { version: 2, status: 'preparing' })));
    expect(state.order?.status).toBe('ready');
    state.dispose();
    expect(connection.subscriptions[0]!.active).toBe(false);
  });
});

describe('CartTotals', () => {
  const preview = (totalCents: number) => ({
    subtotalCents: totalCents,
    discountCents: 0,
    serviceChargeCents: 0,
    taxCents: 0,
    totalCents,
    currency: 'HKD',
    promotions: [],
    nextThreshold: null,
    unavailable: [],
    freeItems: [],
    promoCodeProblem: null,
  });
  const body = (quantity: number) => ({
    restaurantId: RESTAURANT_ID,
    channel: 'web' as const,
    items: [{ dishId: 'goose', quantity }],
    paymentMethod: 'counter' as const,
  });

  it('shows only the answer for the cart as it is now, and asks again when it or availability changes', async () => {
    const asked: number[] = [];
    const answers = new Map<number, ReturnType<typeof deferred<ReturnType<typeof preview>>>>();
    const totals = new CartTotals(async (b) => {
      const q = b.items[0]!.quantity;
      asked.push(q);
      const d = deferred<ReturnType<typeof preview>>();
      answers.set(q, d);
      return d.promise;
    }, 0);
    totals.request(body(1), 'en');
    await new Promise((r) => setTimeout(r, 5));
    totals.request(body(2), 'en');
    await new Promise((r) => setTimeout(r, 5));
    // The older answer arrives last: it never shows.
    answers.get(2)!.resolve(preview(200));
    answers.get(1)!.resolve(preview(100));
    await new Promise((r) => setTimeout(r, 5));
    expect(totals.current?.totalCents).toBe(200);
    totals.request(body(2), 'en');
    expect(asked).toEqual([1, 2]);
    totals.request(body(2), 'en', 'goose:false:0');
    expect(totals.current).toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    expect(asked).toEqual([1, 2, 2]);
    totals.request(null, 'en');
    expect(totals.current).toBeNull();
    totals.dispose();
  });
});
