import { FEW_PORTIONS_LEFT, type Locale, type Menu } from '@dinewire/protocol';
import { ApiError } from '@dinewire/ui/api';
import { FakeSubscriber, RESTAURANT_ID, deferred, dish, event, menu, settle } from '@dinewire/ui/testing';
import { MenuState, isSoldOut, portionsLeft } from './menu.svelte';

/** The menu API as the test wants it to answer, one call at a time or always the same. */
class FakeMenuApi {
  readonly calls: { restaurantId: string; lang: Locale }[] = [];
  readonly answers: Menu[] = [];
  next: ReturnType<typeof deferred<Menu>> | null = null;

  menu(restaurantId: string, query: { lang: Locale }): Promise<Menu> {
    this.calls.push({ restaurantId, lang: query.lang });
    if (this.next) {
      const held = this.next;
      this.next = null;
      return held.promise;
    }
    const answer = this.answers.length > 1 ? this.answers.shift()! : this.answers[0];
    return answer ? Promise.resolve(answer) : Promise.reject(new ApiError(404, 'not_found', 'no menu'));
  }
}

const byId = async (ref: string) => ref;

function open(api: FakeMenuApi, connection: FakeSubscriber, resolve = byId, ref = RESTAURANT_ID): MenuState {
  const state = new MenuState(ref, resolve, 'en', api, connection);
  state.start();
  return state;
}

function goose(state: MenuState) {
  return state.categories[0]?.dishes.find((d) => d.id === 'goose');
}

