import { Router, type RouterWindow } from './router.svelte';
import { kioskRoutes } from './screens';

/** A browser's address bar and history, enough for the router. */
class FakeWindow implements RouterWindow {
  readonly entries: string[];
  index = 0;
  readonly #popListeners = new Set<() => void>();
  scrolledToTop = 0;

  constructor(start: string) {
    this.entries = [start];
  }

  get location() {
    const url = new URL(this.entries[this.index]!, 'http://kiosk.test');
    return { pathname: url.pathname, search: url.search, origin: url.origin };
  }

  readonly history = {
    pushState: (_data: unknown, _unused: string, url?: string | URL | null) => {
      this.entries.splice(this.index + 1, Infinity, String(url));
      this.index++;
    },
    replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => {
      this.entries[this.index] = String(url);
    },
  };

  addEventListener(_type: 'popstate', listener: () => void): void {
    this.#popListeners.add(listener);
  }

  removeEventListener(_type: 'popstate', listener: () => void): void {
    this.#popListeners.delete(listener);
  }

  scrollTo(): void {
    this.scrolledToTop++;
  }

  back(): void {
    this.index--;
    for (const listener of this.#popListeners) listener();
  }
}

/** What a click on a link looks like to the router. */
function clickOn(href: string, extra: Partial<Pick<MouseEvent, 'button' | 'metaKey'>> & { target?: string } = {}) {
  const anchor = {
    href: new URL(href, 'http://kiosk.test').href,
    target: extra.target ?? '',
    hasAttribute: () => false,
    closest: () => anchor,
  };
  let prevented = false;
  const event = {
    defaultPrevented: false,
    button: 0,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    ...extra,
    target: anchor,
    preventDefault: () => {
      prevented = true;
    },
  } as unknown as MouseEvent;
  return { event, prevented: () => prevented };
}

function fakeDocument() {
  const listeners = new Set<(event: MouseEvent) => void>();
  return {
    addEventListener: (_type: string, listener: (event: MouseEvent) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: MouseEvent) => void) => listeners.delete(listener),
    click: (event: MouseEvent) => listeners.forEach((listener) => listener(event)),
    get size() {
      return listeners.size;
    },
  };
}

describe('Router', () => {
  it('reads the route from the address it starts at (a reload, a QR code)', () => {
    const router = new Router(kioskRoutes, new FakeWindow('/kiosk/r/jade?table=t1'));
    expect(router.route).toEqual({ name: 'menu', params: { r: 'jade' }, query: { table: 't1' } });
  });

  it('navigates with the History API, and follows back', () => {
    const win = new FakeWindow('/kiosk/');
    const router = new Router(kioskRoutes, win);
    const doc = fakeDocument();
    const stop = router.start(doc as unknown as Document);
    const changes: (string | undefined)[] = [];
    router.onchange(() => changes.push(router.route?.name));

    router.navigate('/kiosk/r/jade');
    expect(win.entries).toEqual(['/kiosk/', '/kiosk/r/jade']);
    expect(router.route?.name).toBe('menu');
    expect(win.scrolledToTop).toBe(1);

    win.back();
    expect(router.route?.name).toBe('restaurants');
    expect(changes).toEqual(['menu', 'restaurants']);

    stop();
    expect(doc.size).toBe(0);
  });

  it('replaces the entry for a redirect, and for a link to where we already are', () => {
    const win = new FakeWindow('/kiosk/r/jade');
    const router = new Router(kioskRoutes, win);
    router.navigate('/kiosk/', { replace: true });
    expect(win.entries).toEqual(['/kiosk/']);
    router.navigate('/kiosk/');
    expect(win.entries).toEqual(['/kiosk/']);
  });

  it('takes over plain clicks on the app’s own links, and leaves the others to the browser', () => {
    const win = new FakeWindow('/kiosk/');
    const router = new Router(kioskRoutes, win);
    const doc = fakeDocument();
    router.start(doc as unknown as Document);

    const own = clickOn('/kiosk/r/jade');
    doc.click(own.event);
    expect(own.prevented()).toBe(true);
    expect(router.route?.name).toBe('menu');

    for (const other of [
      clickOn('/dashboard/'),
      clickOn('https://elsewhere.test/kiosk/'),
      clickOn('/kiosk/account', { metaKey: true }),
      clickOn('/kiosk/account', { button: 1 }),
      clickOn('/kiosk/account', { target: '_blank' }),
    ]) {
      doc.click(other.event);
      expect(other.prevented()).toBe(false);
    }
    expect(win.entries).toEqual(['/kiosk/', '/kiosk/r/jade']);
  });

  it('has no route for an address the app does not know', () => {
    const router = new Router(kioskRoutes, new FakeWindow('/kiosk/nowhere'));
    expect(router.route).toBeNull();
  });
});
