/** One address: a path below the app's base (`/r/:r`), and the query parameters it reads. */
export interface RouteDef {
  readonly path: string;
  readonly query?: readonly string[];
}

/** `'/r/:r/book'` → `'r'`. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type RouteParams<D extends RouteDef> = { readonly [N in ParamNames<D['path']>]: string };
export type RouteQuery<D extends RouteDef> = {
  readonly [Q in D['query'] extends readonly string[] ? D['query'][number] : never]?: string;
};

/** Where an address leads: one route, its path parameters (decoded) and its known query parameters. */
export type RouteMatch<R extends Record<string, RouteDef>> = {
  [N in keyof R & string]: { readonly name: N; readonly params: RouteParams<R[N]>; readonly query: RouteQuery<R[N]> };
}[keyof R & string];

type Segment = { param: string } | { literal: string };

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/**
 * An app's addresses under its base (`/kiosk`): which route a real path is, and the path of a
 * route. Paths are matched segment by segment; a trailing slash makes no difference.
 */
export class RouteTable<const R extends Record<string, RouteDef>> {
  readonly base: string;
  readonly routes: R;
  readonly #compiled: { name: keyof R & string; segments: Segment[]; query: readonly string[] }[];

  constructor(base: string, routes: R) {
    this.base = base.replace(/\/+$/, '');
    this.routes = routes;
    this.#compiled = Object.entries(routes).map(([name, def]) => ({
      name,
      segments: segmentsOf(def.path).map((s) => (s.startsWith(':') ? { param: s.slice(1) } : { literal: s })),
      query: def.query ?? [],
    }));
  }

  /** Whether a path is this app's (its base, or below it). */
  owns(pathname: string): boolean {
    return pathname === this.base || pathname.startsWith(`${this.base}/`);
  }

  /** The route at a path with its query string; null for an address the table does not know. */
  match(pathname: string, search = ''): RouteMatch<R> | null {
    if (!this.owns(pathname)) return null;
    const parts = segmentsOf(pathname.slice(this.base.length));
    const searchParams = new URLSearchParams(search);
    for (const route of this.#compiled) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      const query: Record<string, string> = {};
      for (const key of route.query) {
        const value = searchParams.get(key);
        if (value !== null && value !== '') query[key] = value;
      }
      return { name: route.name, params, query } as RouteMatch<R>;
    }
    return null;
  }

  /** The real path of a route, e.g. `href('menu', { r: 'jade-harbour' }, { table: id })`. */
  href<N extends keyof R & string>(name: N, params: RouteParams<R[N]>, query: RouteQuery<R[N]> = {}): string {
    const values = params as Record<string, string>;
    const path = segmentsOf((this.routes[name] as RouteDef).path)
      .map((s) => (s.startsWith(':') ? encodeURIComponent(values[s.slice(1)] ?? '') : s))
      .join('/');
    const search = new URLSearchParams(
      Object.entries(query as Record<string, string | undefined>).filter((e): e is [string, string] => !!e[1]),
    ).toString();
    return `${this.base}/${path}${search ? `?${search}` : ''}`;
  }
}

function matchSegments(pattern: Segment[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i]!;
    const part = parts[i]!;
    if ('literal' in segment) {
      if (segment.literal !== part) return null;
      continue;
    }
    try {
      params[segment.param] = decodeURIComponent(part);
    } catch {
      return null; // A malformed escape is no address of ours.
    }
  }
  return params;
}