describe('MenuState', () => {
  it('subscribes to the menu scope from the seq the menu is current as of', async () => {
    const api = new FakeMenuApi();
    api.answers.push(menu(40, [dish('goose', { remaining: 3 })]));
    const connection = new FakeSubscriber();
    const state = open(api, connection, async () => RESTAURANT_ID, 'jade-harbour');
    await settle();

    expect(api.calls).toEqual([{ restaurantId: RESTAURANT_ID, lang: 'en' }]);
    expect(state.loaded).toBe(true);
    expect(state.restaurantId).toBe(RESTAURANT_ID);
    expect(connection.current.request).toEqual({ restaurantId: RESTAURANT_ID, scope: 'menu' });
    expect(connection.current.cursor).toBe(40);
  });

  it('shows a live availability change newer than the snapshot, without a new menu request', async () => {
    const api = new FakeMenuApi();
    api.answers.push(menu(40, [dish('goose', { remaining: 3 })]));
    const connection = new FakeSubscriber();
    const state = open(api, connection);
    await settle();

    connection.current.handlers.onEvent(event(41, 'menu.availability', { dishId: 'goose', available: true, remaining: 1 }));
    expect(goose(state)?.remaining).toBe(1);
    connection.current.handlers.onEvent(event(42, 'menu.availability', { dishId: 'goose', available: false, remaining: 0 }));
    expect(goose(state)?.available).toBe(false);
    expect(isSoldOut(goose(state)!)).toBe(true);
    expect(api.calls).toHaveLength(1);
  });

  it('never lets a change older than a reloaded snapshot bring back an older state', async () => {
    const api = new FakeMenuApi();
    api.answers.push(menu(40, [dish('goose', { remaining: 3 })]));
    const connection = new FakeSubscriber();
    const state = open(api, connection);
    await settle();
    connection.current.handlers.onEvent(event(41, 'menu.availability', { dishId: 'goose', available: true, remaining: 2 }));

    // Another language: the new snapshot (seq 50) already has the goose sold out.
    api.answers.splice(0, 1, menu(50, [dish('goose', { available: false, remaining: 0 })]));
    state.setLocale('zh-Hant');
    await settle();
    expect(api.calls.at(-1)).toEqual({ restaurantId: RESTAURANT_ID, lang: 'zh-Hant' });
    expect(goose(state)?.remaining).toBe(0);
    expect(goose(state)?.available).toBe(false);
    // Still the one subscription: a reload does not subscribe again.
    expect(connection.subscriptions).toHaveLength(1);
  });

  it('loads a fresh menu when the server no longer has its cursor (reset)', async () => {
    const api = new FakeMenuApi();
    api.answers.push(menu(40, [dish('goose', { remaining: 3 })]), menu(90, [dish('goose', { remaining: 1 })]));
    const connection = new FakeSubscriber();
    const state = open(api, connection);
    await settle();

    connection.current.handlers.onReset?.();
    await settle();
    expect(api.calls).toHaveLength(2);
    expect(goose(state)?.remaining).toBe(1);
  });

  it('starts over when the restaurant’s log is behind its cursor (database restored)', async () => {
    const api = new FakeMenuApi();
    api.answers.push(menu(40, [dish('goose', { remaining: 3 })]), menu(5, [dish('goose', { remaining: 2 })]));
    const connection = new FakeSubscriber();
    const state = open(api, connection);
    await settle();
    const first = connection.current;
    first.handlers.onEvent(event(41, 'menu.availability', { dishId: 'goose', available: true, remaining: 1 }));

    first.handlers.onSubscribed?.({ cursor: 41, seq: 6 });
    await settle();
    expect(first.active).toBe(false);
    // The live change from the old log is forgotten, and the new log is followed from its own seq.
    expect(goose(state)?.remaining).toBe(2);
    expect(connection.current.cursor).toBe(5);
    // An event at seq 6 of the new log counts, though the old log had gone further.
    connection.current.handlers.onEvent(event(6, 'menu.availability', { dishId: 'goose', available: true, remaining: 1 }));
    expect(goose(state)?.remaining).toBe(1);
  });

  it('stays subscribed when the server confirms a cursor it has', async () => {
    const api = new FakeMenuApi();
    api.answers.push(menu(40, [dish('goose')]));
    const connection = new FakeSubscriber();
    open(api, connection);
    await settle();
    connection.current.handlers.onSubscribed?.({ cursor: 40, seq: 44 });
    await settle();
    expect(connection.subscriptions).toHaveLength(1);
    expect(api.calls).toHaveLength(1);
  });

  it('reports an address that names no restaurant, and follows nothing', async () => {
    const api = new FakeMenuApi();
    const connection = new FakeSubscriber();
    const state = open(
      api,
      connection,
      async (ref) => {
        throw new ApiError(404, 'not_found', `no restaurant ${ref}`);
      },
      'nowhere',
    );
    await settle();
    expect(state.error?.code).toBe('not_found');
    expect(state.loaded).toBe(false);
    expect(api.calls).toHaveLength(0);
    expect(connection.subscriptions).toHaveLength(0);
  });

  it('subscribes to nothing once disposed, even when its menu arrives late', async () => {
    const api = new FakeMenuApi();
    api.next = deferred<Menu>();
    const held = api.next;
    const connection = new FakeSubscriber();
    const state = open(api, connection);
    state.dispose();
    held.resolve(menu(40, [dish('goose')]));
    await settle();
    expect(connection.subscriptions).toHaveLength(0);
  });

  it('follows the selected section, and falls back to the first', async () => {
    const api = new FakeMenuApi();
    api.answers.push(
      menu(1, [], {
        categories: [
          { id: 'dim-sum', name: 'Dim Sum', dishes: [dish('har-gow')] },
          { id: 'roast', name: 'Roast', dishes: [dish('goose')] },
        ],
      }),
    );
    const state = open(api, new FakeSubscriber());
    await settle();
    expect(state.selectedCategory?.id).toBe('dim-sum');
    state.selectCategory('roast');
    expect(state.selectedCategory?.id).toBe('roast');
    state.selectCategory('gone');
    expect(state.selectedCategory?.id).toBe('dim-sum');
  });
});

describe('portions left', () => {
  it('says how many are left only when few are', () => {
    expect(portionsLeft({ available: true, remaining: FEW_PORTIONS_LEFT })).toBe(FEW_PORTIONS_LEFT);
    expect(portionsLeft({ available: true, remaining: 1 })).toBe(1);
    expect(portionsLeft({ available: true, remaining: FEW_PORTIONS_LEFT + 1 })).toBeNull();
    expect(portionsLeft({ available: true, remaining: null })).toBeNull();
  });

  it('counts a dish with none left, or marked unavailable, as sold out, with no count', () => {
    expect(isSoldOut({ available: true, remaining: 0 })).toBe(true);
    expect(isSoldOut({ available: false, remaining: 4 })).toBe(true);
    expect(isSoldOut({ available: true, remaining: null })).toBe(false);
    expect(portionsLeft({ available: true, remaining: 0 })).toBeNull();
    expect(portionsLeft({ available: false, remaining: 2 })).toBeNull();
  });
});
