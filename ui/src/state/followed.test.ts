import { ApiError } from '../api';
import { FakeSubscriber, RESTAURANT_ID, event, settle } from '../testing';
import { FollowedSnapshot, type FollowSource } from './followed.svelte';

/** A source whose loads answer in turn (a list of numbers, current to a seq) and that records what it is given. */
function source(loads: ({ snapshot: number[]; seq: number } | Error)[]) {
  const held: number[] = [];
  const seen: number[] = [];
  let reloads = 0;
  const s: FollowSource<number[]> = {
    request: () => ({ restaurantId: RESTAURANT_ID, scope: 'staff' }),
    load: async () => {
      const next = loads.length > 1 ? loads.shift()! : loads[0]!;
      if (next instanceof Error) throw next;
      return next;
    },
    apply: (snapshot) => held.splice(0, held.length, ...snapshot),
    onEvent: (e) => seen.push(e.seq),
    holdsAnything: () => held.length > 0,
    onReload: () => reloads++,
  };
  return { s, held, seen, reloads: () => reloads };
}

describe('FollowedSnapshot', () => {
  it('loads the snapshot, then follows its scope from the seq it is current to', async () => {
    const connection = new FakeSubscriber();
    const src = source([{ snapshot: [1, 2], seq: 40 }]);
    const followed = new FollowedSnapshot(connection, src.s);
    expect(followed.status).toBe('loading');
    await followed.open();
    expect(followed.status).toBe('ready');
    expect(src.held).toEqual([1, 2]);
    expect(connection.current.cursor).toBe(40);
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'staff' });
    connection.current.handlers.onEvent(event(41, 'menu.availability', { dishId: 'd', available: false, remaining: 0 }));
    expect(src.seen).toEqual([41]);
  });

  it('loads afresh, keeping what it shows meanwhile, on a reset and on a log behind what it holds', async () => {
    const connection = new FakeSubscriber();
    const src = source([
      { snapshot: [1], seq: 40 },
      { snapshot: [1, 2], seq: 3 },
      { snapshot: [1, 2, 3], seq: 5 },
    ]);
    const followed = new FollowedSnapshot(connection, src.s);
    await followed.open();
    connection.current.handlers.onReset?.();
    expect(followed.status).toBe('ready');
    await settle();
    expect(src.held).toEqual([1, 2]);
    expect(connection.current.cursor).toBe(3);
    // The restaurant's log answers seq 2 to our cursor 3: it was restored.
    connection.current.handlers.onSubscribed?.({ cursor: 3, seq: 2, visibleSeq: 2 } as never);
    await settle();
    expect(src.held).toEqual([1, 2, 3]);
    expect(src.reloads()).toBe(2);
    expect(connection.active).toHaveLength(1);
  });

  it('shows a refused load or subscription as an error, and a retry starts over', async () => {
    const connection = new FakeSubscriber();
    const src = source([new ApiError(503, 'unavailable', 'down'), { snapshot: [7], seq: 9 }]);
    const followed = new FollowedSnapshot(connection, src.s);
    await followed.open();
    expect(followed.status).toBe('error');
    expect(followed.error?.code).toBe('unavailable');
    await followed.open();
    expect(followed.status).toBe('ready');
    connection.current.handlers.onError?.({ code: 'forbidden', message: 'no' });
    expect(followed.status).toBe('error');
    expect(followed.error?.status).toBe(403);
    followed.dispose();
    expect(connection.active).toHaveLength(0);
  });
});
