import type { RouteDef, RouteMatch, RouteParams, RouteQuery, RouteTable } from './table';

/** The parts of `window` a router uses; tests give their own. */
export interface RouterWindow {
  readonly location: { readonly pathname: string; readonly search: string; readonly origin: string };
  readonly history: Pick<History, 'pushState' | 'replaceState'>;
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
  scrollTo?(x: number, y: number): void;
}

export interface NavigateOptions {
  /** Replace the current history entry (a redirect), instead of adding one. */
  replace?: boolean;
}

/**
 * The address bar as state: which route the page is at, changed by `navigate` (History API),
 * by back and forward, and by clicks on the app's own `<a href>` links, which stay real links
 * (open in a new tab, copy, QR) but do not reload the page.
 */
export class Router<R extends Record<string, RouteDef>> {
  readonly table: RouteTable<R>;
  readonly #window: RouterWindow;
  #url = $state.raw<{ pathname: string; search: string }>({ pathname: '/', search: '' });
  readonly #listeners = new Set<() => void>();

  /** The route at the current address; null for one the app does not know. */
  readonly route: RouteMatch<R> | null;

  constructor(table: RouteTable<R>, win: RouterWindow = window) {
    this.table = table;
    this.#window = win;
    this.#read();
    this.route = $derived(table.match(this.#url.pathname, this.#url.search));
  }

  get pathname(): string {
    return this.#url.pathname;
  }

  get search(): string {
    return this.#url.search;
  }

  href<N extends keyof R & string>(name: N, params: RouteParams<R[N]>, query?: RouteQuery<R[N]>): string {
    return this.table.href(name, params, query);
  }

  /** Goes to a path of this app (`/kiosk/r/x`); a path outside it loads as a page. */
  navigate(href: string, options: NavigateOptions = {}): void {
    const url = new URL(href, this.#window.location.origin);
    const target = `${url.pathname}${url.search}${url.hash}`;
    // A link to where we are adds no history entry: back should leave the screen, not repeat it.
    const here = target === `${this.#url.pathname}${this.#url.search}`;
    if (options.replace || here) this.#window.history.replaceState(null, '', target);
    else this.#window.history.pushState(null, '', target);
    this.#read();
    if (!options.replace) this.#window.scrollTo?.(0, 0);
    this.#changed();
  }

  /** Called after every change of address (navigate, back, forward); returns the unsubscribe. */
  onchange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Follows back/forward and intercepts clicks on the app's links; returns the teardown. */
  start(root: Pick<Document, 'addEventListener' | 'removeEventListener'> = document): () => void {
    const onPopState = () => {
      this.#read();
      this.#changed();
    };
    const onClick = (event: MouseEvent) => this.#onClick(event);
    this.#window.addEventListener('popstate', onPopState);
    root.addEventListener('click', onClick);
    return () => {
      this.#window.removeEventListener('popstate', onPopState);
      root.removeEventListener('click', onClick);
    };
  }

  #read(): void {
    const { pathname, search } = this.#window.location;
    this.#url = { pathname, search };
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  #onClick(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || !anchor.href || anchor.hasAttribute('download')) return;
    if (anchor.target && anchor.target !== '_self') return;
    const url = new URL(anchor.href);
    if (url.origin !== this.#window.location.origin || !this.table.owns(url.pathname)) return;
    event.preventDefault();
    this.navigate(url.href);
  }
}
