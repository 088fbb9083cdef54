import type { Recommendations } from '@dinewire/protocol';
import { RESTAURANT_ID, deferred, dish, settle, MemoryStorage } from '@dinewire/ui/testing';
import { clearGuestKeys } from './guest-session.svelte';
import { Suggestions, Upsell, suggestedDishes, type Recommend } from './upsell.svelte';

const answer = (...ids: string[]): Recommendations => ({ dishes: ids.map((dishId, i) => ({ dishId, score: 1 - i / 10 })) });

/** A server that pairs every dish with b, c, d, e (best first), recording what it was asked. */
function pairingServer() {
  const asked: string[][] = [];
  const recommend: Recommend = async (ids) => {
    asked.push([...ids]);
    return answer(...['b', 'c', 'd', 'e'].filter((x) => !ids.includes(x)));
  };
  return { asked, recommend };
}

const menuOf = (...dishes: ReturnType<typeof dish>[]) => new Map(dishes.map((d) => [d.id, d]));

describe('suggestedDishes', () => {
  it('keeps the best three that are on the menu, not sold out and not in the cart', () => {
    const menu = menuOf(
      dish('a'),
      dish('b', { available: false }),
      dish('c', { remaining: 0 }),
      dish('d'),
      dish('e', { remaining: 2 }),
      dish('f'),
      dish('g'),
    );
    expect(suggestedDishes(['gone', 'b', 'c', 'a', 'd', 'e', 'f', 'g'], menu, new Set(['a'])).map((d) => d.id)).toEqual(['d', 'e', 'f']);
  });
});

describe('Suggestions', () => {
  it('asks once per set of dishes, and a newer ask wins over a slower older one', async () => {
    const first = deferred<Recommendations>();
    const second = deferred<Recommendations>();
    const calls: { ids: readonly string[]; signal: AbortSignal }[] = [];
    const replies = [first.promise, second.promise];
    const s = new Suggestions((ids, signal) => {
      calls.push({ ids, signal });
      return replies[calls.length - 1]!;
    });
    s.request(['b', 'a']);
    s.request(['a', 'b', 'a']);
    expect(calls.map((c) => c.ids)).toEqual([['a', 'b']]);
    s.request(['a']);
    expect(calls[0]!.signal.aborted).toBe(true);
    second.resolve(answer('x'));
    first.resolve(answer('old'));
    await settle();
    expect(s.dishIds).toEqual(['x']);
    s.request([]);
    expect(s.dishIds).toEqual([]);
  });

  it('shows nothing when the server fails', async () => {
    const s = new Suggestions(() => Promise.reject(new Error('offline')));
    s.request(['a']);
    await settle();
    expect(s.dishIds).toEqual([]);
  });
});

describe('Upsell', () => {
  it('offers the panel once per guest, for the first dish into an empty cart; the next dish or a dismiss closes it', async () => {
    const storage = new MemoryStorage();
    const server = pairingServer();
    const menu = menuOf(dish('a'), dish('b'), dish('c'), dish('d'), dish('e'));
    const upsell = new Upsell(RESTAURANT_ID, server.recommend, storage);
    // Added to a cart that was not empty (restored after a reload, say): no panel.
    upsell.added('a', false);
    expect(upsell.forDishId).toBeNull();
    upsell.added('a', true);
    await settle();
    expect(upsell.forDishId).toBe('a');
    expect(server.asked).toEqual([['a']]);
    expect(upsell.panelDishes(menu, new Set(['a'])).map((d) => d.id)).toEqual(['b', 'c', 'd']);
    // The guest takes one: the panel has done its work.
    upsell.added('b', false);
    expect(upsell.forDishId).toBeNull();
    expect(upsell.panelDishes(menu, new Set(['a', 'b']))).toEqual([]);
    // Emptied and filled again: not offered again to the same guest, nor after a reload.
    upsell.added('c', true);
    expect(upsell.forDishId).toBeNull();
    expect(new Upsell(RESTAURANT_ID, server.recommend, storage).forDishId).toBeNull();
    const reloaded = new Upsell(RESTAURANT_ID, server.recommend, storage);
    reloaded.added('c', true);
    expect(reloaded.forDishId).toBeNull();
    // The kiosk's reset for the next guest clears it: offered again.
    clearGuestKeys(storage);
    const next = new Upsell(RESTAURANT_ID, server.recommend, storage);
    next.added('d', true);
    expect(next.forDishId).toBe('d');
    next.dismiss();
    expect(next.forDishId).toBeNull();
  });

  it('suggests for the whole cart at checkout, asking again only when its dishes change', async () => {
    const server = pairingServer();
    const menu = menuOf(dish('a'), dish('b'), dish('c'), dish('d', { available: false }), dish('e'));
    const upsell = new Upsell(RESTAURANT_ID, server.recommend, new MemoryStorage());
    upsell.requestCheckout(new Set(['a', 'b']));
    upsell.requestCheckout(new Set(['b', 'a']));
    await settle();
    expect(server.asked).toEqual([['a', 'b']]);
    expect(upsell.checkoutDishes(menu, new Set(['a', 'b'])).map((d) => d.id)).toEqual(['c', 'e']);
  });
});
