/**
 * Flat, deterministic SVG illustrations of the demo dishes and restaurants: no files, no
 * network. A dish's picture is a top-down plate or bowl on the restaurant's table, with a
 * food motif chosen in the demo data; colours and small variations come from a hash of the
 * slug, so a slug always draws the same picture. Unknown slugs get a covered plate.
 */
import { DEMO_RESTAURANTS, dishSlug, type DemoDish, type DemoRestaurant, type DishMotif } from '../../demo/demoData';

const W = 400;
const H = 300;
const CX = 200;
const CY = 150;

// ------------------------------------------------------------------ lookup

interface DishEntry {
  dish: DemoDish;
  restaurant: DemoRestaurant;
}

let dishIndex: Map<string, DishEntry> | null = null;
let restaurantIndex: Map<string, DemoRestaurant> | null = null;

function dishes(): Map<string, DishEntry> {
  if (!dishIndex) {
    dishIndex = new Map();
    for (const restaurant of DEMO_RESTAURANTS) {
      for (const dish of restaurant.dishes) dishIndex.set(dishSlug(dish), { dish, restaurant });
    }
  }
  return dishIndex;
}

function restaurants(): Map<string, DemoRestaurant> {
  restaurantIndex ??= new Map(DEMO_RESTAURANTS.map((r) => [r.slug, r]));
  return restaurantIndex;
}

/** Whether the slug is one of the demo dishes (its picture is worth caching). */
export function isKnownDish(slug: string): boolean {
  return dishes().has(slug);
}

export function isKnownRestaurant(slug: string): boolean {
  return restaurants().has(slug);
}

// ------------------------------------------------------------------ small tools

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&apos;',
  );
}

function hash(s: string): number {
  // FNV-1a, 32 bit
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator, so each slug draws the same picture every time. */
function rngFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const n = (v: number): string => String(Math.round(v * 10) / 10);

type Attrs = Record<string, string | number | undefined>;

function el(tag: string, attrs: Attrs, children?: string): string {
  let out = `<${tag}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    out += ` ${k}="${escapeXml(typeof v === 'number' ? n(v) : v)}"`;
  }
  return children === undefined ? `${out}/>` : `${out}>${children}</${tag}>`;
}

const circle = (cx: number, cy: number, r: number, fill: string, extra: Attrs = {}) => el('circle', { cx, cy, r, fill, ...extra });
const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, extra: Attrs = {}) =>
  el('ellipse', { cx, cy, rx, ry, fill, ...extra });
const rect = (x: number, y: number, w: number, h: number, fill: string, extra: Attrs = {}) =>
  el('rect', { x, y, width: w, height: h, fill, ...extra });
const path = (d: string, fill: string, extra: Attrs = {}) => el('path', { d, fill, ...extra });
const group = (children: string, extra: Attrs = {}) => el('g', extra, children);
const rot = (deg: number, x: number, y: number) => `rotate(${n(deg)} ${n(x)} ${n(y)})`;
/** Scale by `k` about (x, y). */
const grow = (x: number, y: number, k: number) => `translate(${n(x)} ${n(y)}) scale(${k}) translate(${n(-x)} ${n(-y)})`;

function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m) return [200, 200, 200];
  const v = parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  const c = (x: number) =>
    Math.max(0, Math.min(255, Math.round(x)))
      .toString(16)
      .padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

function mix(a: string, b: string, t: number): string {
  const [r1, g1, b1] = parseHex(a);
  const [r2, g2, b2] = parseHex(b);
  return toHex([r1 + (r2 - r1) * t, g1 + (g2 - g1) * t, b1 + (b2 - b1) * t]);
}
const lighten = (c: string, t: number) => mix(c, '#ffffff', t);
const darken = (c: string, t: number) => mix(c, '#000000', t);

function hsl(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (k: number) => {
    const x = (k + h / 30) % 12;
    return 255 * (l - a * Math.max(-1, Math.min(x - 3, 9 - x, 1)));
  };
  return toHex([f(0), f(8), f(4)]);
}

/** A smooth closed shape through `count` points around (cx, cy), radius jittered. */
function blob(cx: number, cy: number, rx: number, ry: number, rng: () => number, count = 9, jitter = 0.14): string {
  const pts: [number, number][] = [];
  const start = rng() * Math.PI * 2;
  for (let i = 0; i < count; i++) {
    const a = start + (i / count) * Math.PI * 2;
    const k = 1 - jitter + rng() * jitter * 2;
    pts.push([cx + Math.cos(a) * rx * k, cy + Math.sin(a) * ry * k]);
  }
  return smoothClosed(pts);
}

function smoothClosed(pts: [number, number][]): string {
  const mid = (p: [number, number], q: [number, number]) => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
  const last = pts[pts.length - 1];
  const [sx, sy] = mid(last, pts[0]);
  let d = `M${n(sx)} ${n(sy)}`;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    const [mx, my] = mid(p, pts[(i + 1) % pts.length]);
    d += ` Q${n(p[0])} ${n(p[1])} ${n(mx)} ${n(my)}`;
  }
  return `${d} Z`;
}

function smoothOpen(pts: [number, number][]): string {
  let d = `M${n(pts[0][0])} ${n(pts[0][1])}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const p = pts[i];
    const q = pts[i + 1];
    const mx = i === pts.length - 2 ? q[0] : (p[0] + q[0]) / 2;
    const my = i === pts.length - 2 ? q[1] : (p[1] + q[1]) / 2;
    d += ` Q${n(p[0])} ${n(p[1])} ${n(mx)} ${n(my)}`;
  }
  if (pts.length === 2) d += ` L${n(pts[1][0])} ${n(pts[1][1])}`;
  return d;
}

/** A leaf of length `len` and half-width `w`, centred at (x, y), turned by `deg`. */
function leaf(x: number, y: number, len: number, w: number, deg: number, fill: string, vein?: string): string {
  const d = `M${n(x - len / 2)} ${n(y)} Q${n(x)} ${n(y - w * 2)} ${n(x + len / 2)} ${n(y)} Q${n(x)} ${n(y + w * 2)} ${n(x - len / 2)} ${n(y)} Z`;
  const v = vein
    ? path(`M${n(x - len / 2 + 2)} ${n(y)} L${n(x + len / 2 - 3)} ${n(y)}`, 'none', {
        stroke: vein,
        'stroke-width': 1.2,
        'stroke-linecap': 'round',
      })
    : '';
  return group(path(d, fill) + v, { transform: rot(deg, x, y) });
}

/** Points scattered in a disc, for grains, seeds and crumbs. */
function scatter(rng: () => number, count: number, cx: number, cy: number, r: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = rng() * Math.PI * 2;
    const d = Math.sqrt(rng()) * r;
    out.push([cx + Math.cos(a) * d, cy + Math.sin(a) * d]);
  }
  return out;
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length) % list.length];

// ------------------------------------------------------------------ scene: table, plate, bowl

type Theme = DemoRestaurant['theme'] | 'generic';

interface Ctx {
  rng: () => number;
  color: string;
  accent: string;
  theme: Theme;
  variant: string;
}

const TABLES: Record<Theme, string[]> = {
  cantonese: ['#e4efe6', '#f4e4dc', '#f3ecdc', '#e2ece9'],
  cafe: ['#e7edf2', '#efe9e1', '#e5eee8', '#f1e6df'],
  japanese: ['#3b2d25', '#2e3336', '#47372b', '#33302c'],
  generic: ['#ece8e1', '#e3e9ee'],
};

function table(ctx: Ctx): string {
  const { rng, theme } = ctx;
  const bg = pick(rng, TABLES[theme]);
  let out = rect(0, 0, W, H, bg);
  if (theme === 'japanese') {
    // wood grain
    for (let i = 0; i < 9; i++) {
      const y = 12 + i * 34 + rng() * 10;
      const pts: [number, number][] = [];
      for (let x = -10; x <= W + 10; x += 50) pts.push([x, y + Math.sin(x / 60 + i) * 4 + rng() * 3]);
      out += path(smoothOpen(pts), 'none', { stroke: lighten(bg, 0.12), 'stroke-width': 1.5, opacity: 0.7 });
    }
  } else if (theme === 'cafe') {
    // marble veins
    for (let i = 0; i < 4; i++) {
      const pts: [number, number][] = [];
      let x = rng() * W;
      for (let y = -10; y <= H + 20; y += 40) {
        pts.push([x, y]);
        x += (rng() - 0.5) * 70;
      }
      out += path(smoothOpen(pts), 'none', { stroke: darken(bg, 0.08), 'stroke-width': 1.2, opacity: 0.8 });
    }
  } else {
    // tablecloth weave
    out += el('pattern', { id: 'weave', width: 12, height: 12, patternUnits: 'userSpaceOnUse' }, circle(6, 6, 1.3, darken(bg, 0.06)));
    out += rect(0, 0, W, H, 'url(#weave)');
  }
  return out;
}

function shadow(r: number, dx = 7, dy = 9): string {
  return circle(CX + dx, CY + dy, r, '#000000', { opacity: 0.14 });
}

function plate(ctx: Ctx, r = 122): string {
  const rim = ctx.theme === 'japanese' ? pick(ctx.rng, ['#efe7da', '#dfe7df', '#e9e2d6']) : '#fbfaf7';
  let out = shadow(r) + circle(CX, CY, r, rim) + circle(CX, CY, r * 0.76, darken(rim, 0.035));
  out += circle(CX, CY, r * 0.76, 'none', { stroke: darken(rim, 0.08), 'stroke-width': 1.5 });
  if (ctx.theme === 'cantonese') {
    // blue-and-white porcelain rim
    out += circle(CX, CY, r - 7, 'none', { stroke: '#2f5d9b', 'stroke-width': 2.5 });
    out += circle(CX, CY, r - 12, 'none', { stroke: '#2f5d9b', 'stroke-width': 1, 'stroke-dasharray': '3 5' });
  } else if (ctx.theme === 'japanese') {
    for (const [x, y] of scatter(ctx.rng, 40, CX, CY, r - 4)) {
      if (Math.hypot(x - CX, y - CY) > r * 0.8) out += circle(x, y, 0.9, darken(rim, 0.35), { opacity: 0.6 });
    }
  } else {
    out += circle(CX, CY, r - 6, 'none', { stroke: darken(rim, 0.06), 'stroke-width': 1 });
  }
  return out;
}

/** A bowl seen from above; returns the drawing and the radius of its contents. */
function bowl(ctx: Ctx, r = 112, content?: string): string {
  const glaze =
    ctx.theme === 'cantonese'
      ? '#f7f6f2'
      : ctx.theme === 'japanese'
        ? pick(ctx.rng, ['#2f4858', '#7a4e2d', '#3e5641', '#eadfcc'])
        : '#f8f6f1';
  let out = shadow(r) + circle(CX, CY, r, glaze) + circle(CX, CY, r - 6, lighten(glaze, 0.12));
  if (ctx.theme === 'cantonese') {
    out += circle(CX, CY, r - 3, 'none', { stroke: '#2f5d9b', 'stroke-width': 3 });
  }
  out += circle(CX, CY, r - 12, darken(glaze, 0.1));
  if (content) out += circle(CX, CY, r - 15, content);
  return out;
}

function steamer(ctx: Ctx): string {
  const wood = '#d6b27a';
  let out = shadow(118) + circle(CX, CY, 118, wood) + circle(CX, CY, 108, darken(wood, 0.12));
  out += circle(CX, CY, 104, lighten(wood, 0.1));
  // woven base showing through the paper liner
  out += circle(CX, CY, 96, '#f5eedb');
  for (let i = 0; i < 16; i++) {
    const a = (i / 16) * Math.PI * 2 + ctx.rng() * 0.1;
    out += path(
      `M${n(CX + Math.cos(a) * 20)} ${n(CY + Math.sin(a) * 20)} L${n(CX + Math.cos(a) * 94)} ${n(CY + Math.sin(a) * 94)}`,
      'none',
      {
        stroke: '#e6dcc2',
        'stroke-width': 1,
      },
    );
  }
  return out;
}

function boardOrSlate(ctx: Ctx, w = 290, h = 150): string {
  const board = ctx.theme === 'japanese' ? pick(ctx.rng, ['#c9a46c', '#e8e2d5', '#d9c49a']) : '#f7f5f0';
  const x = CX - w / 2;
  const y = CY - h / 2;
  let out = rect(x + 7, y + 9, w, h, '#000000', { rx: 14, opacity: 0.16 });
  out += rect(x, y, w, h, board, { rx: 14 });
  if (board === '#c9a46c' || board === '#d9c49a') {
    for (let i = 1; i < 5; i++) {
      out += path(`M${n(x + 10)} ${n(y + (h / 5) * i)} L${n(x + w - 10)} ${n(y + (h / 5) * i + (ctx.rng() - 0.5) * 4)}`, 'none', {
        stroke: darken(board, 0.1),
        'stroke-width': 1,
      });
    }
  } else {
    out += rect(x + 6, y + 6, w - 12, h - 12, 'none', { rx: 10, stroke: darken(board, 0.08), 'stroke-width': 1.2 });
  }
  return out;
}

function chopsticks(ctx: Ctx): string {
  const colour = ctx.theme === 'japanese' ? '#b98b57' : '#7d1f1f';
  const rest = ctx.theme === 'japanese' ? '#d8cbb8' : '#f4f1ea';
  let out = rect(356, 226, 26, 10, rest, { rx: 5 });
  out += group(rect(357, 40, 6, 220, colour, { rx: 3 }) + rect(357, 40, 6, 40, darken(colour, 0.25), { rx: 3 }), {
    transform: rot(3, 360, 150),
  });
  out += group(rect(369, 40, 6, 220, colour, { rx: 3 }) + rect(369, 40, 6, 40, darken(colour, 0.25), { rx: 3 }), {
    transform: rot(-2, 372, 150),
  });
  return out;
}

function knifeAndFork(): string {
  const steel = '#b9c0c7';
  const fork =
    rect(37, 130, 7, 130, steel, { rx: 3.5 }) +
    path(
      'M28 50 L28 92 Q28 112 40.5 114 Q53 112 53 92 L53 50 L49 50 L49 92 L45 92 L45 50 L41 50 L41 92 L37 92 L37 50 L33 50 L33 92 L32 92 L32 50 Z',
      steel,
    ) +
    rect(37, 110, 7, 24, steel);
  const knife = path('M360 40 Q376 60 374 130 L366 130 L362 44 Z', steel) + rect(362, 126, 9, 134, darken(steel, 0.12), { rx: 4.5 });
  return fork + knife;
}

function spoon(x: number, y: number, deg: number, colour = '#f7f6f2'): string {
  return group(
    ellipse(x, y, 15, 22, colour, { stroke: darken(colour, 0.12), 'stroke-width': 1.5 }) +
      ellipse(x, y, 10, 16, darken(colour, 0.05)) +
      rect(x - 4, y + 18, 8, 48, colour, { rx: 4, stroke: darken(colour, 0.12), 'stroke-width': 1.5 }),
    { transform: rot(deg, x, y) },
  );
}

// ------------------------------------------------------------------ motifs

const GREEN = '#5a9e47';
const SPRING_ONION = '#7bbf4e';

function dumplings(ctx: Ctx): string {
  const { rng, color } = ctx;
  let out = steamer(ctx);
  const count = 4;
  for (let i = 0; i < count; i++) {
    const a = (i / count) * Math.PI * 2 + Math.PI / 4;
    const r = ctx.variant === 'open' ? 47 : 52;
    const x = CX + Math.cos(a) * r;
    const y = CY + Math.sin(a) * r;
    if (ctx.variant === 'open') {
      // siu mai: open-topped cylinder crowned with roe
      out += circle(x + 2, y + 3, 38, '#000000', { opacity: 0.12 });
      out += path(blob(x, y, 37, 37, rng, 12, 0.06), color);
      out += circle(x, y, 27, darken(color, 0.08));
      out += circle(x, y, 22, '#e9b3a0');
      for (const [px, py] of scatter(rng, 22, x, y, 13)) out += circle(px, py, 2.4, ctx.accent);
    } else {
      // pleated crescent
      const deg = (a * 180) / Math.PI + 90;
      const outline = `M${n(x - 34)} ${n(y + 8)} Q${n(x - 32)} ${n(y - 30)} ${n(x)} ${n(y - 30)} Q${n(x + 32)} ${n(y - 30)} ${n(x + 34)} ${n(y + 8)} Q${n(x)} ${n(y + 22)} ${n(x - 34)} ${n(y + 8)} Z`;
      const body =
        path(outline, '#000000', { opacity: 0.12, transform: 'translate(3 4)' }) +
        path(outline, color, { stroke: darken(color, 0.12), 'stroke-width': 1.5 }) +
        ellipse(x - 8, y - 10, 14, 8, ctx.accent, { opacity: 0.45 }) +
        [-18, -6, 6, 18]
          .map((dx) =>
            path(`M${n(x + dx)} ${n(y - 24)} Q${n(x + dx + 5)} ${n(y - 8)} ${n(x + dx)} ${n(y + 8)}`, 'none', {
              stroke: darken(color, 0.15),
              'stroke-width': 1.6,
              'stroke-linecap': 'round',
            }),
          )
          .join('') +
        ellipse(x - 14, y - 16, 6, 3, '#ffffff', { opacity: 0.6 });
      out += group(body, { transform: `${rot(deg, x, y)} ${grow(x, y, 1.12)}` });
    }
  }
  return out;
}

function buns(ctx: Ctx): string {
  const { color } = ctx;
  let out = steamer(ctx);
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2 - Math.PI / 2;
    const x = CX + Math.cos(a) * 46;
    const y = CY + Math.sin(a) * 46;
    out += circle(x + 3, y + 4, 40, '#000000', { opacity: 0.12 });
    out += circle(x, y, 40, color);
    out += circle(x - 8, y - 8, 26, lighten(color, 0.35), { opacity: 0.7 });
    if (ctx.variant === 'split') {
      // char siu bao: the top splits open over the filling
      out += path(
        `M${n(x - 12)} ${n(y - 4)} L${n(x)} ${n(y + 2)} L${n(x + 12)} ${n(y - 6)} L${n(x + 4)} ${n(y + 8)} L${n(x + 8)} ${n(y + 16)} L${n(x - 2)} ${n(y + 8)} L${n(x - 12)} ${n(y + 12)} L${n(x - 6)} ${n(y + 3)} Z`,
        ctx.accent,
      );
    } else {
      out += circle(x, y, 5, ctx.accent, { opacity: 0.9 });
      for (let k = 0; k < 8; k++) {
        const b = (k / 8) * Math.PI * 2;
        out += path(
          `M${n(x + Math.cos(b) * 8)} ${n(y + Math.sin(b) * 8)} Q${n(x + Math.cos(b + 0.4) * 20)} ${n(y + Math.sin(b + 0.4) * 20)} ${n(x + Math.cos(b + 0.2) * 30)} ${n(y + Math.sin(b + 0.2) * 30)}`,
          'none',
          {
            stroke: darken(color, 0.08),
            'stroke-width': 1.4,
          },
        );
      }
    }
  }
  return out;
}

function rolls(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  for (let i = 0; i < 3; i++) {
    const y = CY - 40 + i * 38;
    out += rect(CX - 72, y - 15 + 4, 150, 32, '#000000', { rx: 16, opacity: 0.1 });
    out += rect(CX - 75, y - 15, 150, 32, color, { rx: 16, stroke: darken(color, 0.07), 'stroke-width': 1.5 });
    out += ellipse(CX - 10, y - 5, 50, 5, '#ffffff', { opacity: 0.55 });
    // filling showing through
    for (let k = 0; k < 3; k++) out += ellipse(CX - 45 + k * 42 + rng() * 6, y + 3, 14, 7, ctx.accent, { opacity: 0.35 });
  }
  // sweet soy pooling around
  out += path(blob(CX, CY + 6, 98, 78, rng, 10, 0.08), '#8a5a2b', { opacity: 0.25 });
  for (const [x, y] of scatter(rng, 10, CX, CY, 70)) out += circle(x, y, 2.4, SPRING_ONION);
  return out;
}

function maki(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = boardOrSlate(ctx);
  const pieces = 6;
  for (let i = 0; i < pieces; i++) {
    const x = CX - 110 + (i % 3) * 56 + (i >= 3 ? 24 : 0);
    const y = i < 3 ? CY - 30 : CY + 30;
    out += circle(x + 3, y + 4, 25, '#000000', { opacity: 0.18 });
    if (ctx.variant === 'inside-out') {
      out += circle(x, y, 25, '#fbfaf5');
      for (const [px, py] of scatter(rng, 14, x, y, 22)) out += ellipse(px, py, 1.8, 1.1, '#3b3b3b');
      out += circle(x, y, 15, '#1f2a24');
      out += circle(x, y, 13, '#fbfaf5');
      out += circle(x - 3, y, 6, color);
      out += circle(x + 4, y + 2, 4.5, '#b9d98a');
    } else {
      out += circle(x, y, 25, '#1f2a24');
      out += circle(x, y, 21, '#fbfaf5');
      out += path(blob(x, y, 11, 11, rng, 7, 0.25), color);
      out += circle(x + 5, y - 4, 3, '#9cc56a');
      out += circle(x - 4, y + 6, 2, '#f5b041');
    }
  }
  out += japaneseGarnish(ctx, CX + 105, CY);
  return out;
}

function japaneseGarnish(ctx: Ctx, x: number, y: number): string {
  // pickled ginger and a dab of wasabi
  let out = '';
  for (let i = 0; i < 4; i++) out += leaf(x - 6 + i * 3, y - 14 + i * 6, 28, 6, -30 + i * 25 + ctx.rng() * 10, '#f4b6b0', '#eaa19b');
  out += path(blob(x + 4, y + 30, 11, 8, ctx.rng, 7, 0.25), '#8dbd4a');
  return out;
}

function roast(ctx: Ctx): string {
  const { color } = ctx;
  let out = plate(ctx);
  // sliced meat laid in a fan
  const slices = 7;
  for (let i = 0; i < slices; i++) {
    const deg = -48 + i * 16;
    const x = CX - 10 + i * 10;
    const y = CY + 4;
    const s =
      rect(x - 17, y - 55, 34, 100, '#000000', { rx: 8, opacity: 0.1, transform: 'translate(3 4)' }) +
      rect(x - 17, y - 55, 34, 100, lighten(color, 0.45), { rx: 8 }) +
      rect(x - 17, y - 55, 34, 26, color, { rx: 8 }) +
      rect(x - 17, y - 38, 34, 10, color) +
      rect(x - 13, y - 25, 26, 60, lighten(color, 0.6), { rx: 6, opacity: 0.6 });
    out += group(s, { transform: rot(deg, CX, CY + 70) });
  }
  // glaze and greens
  out += path(`M${n(CX - 70)} ${n(CY + 62)} Q${n(CX)} ${n(CY + 80)} ${n(CX + 70)} ${n(CY + 62)}`, 'none', {
    stroke: darken(color, 0.2),
    'stroke-width': 5,
    'stroke-linecap': 'round',
    opacity: 0.6,
  });
  for (let i = 0; i < 5; i++)
    out += circle(CX - 60 + i * 30, CY + 82 - (i % 2) * 4, 9, '#a8cf7a', { stroke: '#6a9e3c', 'stroke-width': 2 });
  return out;
}

function soup(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = bowl(ctx, 108, color);
  // light on the surface
  out += ellipse(CX - 30, CY - 34, 34, 12, '#ffffff', { opacity: 0.18, transform: rot(-25, CX - 30, CY - 34) });
  if (ctx.variant === 'tofu') {
    for (let i = 0; i < 4; i++) {
      const a = (i / 4) * Math.PI * 2 + 0.4;
      const x = CX + Math.cos(a) * 34;
      const y = CY + Math.sin(a) * 34;
      out += rect(x - 22, y - 22, 44, 44, '#f0c98a', { rx: 7, transform: rot(rng() * 40 - 20, x, y) });
      out += rect(x - 15, y - 15, 30, 30, '#f9ecd0', { rx: 5, transform: rot(rng() * 40 - 20, x, y) });
    }
    out += path(blob(CX, CY, 16, 13, rng, 8, 0.2), '#f7f3ea');
    for (let i = 0; i < 6; i++) out += leaf(CX - 10 + rng() * 20, CY - 6 + rng() * 12, 12, 3, rng() * 180, '#d98a6a');
  } else {
    const bits = ctx.variant === 'cream' ? 0 : 14;
    for (let i = 0; i < bits; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 70)[0];
      const kind = i % 3;
      if (kind === 0) out += rect(x - 7, y - 3, 14, 6, lighten(ctx.accent, 0.1), { rx: 2, transform: rot(rng() * 180, x, y) });
      else if (kind === 1) out += path(blob(x, y, 7, 5, rng, 6, 0.3), ctx.accent, { opacity: 0.9 });
      else out += circle(x, y, 3, SPRING_ONION);
    }
    if (ctx.variant === 'cream') {
      out += path(
        `M${n(CX - 50)} ${n(CY + 10)} Q${n(CX - 20)} ${n(CY - 40)} ${n(CX + 10)} ${n(CY)} Q${n(CX + 40)} ${n(CY + 40)} ${n(CX + 55)} ${n(CY - 10)}`,
        'none',
        {
          stroke: '#fbf3e4',
          'stroke-width': 7,
          'stroke-linecap': 'round',
        },
      );
      out += leaf(CX + 24, CY - 30, 22, 6, 30, GREEN) + leaf(CX + 38, CY - 24, 18, 5, 80, GREEN);
    }
  }
  out += spoon(CX + 108, CY + 70, -35, ctx.theme === 'cantonese' ? '#f7f6f2' : '#c8ced4');
  return out;
}

function prawns(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  const count = 6;
  for (let i = 0; i < count; i++) {
    const a = (i / count) * Math.PI * 2 + rng() * 0.3;
    const x = CX + Math.cos(a) * 48;
    const y = CY + Math.sin(a) * 48;
    const deg = (a * 180) / Math.PI + 90;
    const body =
      path(`M${n(x - 24)} ${n(y + 6)} A 24 24 0 1 1 ${n(x + 20)} ${n(y + 14)}`, 'none', {
        stroke: darken(color, 0.1),
        'stroke-width': 20,
        'stroke-linecap': 'round',
      }) +
      path(`M${n(x - 24)} ${n(y + 6)} A 24 24 0 1 1 ${n(x + 20)} ${n(y + 14)}`, 'none', {
        stroke: color,
        'stroke-width': 16,
        'stroke-linecap': 'round',
      }) +
      [0.6, 1.2, 1.8, 2.4]
        .map((t) => {
          const b = Math.PI * 0.85 + t;
          return path(
            `M${n(x + Math.cos(b) * 16)} ${n(y + Math.sin(b) * 16)} L${n(x + Math.cos(b) * 32)} ${n(y + Math.sin(b) * 32)}`,
            'none',
            { stroke: lighten(color, 0.35), 'stroke-width': 2 },
          );
        })
        .join('');
    out += group(body, { transform: rot(deg, x, y) });
  }
  // crumbs of the coating
  for (const [x, y] of scatter(rng, 40, CX, CY, 86)) out += circle(x, y, 1.6 + rng() * 1.4, ctx.accent, { opacity: 0.85 });
  out += leaf(CX, CY, 26, 8, 20, GREEN, '#3e7a32') + leaf(CX + 8, CY + 10, 22, 7, 110, GREEN, '#3e7a32');
  return out;
}

function stirfry(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  out += path(blob(CX, CY, 82, 74, rng, 11, 0.12), darken(color, 0.15), { opacity: 0.28 });
  const extras = ctx.variant === 'chilli' ? ['#8b1e12', '#f2d7a1', '#6f9c3d'] : ['#f5c842', '#4f9a3a', '#e4572e'];
  for (let i = 0; i < 18; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 62)[0];
    out += path(blob(x, y, 15, 12, rng, 7, 0.25), i % 2 ? color : darken(color, 0.12));
    out += ellipse(x - 3, y - 4, 5, 3, '#ffffff', { opacity: 0.25 });
  }
  for (let i = 0; i < 14; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 70)[0];
    const c = extras[i % extras.length];
    if (ctx.variant === 'chilli' && i % 3 === 0) {
      out += leaf(x, y, 26, 5, rng() * 180, c);
    } else if (ctx.variant === 'chilli' && i % 3 === 1) {
      out += ellipse(x, y, 6, 4.5, c, { transform: rot(rng() * 180, x, y), stroke: darken(c, 0.15), 'stroke-width': 1 });
    } else {
      out += rect(x - 9, y - 7, 18, 14, c, { rx: 3, transform: rot(rng() * 180, x, y) });
    }
  }
  for (const [x, y] of scatter(rng, 10, CX, CY, 70)) out += circle(x, y, 2.5, SPRING_ONION);
  return out;
}

function greens(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  for (let i = 0; i < 26; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 62)[0];
    const c = pick(rng, [color, lighten(color, 0.15), darken(color, 0.12), '#5fae4a']);
    out += leaf(x, y, 44 + rng() * 16, 9 + rng() * 4, rng() * 180, c, lighten(c, 0.35));
  }
  for (let i = 0; i < 8; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 60)[0];
    out += rect(x - 15, y - 4, 30, 8, '#cfe6a8', { rx: 4, transform: rot(rng() * 180, x, y) });
  }
  for (const [x, y] of scatter(rng, 26, CX, CY, 66)) out += circle(x, y, 2.2, '#f6eccd');
  return out;
}

function rice(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = '';
  if (ctx.variant === 'chicken') {
    out += plate(ctx);
    // rice dome on one side, sliced chicken on the other
    out += circle(CX - 42, CY, 52, darken(color, 0.06));
    for (const [x, y] of scatter(rng, 90, CX - 42, CY, 48))
      out += ellipse(x, y, 3.2, 1.6, lighten(color, 0.5), { transform: rot(rng() * 180, x, y) });
    for (let i = 0; i < 5; i++) {
      const y = CY - 50 + i * 22;
      out += rect(CX + 14, y, 76, 20, '#f6ead0', { rx: 7, stroke: '#e8cf9c', 'stroke-width': 2, transform: rot(-8, CX + 50, y) });
      out += rect(CX + 14, y, 76, 5, '#f1d9a6', { rx: 3, transform: rot(-8, CX + 50, y) });
    }
    for (let i = 0; i < 6; i++)
      out += circle(CX + 70 + (i % 3) * 12, CY + 70 + Math.floor(i / 3) * 12, 6, '#cfe6a8', { stroke: '#5a9e47', 'stroke-width': 2 });
    out += circle(CX - 60, CY + 70, 13, '#d64933') + circle(CX - 30, CY + 78, 13, '#9ccf62');
    return out;
  }
  const eel = ctx.variant === 'eel';
  const grain = eel ? '#ffffff' : lighten(color, 0.55);
  out += bowl(ctx, 110, eel ? '#ece5d3' : darken(color, 0.04));
  for (const [x, y] of scatter(rng, 190, CX, CY, 90)) {
    out += ellipse(x, y, 4, 2, grain, {
      transform: rot(rng() * 180, x, y),
      stroke: eel ? '#ddd3bd' : darken(color, 0.2),
      'stroke-width': 0.7,
    });
  }
  if (eel) {
    for (let i = 0; i < 3; i++) {
      const y = CY - 48 + i * 34;
      out += rect(CX - 70, y, 140, 28, color, { rx: 8, transform: rot(-6, CX, y) });
      for (let k = 0; k < 6; k++)
        out += path(`M${n(CX - 60 + k * 22)} ${n(y + 4)} l10 20`, 'none', {
          stroke: darken(color, 0.3),
          'stroke-width': 2.5,
          opacity: 0.7,
          transform: rot(-6, CX, y),
        });
      out += ellipse(CX - 20, y + 8, 40, 3, '#ffffff', { opacity: 0.25, transform: rot(-6, CX, y) });
    }
    for (const [x, y] of scatter(rng, 16, CX, CY, 70)) out += circle(x, y, 1.8, '#f2eadb');
  } else {
    // fried rice: egg, pork and shrimp through it
    for (let i = 0; i < 26; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 80)[0];
      const c = pick(rng, ['#f5c842', '#c0442b', '#f4a582', SPRING_ONION]);
      out += rect(x - 5, y - 4, 10, 8, c, { rx: 2, transform: rot(rng() * 90, x, y) });
    }
  }
  return out;
}

function noodleStrands(ctx: Ctx, r: number, colour: string, count: number, width: number): string {
  const { rng } = ctx;
  let out = '';
  for (let k = 0; k < count; k++) {
    const rr = 14 + rng() * (r - 18);
    const a0 = rng() * Math.PI * 2;
    const span = 1.6 + rng() * 2.2;
    const waves = 3 + Math.floor(rng() * 4);
    const pts: [number, number][] = [];
    for (let i = 0; i <= 16; i++) {
      const t = i / 16;
      const a = a0 + span * t;
      const rad = Math.min(r, Math.max(6, rr + Math.sin(t * Math.PI * waves) * 8));
      pts.push([CX + Math.cos(a) * rad, CY + Math.sin(a) * rad]);
    }
    const c = k % 3 === 0 ? darken(colour, 0.1) : k % 3 === 1 ? colour : lighten(colour, 0.15);
    out += path(smoothOpen(pts), 'none', {
      stroke: darken(colour, 0.22),
      'stroke-width': width + 1.6,
      'stroke-linecap': 'round',
      opacity: 0.5,
    });
    out += path(smoothOpen(pts), 'none', { stroke: c, 'stroke-width': width, 'stroke-linecap': 'round' });
  }
  return out;
}

function noodles(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  const wide = ctx.variant === 'flat';
  out += noodleStrands(ctx, 78, color, wide ? 26 : 40, wide ? 9 : 5);
  if (ctx.variant === 'flat') {
    // beef and bean sprouts
    for (let i = 0; i < 9; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 60)[0];
      out += path(blob(x, y, 16, 9, rng, 7, 0.2), '#5b3420', { transform: rot(rng() * 180, x, y) });
    }
    for (let i = 0; i < 14; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 70)[0];
      out += path(`M${n(x - 12)} ${n(y)} q 12 ${n(rng() * 8 - 4)} 24 0`, 'none', {
        stroke: '#f4f0de',
        'stroke-width': 3,
        'stroke-linecap': 'round',
      });
    }
  } else if (ctx.variant === 'pasta') {
    for (let i = 0; i < 12; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 60)[0];
      out += rect(x - 7, y - 5, 14, 10, '#c0674a', { rx: 3, transform: rot(rng() * 90, x, y) });
    }
    for (const [x, y] of scatter(rng, 40, CX, CY, 70)) out += circle(x, y, 1.2, '#3a3a3a');
    out += path(blob(CX + 4, CY - 6, 20, 16, rng, 8, 0.15), '#f7c843');
  } else {
    // chilled udon: dipping sauce and spring onion
    out += circle(CX + 82, CY + 70, 30, '#2f3e46') + circle(CX + 82, CY + 70, 24, '#6b3f1f');
    for (const [x, y] of scatter(rng, 8, CX + 82, CY + 70, 16)) out += circle(x, y, 2.4, SPRING_ONION);
    out += path(blob(CX - 6, CY - 8, 12, 10, rng, 7, 0.2), '#7bbf4e');
  }
  return out;
}

function noodleSoup(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = bowl(ctx, 112, ctx.variant === 'ramen' ? '#c9772f' : '#e9c98b');
  out += noodleStrands(ctx, 82, color, 30, 4.5);
  if (ctx.variant === 'ramen') {
    // chashu, egg halves, corn, nori and chilli oil
    out += circle(CX - 40, CY - 30, 26, '#d99a73') + circle(CX - 40, CY - 30, 20, '#e9b795', { stroke: '#b8714c', 'stroke-width': 2 });
    for (const [dx, dy] of [
      [38, -28],
      [46, 16],
    ]) {
      out += ellipse(CX + dx, CY + dy, 20, 15, '#fbf7ee') + circle(CX + dx, CY + dy, 9, '#f28c28');
    }
    for (const [x, y] of scatter(rng, 18, CX - 20, CY + 44, 20)) out += circle(x, y, 3.2, '#f7d046');
    out += rect(CX + 52, CY - 78, 36, 52, '#1f2a24', { transform: rot(18, CX + 70, CY - 52) });
    for (const [x, y] of scatter(rng, 14, CX, CY, 88)) out += circle(x, y, 2.5 + rng() * 3, '#c0392b', { opacity: 0.55 });
  } else {
    // wontons and choy sum
    for (let i = 0; i < 4; i++) {
      const a = (i / 4) * Math.PI * 2 + 0.3;
      const x = CX + Math.cos(a) * 42;
      const y = CY + Math.sin(a) * 42;
      out += path(blob(x, y, 22, 18, rng, 9, 0.25), '#f6efe2', { stroke: '#e2d3b8', 'stroke-width': 1.5 });
      out += circle(x, y, 8, '#f3b7a0', { opacity: 0.8 });
    }
    out += leaf(CX + 6, CY + 2, 54, 9, 70, '#3f8f3a', '#9ccf62');
    for (const [x, y] of scatter(rng, 10, CX, CY, 80)) out += circle(x, y, 2.4, SPRING_ONION);
  }
  out += spoon(CX + 110, CY + 72, -35, ctx.theme === 'cantonese' ? '#f7f6f2' : '#c8ced4');
  return out;
}

function dessertBowl(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx, 118);
  if (ctx.variant === 'brulee') {
    out += circle(CX + 4, CY + 6, 72, '#000000', { opacity: 0.12 });
    out += circle(CX, CY, 72, '#f8f6f1') + circle(CX, CY, 62, color) + circle(CX, CY, 55, '#d9a441');
    for (let i = 0; i < 7; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 42)[0];
      out += path(blob(x, y, 12, 8, rng, 7, 0.3), '#9c5a1c', { opacity: 0.55 });
    }
    out += circle(CX + 34, CY - 30, 10, '#b71c1c') + circle(CX + 22, CY - 40, 8, '#b71c1c');
    out += leaf(CX + 50, CY - 42, 22, 6, -30, '#4f9a3a', '#9ccf62');
    return out;
  }
  out += circle(CX + 4, CY + 6, 78, '#000000', { opacity: 0.12 });
  out += circle(CX, CY, 78, '#f8f6f1') + circle(CX, CY, 70, darken('#f8f6f1', 0.06)) + circle(CX, CY, 66, color);
  out += ellipse(CX - 24, CY - 26, 22, 8, '#ffffff', { opacity: 0.2, transform: rot(-30, CX - 24, CY - 26) });
  if (ctx.variant === 'mango') {
    for (let i = 0; i < 9; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 44)[0];
      out += rect(x - 8, y - 8, 16, 16, '#ffb627', { rx: 3, stroke: '#e89a12', 'stroke-width': 1.2, transform: rot(rng() * 90, x, y) });
    }
    for (const [x, y] of scatter(rng, 30, CX, CY, 56)) out += circle(x, y, 3, '#fff8e1', { stroke: '#f1deb0', 'stroke-width': 0.8 });
    for (let i = 0; i < 5; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 46)[0];
      out += leaf(x, y, 14, 3, rng() * 180, '#fbd3c4');
    }
  } else {
    for (const [x, y] of scatter(rng, 28, CX, CY, 56))
      out += ellipse(x, y, 3.5, 2.5, darken(color, 0.25), { transform: rot(rng() * 180, x, y) });
    for (let i = 0; i < 4; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 40)[0];
      out += rect(x - 10, y - 2, 20, 4, '#d98a2b', { rx: 2, transform: rot(rng() * 180, x, y) });
    }
  }
  out += spoon(CX + 100, CY + 66, -35, ctx.theme === 'cantonese' ? '#f7f6f2' : '#c8ced4');
  return out;
}

function iceCream(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx, 116);
  out += circle(CX + 4, CY + 6, 74, '#000000', { opacity: 0.12 });
  out += circle(CX, CY, 74, '#f3f1ec') + circle(CX, CY, 64, darken('#f3f1ec', 0.06));
  for (const [dx, dy] of [
    [-22, 10],
    [22, -8],
  ]) {
    const x = CX + dx;
    const y = CY + dy;
    out += path(blob(x + 3, y + 4, 36, 34, rng, 12, 0.08), '#000000', { opacity: 0.12 });
    out += path(blob(x, y, 36, 34, rng, 12, 0.08), color);
    out += path(blob(x - 8, y - 8, 18, 14, rng, 8, 0.15), lighten(color, 0.25), { opacity: 0.8 });
    for (const [px, py] of scatter(rng, 10, x, y, 26)) out += circle(px, py, 1.3, darken(color, 0.35), { opacity: 0.6 });
  }
  out += leaf(CX + 40, CY + 30, 26, 7, -20, '#4f9a3a', '#9ccf62') + leaf(CX + 50, CY + 40, 22, 6, 40, '#5fae4a', '#9ccf62');
  return out;
}

function eggs(ctx: Ctx): string {
  const { rng } = ctx;
  let out = plate(ctx);
  const fried = (x: number, y: number, r: number) =>
    path(blob(x, y, r, r * 0.85, rng, 9, 0.18), '#fffdf6', { stroke: '#efe4cc', 'stroke-width': 1.5 }) +
    circle(x + 2, y - 2, r * 0.36, '#f7b21a') +
    ellipse(x - 2, y - 6, 5, 3, '#ffffff', { opacity: 0.6 });
  if (ctx.variant === 'benedict') {
    for (const [dx, dy] of [
      [-36, -12],
      [36, 8],
    ]) {
      const x = CX + dx;
      const y = CY + dy;
      out += circle(x + 3, y + 4, 42, '#000000', { opacity: 0.12 }) + circle(x, y, 42, '#d9a661') + circle(x, y, 36, '#f0d29b');
      out += circle(x, y, 30, ctx.accent);
      out += path(blob(x, y, 32, 30, rng, 10, 0.12), '#fbf6e8');
      out += path(blob(x, y + 2, 30, 24, rng, 10, 0.2), '#f6c445', { opacity: 0.95 });
      out += ellipse(x - 8, y - 6, 9, 4, '#fff3c4', { opacity: 0.7 });
      for (const [px, py] of scatter(rng, 6, x, y, 18)) out += circle(px, py, 1.3, '#c0392b');
    }
    for (let i = 0; i < 5; i++) out += leaf(CX - 40 + i * 20, CY + 70, 22, 6, rng() * 180, '#5fae4a', '#9ccf62');
    return out;
  }
  // the big breakfast
  out += fried(CX - 40, CY - 36, 32) + fried(CX + 6, CY - 50, 30);
  for (let i = 0; i < 3; i++) {
    const y = CY + 12 + i * 16;
    const pts: [number, number][] = [];
    for (let k = 0; k <= 6; k++) pts.push([CX - 90 + k * 14, y + Math.sin(k + i) * 4]);
    out += path(smoothOpen(pts), 'none', { stroke: '#b5412f', 'stroke-width': 11, 'stroke-linecap': 'round' });
    out += path(smoothOpen(pts), 'none', { stroke: '#f2c6a6', 'stroke-width': 3, 'stroke-linecap': 'round' });
  }
  out += rect(CX + 40, CY - 28, 24, 70, '#8c4a2f', { rx: 12, transform: rot(20, CX + 52, CY + 7) });
  out += rect(CX + 68, CY - 22, 24, 70, '#8c4a2f', { rx: 12, transform: rot(20, CX + 80, CY + 13) });
  out += circle(CX + 58, CY - 56, 20, '#d64933') + circle(CX + 58, CY - 56, 12, '#f08a6a');
  out += path(`M${n(CX - 20)} ${n(CY + 76)} l60 -20 l-6 40 z`, '#e0b36a', { stroke: '#b8874a', 'stroke-width': 3 });
  for (const [x, y] of scatter(rng, 6, CX + 4, CY + 58, 14)) out += circle(x, y, 5, '#8a6a50');
  return out;
}

function pancakes(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  for (let i = 0; i < 3; i++) {
    const x = CX - 8 + i * 6;
    const y = CY + 8 - i * 8;
    out += circle(x + 2, y + 4, 70, '#000000', { opacity: 0.1 });
    out += circle(x, y, 70, darken(color, 0.15));
    out += circle(x, y, 66, color);
  }
  out += circle(CX + 4, CY - 8, 56, lighten(color, 0.15));
  // syrup
  out += path(blob(CX + 4, CY - 8, 44, 38, rng, 10, 0.22), '#9c4f14', { opacity: 0.55 });
  out += rect(CX - 10, CY - 24, 26, 22, '#fff1b8', { rx: 4, transform: rot(12, CX + 3, CY - 13) });
  for (const [x, y] of scatter(rng, 6, CX + 70, CY + 60, 18)) out += circle(x, y, 7, pick(rng, ['#3b3b8f', '#c2185b', '#7b1fa2']));
  out += leaf(CX + 90, CY + 50, 20, 6, 30, '#4f9a3a', '#9ccf62');
  return out;
}

function toast(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  for (const [dx, deg] of [
    [-36, -8],
    [40, 10],
  ]) {
    const x = CX + dx;
    const y = CY;
    const slice =
      path(
        `M${n(x - 40)} ${n(y - 30)} Q${n(x - 44)} ${n(y - 66)} ${n(x)} ${n(y - 64)} Q${n(x + 44)} ${n(y - 66)} ${n(x + 40)} ${n(y - 30)} L${n(x + 38)} ${n(y + 62)} L${n(x - 38)} ${n(y + 62)} Z`,
        '#b8743a',
      ) +
      path(
        `M${n(x - 33)} ${n(y - 28)} Q${n(x - 36)} ${n(y - 58)} ${n(x)} ${n(y - 56)} Q${n(x + 36)} ${n(y - 58)} ${n(x + 33)} ${n(y - 28)} L${n(x + 31)} ${n(y + 55)} L${n(x - 31)} ${n(y + 55)} Z`,
        '#e9c48a',
      ) +
      path(blob(x, y, 30, 44, rng, 10, 0.15), color) +
      path(blob(x - 4, y - 6, 16, 24, rng, 8, 0.2), lighten(color, 0.25), { opacity: 0.6 });
    out += group(rect(x - 38, y - 62, 80, 128, '#000000', { rx: 10, opacity: 0.1, transform: 'translate(3 4)' }) + slice, {
      transform: rot(deg, x, y),
    });
  }
  for (let i = 0; i < 5; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 50)[0];
    out += circle(x, y, 8, '#d64933') + circle(x, y, 4.5, '#f08a6a');
  }
  for (const [x, y] of scatter(rng, 24, CX, CY, 60))
    out += ellipse(x, y, 2.2, 1.2, pick(rng, ['#3a2f24', '#e8d7a8', '#c0392b']), { transform: rot(rng() * 180, x, y) });
  return out;
}

function salad(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = bowl(ctx, 114, '#f4f1e8');
  if (ctx.variant === 'grain') {
    for (const [x, y] of scatter(rng, 220, CX, CY, 86)) out += circle(x, y, 2, pick(rng, ['#e9d8a6', '#c44536', '#f4efe2', '#3d3d3d']));
    for (let i = 0; i < 10; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 70)[0];
      out += rect(x - 9, y - 9, 18, 18, color, { rx: 3, transform: rot(rng() * 90, x, y) });
    }
    for (let i = 0; i < 9; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 70)[0];
      out += path(blob(x, y, 14, 9, rng, 8, 0.35), '#2f6b3a');
    }
    for (let i = 0; i < 8; i++) {
      const [x, y] = scatter(rng, 1, CX, CY, 60)[0];
      out += leaf(x, y, 16, 4, rng() * 180, '#f1e3c6');
    }
    return out;
  }
  for (let i = 0; i < 22; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 66)[0];
    const c = pick(rng, [color, lighten(color, 0.2), darken(color, 0.1), '#9ccf62']);
    out += leaf(x, y, 54, 12, rng() * 180, c, lighten(c, 0.4));
  }
  for (let i = 0; i < 9; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 62)[0];
    out += rect(x - 7, y - 7, 14, 14, '#e0b36a', { rx: 3, stroke: '#b8874a', 'stroke-width': 1.5, transform: rot(rng() * 90, x, y) });
  }
  for (let i = 0; i < 10; i++) {
    const [x, y] = scatter(rng, 1, CX, CY, 58)[0];
    out += leaf(x, y, 18, 4, rng() * 180, '#fbf3dc');
  }
  return out;
}

function steak(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  if (ctx.variant === 'lamb') {
    for (let i = 0; i < 3; i++) {
      const x = CX - 40 + i * 34;
      const y = CY + 6;
      const chop =
        rect(x - 3, y - 92, 8, 60, '#f4ecdc', { rx: 4 }) +
        path(blob(x, y, 26, 34, rng, 9, 0.1), darken(color, 0.1)) +
        path(blob(x, y + 2, 17, 24, rng, 8, 0.1), '#e58f86') +
        path(blob(x, y + 2, 22, 30, rng, 9, 0.08), 'none', { stroke: '#6f8f3a', 'stroke-width': 4, opacity: 0.9 });
      out += group(chop, { transform: rot(-18 + i * 18, x, y + 40) });
    }
    for (let i = 0; i < 6; i++)
      out += rect(CX - 80 + i * 28, CY + 58 + (i % 2) * 8, 22, 16, pick(rng, ['#e38b2c', '#c44536', '#f4c430']), { rx: 4 });
    return out;
  }
  if (ctx.variant === 'sliced') {
    // wagyu: seared slices, pink centres, on a board-like plate
    for (let i = 0; i < 5; i++) {
      const x = CX - 64 + i * 30;
      out += rect(x, CY - 46, 26, 86, darken(color, 0.25), { rx: 6, transform: rot(-10, x + 13, CY) });
      out += rect(x + 4, CY - 40, 18, 74, '#e87f7a', { rx: 5, transform: rot(-10, x + 13, CY) });
      for (let k = 0; k < 5; k++)
        out += path(`M${n(x + 6)} ${n(CY - 32 + k * 14)} q 6 ${n(rng() * 6 - 3)} 14 0`, 'none', {
          stroke: '#fbe3df',
          'stroke-width': 1.5,
          transform: rot(-10, x + 13, CY),
        });
    }
    out += path(blob(CX + 78, CY + 62, 12, 9, rng, 7, 0.2), '#8dbd4a') + circle(CX - 80, CY + 62, 9, '#f6f3ea');
    return out;
  }
  out += path(blob(CX - 18, CY - 6, 70, 52, rng, 10, 0.1), darken(color, 0.1));
  out += path(blob(CX - 18, CY - 8, 64, 46, rng, 10, 0.08), color);
  for (let i = 0; i < 5; i++) {
    const x = CX - 60 + i * 22;
    out += path(`M${n(x)} ${n(CY - 44)} l 24 72`, 'none', {
      stroke: darken(color, 0.45),
      'stroke-width': 5,
      'stroke-linecap': 'round',
      opacity: 0.8,
    });
  }
  for (let i = 0; i < 9; i++)
    out += rect(CX + 40 + (i % 3) * 12, CY + 20 + Math.floor(i / 3) * 6, 9, 52, '#f2c14e', {
      rx: 3,
      stroke: '#d99a2b',
      'stroke-width': 1,
      transform: rot(-20 + i * 6, CX + 60, CY + 46),
    });
  out += circle(CX + 62, CY - 46, 22, '#f6f3ea') + circle(CX + 62, CY - 46, 17, '#5b3420');
  out += leaf(CX - 10, CY - 50, 26, 6, 10, '#4f9a3a', '#9ccf62');
  return out;
}

function fish(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  const fillet =
    path(
      `M${n(CX - 80)} ${n(CY - 4)} Q${n(CX - 60)} ${n(CY - 52)} ${n(CX + 10)} ${n(CY - 46)} Q${n(CX + 70)} ${n(CY - 40)} ${n(CX + 76)} ${n(CY)} Q${n(CX + 60)} ${n(CY + 40)} ${n(CX)} ${n(CY + 38)} Q${n(CX - 66)} ${n(CY + 36)} ${n(CX - 80)} ${n(CY - 4)} Z`,
      darken(color, 0.08),
    ) +
    path(
      `M${n(CX - 70)} ${n(CY - 4)} Q${n(CX - 54)} ${n(CY - 42)} ${n(CX + 10)} ${n(CY - 38)} Q${n(CX + 62)} ${n(CY - 32)} ${n(CX + 66)} ${n(CY)} Q${n(CX + 52)} ${n(CY + 32)} ${n(CX)} ${n(CY + 30)} Q${n(CX - 58)} ${n(CY + 28)} ${n(CX - 70)} ${n(CY - 4)} Z`,
      color,
    );
  let lines = '';
  for (let i = 0; i < 6; i++) {
    const x = CX - 46 + i * 20;
    lines += path(`M${n(x)} ${n(CY - 34)} q 14 34 0 62`, 'none', { stroke: lighten(color, 0.45), 'stroke-width': 2.5, opacity: 0.8 });
  }
  out += group(rect(CX - 78, CY - 44, 154, 84, '#000000', { rx: 40, opacity: 0.1, transform: 'translate(3 5)' }) + fillet + lines, {
    transform: rot(-8, CX, CY),
  });
  // lemon wedge and asparagus
  out += path(`M${n(CX + 50)} ${n(CY + 56)} a 26 26 0 0 1 48 -6 z`, '#f7e37a', { stroke: '#e0c43a', 'stroke-width': 3 });
  for (let i = 0; i < 4; i++) out += rect(CX - 92 + i * 12, CY + 46, 8, 56, '#6aa84f', { rx: 4, transform: rot(-70, CX - 70, CY + 70) });
  for (const [x, y] of scatter(rng, 8, CX, CY - 6, 40)) out += circle(x, y, 1.8, '#3e7a32');
  return out;
}

function burger(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx);
  const x = CX - 28;
  const y = CY - 4;
  out += circle(x + 4, y + 6, 70, '#000000', { opacity: 0.14 });
  out += path(blob(x, y, 72, 70, rng, 12, 0.04), '#f2c94c'); // cheese peeking out
  out += path(blob(x, y, 68, 66, rng, 12, 0.04), '#6a9e3c');
  out += circle(x, y, 64, darken(color, 0.12)) + circle(x - 4, y - 4, 58, color);
  out += circle(x - 18, y - 20, 26, lighten(color, 0.3), { opacity: 0.6 });
  for (let i = 0; i < 22; i++) {
    const [sx, sy] = scatter(rng, 1, x - 2, y - 2, 48)[0];
    out += ellipse(sx, sy, 3.2, 1.8, '#fdf5e2', { transform: rot(rng() * 180, sx, sy) });
  }
  for (let i = 0; i < 10; i++)
    out += rect(CX + 52 + (i % 4) * 10, CY - 40 + Math.floor(i / 4) * 8, 9, 60, '#f2c14e', {
      rx: 3,
      stroke: '#d99a2b',
      'stroke-width': 1,
      transform: rot(-15 + i * 5, CX + 70, CY),
    });
  out += circle(CX + 74, CY + 66, 16, '#f6f3ea') + circle(CX + 74, CY + 66, 12, '#c0392b');
  return out;
}

function sandwich(ctx: Ctx): string {
  let out = plate(ctx);
  const tri = (x: number, y: number, deg: number) => {
    let g = path(`M${n(x - 56)} ${n(y + 40)} L${n(x + 56)} ${n(y + 40)} L${n(x)} ${n(y - 56)} Z`, '#000000', {
      opacity: 0.12,
      transform: 'translate(4 5)',
    });
    g += path(`M${n(x - 56)} ${n(y + 40)} L${n(x + 56)} ${n(y + 40)} L${n(x)} ${n(y - 56)} Z`, '#f6e2b8', {
      stroke: '#c69a5b',
      'stroke-width': 5,
      'stroke-linejoin': 'round',
    });
    // the cut face shows the layers
    g += rect(x - 60, y + 34, 120, 26, '#e3c48c', { rx: 4 });
    g += rect(x - 60, y + 39, 120, 4, '#6a9e3c');
    g += rect(x - 60, y + 43, 120, 4, '#d64933');
    g += rect(x - 60, y + 47, 120, 4, '#f4e3c1');
    g += rect(x - 60, y + 51, 120, 3, '#b5412f');
    g += path(`M${n(x - 40)} ${n(y + 26)} L${n(x)} ${n(y - 34)} L${n(x + 40)} ${n(y + 26)} Z`, '#fbeed2', { opacity: 0.7 });
    g += rect(x - 3, y - 30, 6, 46, '#d9b77e', { rx: 3 }) + circle(x, y - 30, 6, '#c0392b');
    return group(g, { transform: rot(deg, x, y) });
  };
  out += tri(CX - 40, CY - 10, -20) + tri(CX + 30, CY + 4, 160);
  for (let i = 0; i < 8; i++)
    out += rect(CX + 40 + (i % 4) * 10, CY - 90 + Math.floor(i / 4) * 8, 9, 50, '#f2c14e', {
      rx: 3,
      stroke: '#d99a2b',
      'stroke-width': 1,
      transform: rot(50 + i * 5, CX + 60, CY - 66),
    });
  return out;
}

function fried(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = ctx.variant === 'chips' ? plate(ctx) : boardOrSlate(ctx, 290, 170);
  const crisp = (x: number, y: number, rx: number, ry: number, deg: number) => {
    let g = path(blob(x + 3, y + 4, rx, ry, rng, 12, 0.12), '#000000', { opacity: 0.12 });
    g += path(blob(x, y, rx, ry, rng, 14, 0.16), darken(color, 0.08));
    g += path(blob(x - 2, y - 2, rx * 0.85, ry * 0.8, rng, 12, 0.14), color);
    for (const [px, py] of scatter(rng, Math.round(rx / 3), x, y, Math.min(rx, ry) * 0.8))
      g += circle(px, py, 2 + rng() * 2, lighten(color, 0.3), { opacity: 0.8 });
    return group(g, { transform: rot(deg, x, y) });
  };
  if (ctx.variant === 'chips') {
    for (let i = 0; i < 14; i++)
      out += rect(CX + 20 + (i % 5) * 12, CY - 50 + Math.floor(i / 5) * 10, 11, 70, '#f2c14e', {
        rx: 3,
        stroke: '#d99a2b',
        'stroke-width': 1,
        transform: rot(-25 + i * 4, CX + 50, CY),
      });
    out += crisp(CX - 32, CY - 6, 66, 34, -18);
    out += path(blob(CX - 40, CY + 66, 24, 16, rng, 8, 0.15), '#7cb342');
    for (const [x, y] of scatter(rng, 12, CX - 40, CY + 66, 16)) out += circle(x, y, 3, '#9ccc65');
    out += circle(CX + 70, CY + 66, 16, '#f6f3ea') + circle(CX + 70, CY + 66, 12, '#f4efd6');
    out += path(`M${n(CX + 30)} ${n(CY - 78)} a 22 22 0 0 1 40 -4 z`, '#f7e37a', { stroke: '#e0c43a', 'stroke-width': 3 });
    return out;
  }
  // tempura: prawns or vegetables on paper
  out += path(
    `M${n(CX - 120)} ${n(CY - 66)} L${n(CX + 40)} ${n(CY - 72)} L${n(CX + 50)} ${n(CY + 70)} L${n(CX - 112)} ${n(CY + 74)} Z`,
    '#fbf8f1',
    { stroke: '#eee7d7', 'stroke-width': 1 },
  );
  if (ctx.variant === 'prawn') {
    for (let i = 0; i < 3; i++) {
      const y = CY - 40 + i * 40;
      out += crisp(CX - 36, y, 62, 16, -10 + i * 4);
      out += path(`M${n(CX + 24)} ${n(y - 4)} l 18 -10 l -2 16 z`, '#e4572e', { transform: rot(-10 + i * 4, CX - 36, y) });
    }
  } else {
    out += crisp(CX - 70, CY - 30, 30, 28, 0);
    out += crisp(CX - 10, CY - 36, 34, 22, 30);
    out += crisp(CX - 60, CY + 34, 36, 20, -20);
    out += crisp(CX - 2, CY + 30, 26, 26, 0);
    out += leaf(CX + 14, CY - 2, 34, 10, 60, '#2e7d32', '#81c784');
  }
  // dipping sauce
  out += circle(CX + 96, CY + 10, 32, '#2f3e46') + circle(CX + 96, CY + 10, 26, '#8a5a2b');
  out += path(blob(CX + 96, CY + 10, 10, 8, rng, 7, 0.2), '#f4f1e6');
  return out;
}

function cake(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = plate(ctx, 118);
  if (ctx.variant === 'lava') {
    out += path(blob(CX - 6, CY + 10, 70, 52, rng, 10, 0.18), darken(color, 0.15));
    out += circle(CX - 16, CY - 4, 44, color) + circle(CX - 24, CY - 12, 22, lighten(color, 0.15));
    for (const [x, y] of scatter(rng, 14, CX - 16, CY - 4, 36)) out += circle(x, y, 1.6, '#f6f1ea', { opacity: 0.9 });
    out += path(blob(CX + 58, CY - 34, 24, 22, rng, 10, 0.1), '#fbf3dc');
    for (const [x, y] of scatter(rng, 6, CX + 58, CY - 34, 14)) out += circle(x, y, 1, '#3a2f24');
    out += leaf(CX + 70, CY - 52, 20, 6, 20, '#4f9a3a', '#9ccf62');
    for (let i = 0; i < 3; i++) out += circle(CX + 40 + i * 16, CY + 56 - i * 6, 7, '#b71c1c');
    return out;
  }
  const x = CX - 10;
  const y = CY + 10;
  const wedge = `M${n(x - 70)} ${n(y + 40)} L${n(x + 80)} ${n(y + 40)} L${n(x + 20)} ${n(y - 80)} Z`;
  out += path(wedge, '#000000', { opacity: 0.12, transform: 'translate(4 5)' });
  out += path(wedge, color, { stroke: darken(color, 0.1), 'stroke-width': 2, 'stroke-linejoin': 'round' });
  out += rect(x - 74, y + 34, 158, 16, '#b07a45', { rx: 5 });
  out += path(blob(x + 10, y + 4, 30, 22, rng, 9, 0.2), '#b0224a', { opacity: 0.85 });
  for (let i = 0; i < 4; i++) out += circle(x + i * 10, y + i * 3, 6, '#7a1530');
  out += path(`M${n(CX + 60)} ${n(CY - 40)} q 20 30 -10 70`, 'none', {
    stroke: '#b0224a',
    'stroke-width': 5,
    'stroke-linecap': 'round',
    opacity: 0.7,
  });
  out += leaf(CX + 64, CY + 58, 20, 6, -30, '#4f9a3a', '#9ccf62');
  return out;
}

function hotDrink(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = shadow(108, 6, 8) + circle(CX, CY, 108, '#fbfaf7') + circle(CX, CY, 84, '#f1eee7');
  out += spoon(CX + 62, CY + 80, -55, '#c8ced4');
  out += rect(CX + 62, CY - 14, 56, 28, '#f8f6f1', { rx: 14, stroke: '#e2ddd2', 'stroke-width': 2 });
  out += circle(CX + 3, CY + 5, 72, '#000000', { opacity: 0.12 });
  out += circle(CX, CY, 72, '#fdfcf9', { stroke: '#e2ddd2', 'stroke-width': 2 });
  out += circle(CX, CY, 60, color);
  if (ctx.variant === 'latte') {
    out += circle(CX, CY, 50, lighten(color, 0.3));
    out += path(
      `M${n(CX)} ${n(CY + 34)} C${n(CX - 60)} ${n(CY - 8)} ${n(CX - 24)} ${n(CY - 44)} ${n(CX)} ${n(CY - 16)} C${n(CX + 24)} ${n(CY - 44)} ${n(CX + 60)} ${n(CY - 8)} ${n(CX)} ${n(CY + 34)} Z`,
      '#fbf4e8',
    );
    for (const [x, y] of scatter(rng, 12, CX, CY, 46)) out += circle(x, y, 1, '#6b4428', { opacity: 0.5 });
  } else {
    out += path(blob(CX - 10, CY - 12, 30, 12, rng, 8, 0.25), lighten(color, 0.25), { opacity: 0.6 });
    for (const [x, y] of scatter(rng, 10, CX, CY, 50)) out += circle(x, y, 2, lighten(color, 0.35), { opacity: 0.7 });
  }
  out += ellipse(CX - 30, CY - 36, 16, 6, '#ffffff', { opacity: 0.3, transform: rot(-35, CX - 30, CY - 36) });
  return out;
}

function coldDrink(ctx: Ctx): string {
  const { color, rng } = ctx;
  if (ctx.variant === 'sake') {
    // a flask and a small cup, from above
    let out = boardOrSlate(ctx, 280, 170);
    out +=
      circle(CX - 50, CY + 4, 58, '#000000', { opacity: 0.15 }) + circle(CX - 54, CY, 58, '#e9e3d6') + circle(CX - 54, CY, 46, '#f4efe4');
    out += circle(CX - 54, CY, 18, '#c9c2b2') + circle(CX - 54, CY, 12, '#2b2b2b');
    out +=
      circle(CX + 60, CY + 16, 40, '#000000', { opacity: 0.15 }) +
      circle(CX + 56, CY + 12, 40, '#1f3a5f') +
      circle(CX + 56, CY + 12, 32, '#f6f7f8');
    out += circle(CX + 56, CY + 12, 26, color, { opacity: 0.9 });
    out += circle(CX + 56, CY + 12, 10, '#1f3a5f', { opacity: 0.35 }) + circle(CX + 56, CY + 12, 5, '#1f3a5f', { opacity: 0.35 });
    out += ellipse(CX + 46, CY + 2, 9, 4, '#ffffff', { opacity: 0.6, transform: rot(-35, CX + 46, CY + 2) });
    out += leaf(CX + 80, CY - 48, 30, 8, -20, '#f5b7c5') + circle(CX + 94, CY - 54, 4, '#f48fb1');
    return out;
  }
  let out = circle(CX + 6, CY + 9, 84, '#000000', { opacity: 0.15 });
  out += circle(CX, CY, 84, '#dfe9ee', { opacity: 0.9 }) + circle(CX, CY, 78, '#f4f8fa');
  out += circle(CX, CY, 72, color);
  out += circle(CX, CY, 72, '#ffffff', { opacity: 0.12 });
  // ice, a slice of citrus and a straw
  for (let i = 0; i < 4; i++) {
    const a = (i / 4) * Math.PI * 2 + rng() * 0.4;
    const x = CX + Math.cos(a) * 32;
    const y = CY + Math.sin(a) * 32;
    out += rect(x - 16, y - 16, 32, 32, '#ffffff', { rx: 6, opacity: 0.45, transform: rot(rng() * 60, x, y) });
  }
  const cx = CX - 28;
  const cy = CY - 30;
  out += circle(cx, cy, 26, darken(color, 0.08)) + circle(cx, cy, 22, lighten(color, 0.45));
  for (let k = 0; k < 8; k++) {
    const a = (k / 8) * Math.PI * 2;
    out += path(`M${n(cx)} ${n(cy)} L${n(cx + Math.cos(a) * 20)} ${n(cy + Math.sin(a) * 20)}`, 'none', {
      stroke: darken(color, 0.05),
      'stroke-width': 1.5,
    });
  }
  out += circle(CX + 30, CY + 24, 8, '#ffffff') + circle(CX + 30, CY + 24, 5, '#2e86de');
  out += ellipse(CX - 44, CY + 40, 20, 7, '#ffffff', { opacity: 0.35, transform: rot(-40, CX - 44, CY + 40) });
  return out;
}

function sashimi(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = boardOrSlate(ctx, 300, 170);
  // daikon nest and shiso
  for (let i = 0; i < 26; i++) {
    const x = CX + 70 + rng() * 40;
    out += path(`M${n(x)} ${n(CY - 50)} q ${n(rng() * 10 - 5)} 50 ${n(rng() * 10 - 5)} 100`, 'none', {
      stroke: '#ffffff',
      'stroke-width': 1.6,
      opacity: 0.9,
    });
  }
  out += leaf(CX + 40, CY, 70, 20, 80, '#4f9a3a', '#8cc06a');
  const rows = ctx.variant === 'single' ? 1 : 3;
  const colours = ctx.variant === 'single' ? [color] : [color, '#f4845f', '#f6efe6'];
  for (let r = 0; r < rows; r++) {
    const c = colours[r];
    const y = rows === 1 ? CY : CY - 46 + r * 46;
    for (let i = 0; i < (rows === 1 ? 5 : 4); i++) {
      const x = CX - 110 + i * 30 + (rows === 1 ? 10 : 0);
      const piece =
        rect(x + 3, y - 18 + 4, 40, rows === 1 ? 70 : 38, '#000000', { rx: 6, opacity: 0.12 }) +
        rect(x, y - (rows === 1 ? 35 : 18), 40, rows === 1 ? 70 : 38, c, { rx: 6, stroke: darken(c, 0.08), 'stroke-width': 1.2 }) +
        [0, 1, 2]
          .map((k) =>
            path(
              `M${n(x + 6 + k * 12)} ${n(y - (rows === 1 ? 30 : 14))} q 6 ${n(rows === 1 ? 30 : 14)} 0 ${n(rows === 1 ? 60 : 28)}`,
              'none',
              {
                stroke: lighten(c, 0.55),
                'stroke-width': 2,
                opacity: 0.8,
              },
            ),
          )
          .join('');
      out += group(piece, { transform: rot(-14, x + 20, y) });
    }
  }
  out += path(blob(CX + 112, CY + 52, 12, 9, rng, 7, 0.2), '#8dbd4a');
  return out;
}

function sushi(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = boardOrSlate(ctx, 300, 150);
  for (let i = 0; i < 2; i++) {
    const x = CX - 70 + i * 76;
    const y = CY + 4;
    const piece =
      rect(x - 26 + 3, y - 50 + 5, 54, 100, '#000000', { rx: 22, opacity: 0.15 }) +
      rect(x - 24, y - 46, 48, 92, '#fbfaf5', { rx: 20 }) +
      path(blob(x, y, 30, 56, rng, 10, 0.06), color) +
      [0, 1, 2, 3]
        .map((k) =>
          path(`M${n(x - 22)} ${n(y - 34 + k * 20)} q 22 8 44 -4`, 'none', {
            stroke: lighten(color, 0.55),
            'stroke-width': 3,
            opacity: 0.85,
          }),
        )
        .join('') +
      ellipse(x - 8, y - 26, 8, 14, '#ffffff', { opacity: 0.25 });
    out += group(piece, { transform: rot(-12, x, y) });
  }
  out += japaneseGarnish(ctx, CX + 100, CY - 10);
  return out;
}

function skewer(ctx: Ctx): string {
  const { color, rng } = ctx;
  let out = boardOrSlate(ctx, 310, 150);
  for (let s = 0; s < 2; s++) {
    const y = CY - 30 + s * 60;
    let g = rect(CX - 150, y - 3, 300, 6, '#d9b77e', { rx: 3 });
    for (let i = 0; i < 5; i++) {
      const x = CX - 96 + i * 42;
      const leek = ctx.variant !== 'mushroom' && i % 2 === 1;
      const c = leek ? '#e9efc9' : color;
      g += rect(x - 18 + 2, y - 22 + 3, 36, 44, '#000000', { rx: 9, opacity: 0.14 });
      g += rect(x - 18, y - 22, 36, 44, c, { rx: leek ? 16 : 9 });
      if (leek) g += rect(x - 10, y - 22, 20, 44, '#cfe0a0', { rx: 10 });
      else {
        for (let k = 0; k < 3; k++)
          g += path(`M${n(x - 14 + k * 10)} ${n(y - 18)} l 6 36`, 'none', {
            stroke: darken(color, 0.45),
            'stroke-width': 3,
            'stroke-linecap': 'round',
            opacity: 0.7,
          });
        g += ellipse(x - 6, y - 10, 7, 4, '#ffffff', { opacity: 0.2 });
      }
    }
    out += group(g, { transform: rot(-4 + s * 5, CX, y) });
  }
  out += circle(CX + 120, CY + 52, 8, '#f6f3ea');
  out += path(blob(CX + 126, CY - 50, 12, 9, rng, 7, 0.2), '#d9c49a');
  return out;
}

function cloche(ctx: Ctx): string {
  let out = plate(ctx);
  out += circle(CX + 4, CY + 6, 92, '#000000', { opacity: 0.15 });
  out += circle(CX, CY, 92, '#c9d1d8') + circle(CX - 8, CY - 8, 78, '#dde3e8') + circle(CX - 22, CY - 22, 40, '#eef2f5');
  out += circle(CX, CY, 14, '#9aa5ae') + circle(CX - 2, CY - 2, 9, '#b8c1c8');
  return out;
}

const MOTIFS: Record<DishMotif, (ctx: Ctx) => string> = {
  dumplings,
  buns,
  rolls,
  maki,
  roast,
  soup,
  prawns,
  stirfry,
  greens,
  rice,
  noodles,
  'noodle-soup': noodleSoup,
  'dessert-bowl': dessertBowl,
  'ice-cream': iceCream,
  eggs,
  pancakes,
  toast,
  salad,
  steak,
  fish,
  burger,
  sandwich,
  fried,
  cake,
  'hot-drink': hotDrink,
  'cold-drink': coldDrink,
  sashimi,
  sushi,
  skewer,
};

const NO_UTENSILS = new Set<DishMotif>(['hot-drink', 'cold-drink', 'dessert-bowl', 'ice-cream', 'cake']);

// ------------------------------------------------------------------ public

function svgDoc(title: string, body: string): string {
  const t = escapeXml(title);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${t}">` +
    `<title>${t}</title>${body}</svg>`
  );
}

/** The picture of a dish, by its slug (a dish's English name, slugified). */
export function dishSvg(slug: string): string {
  const entry = dishes().get(slug);
  const seed = hash(slug);
  const rng = rngFrom(seed);
  if (!entry) {
    const ctx: Ctx = { rng, color: '#cccccc', accent: '#999999', theme: 'generic', variant: '' };
    return svgDoc(slug.replace(/-/g, ' '), table(ctx) + cloche(ctx));
  }
  const { dish, restaurant } = entry;
  const color = dish.art.color ?? hsl(seed % 360, 0.55, 0.6);
  const ctx: Ctx = {
    rng,
    color,
    accent: dish.art.accent ?? darken(color, 0.25),
    theme: restaurant.theme,
    variant: dish.art.variant ?? '',
  };
  let body = table(ctx);
  if (!NO_UTENSILS.has(dish.art.motif)) body += restaurant.theme === 'cafe' ? knifeAndFork() : chopsticks(ctx);
  body += MOTIFS[dish.art.motif](ctx);
  return svgDoc(dish.names.en, body);
}

/** The picture of a restaurant, by its slug. */
export function restaurantSvg(slug: string): string {
  const r = restaurants().get(slug);
  const rng = rngFrom(hash(slug));
  const name = r ? r.names.en : slug.replace(/-/g, ' ');
  const theme: Theme = r ? r.theme : 'generic';
  const body =
    theme === 'cantonese'
      ? cantoneseScene(rng)
      : theme === 'cafe'
        ? cafeScene(rng)
        : theme === 'japanese'
          ? japaneseScene(rng)
          : genericScene(rng);
  const label = r ? `${r.area} · ${r.cuisine}` : '';
  return svgDoc(name, body + nameBand(name, label, theme));
}

function nameBand(name: string, label: string, theme: Theme): string {
  const bg = theme === 'cantonese' ? '#6e1414' : theme === 'cafe' ? '#1f3b4d' : theme === 'japanese' ? '#14142b' : '#333333';
  const fg = theme === 'cantonese' ? '#f3d488' : '#ffffff';
  let out = rect(0, 240, W, 60, bg, { opacity: 0.92 });
  out += el(
    'text',
    { x: 20, y: 272, fill: fg, 'font-family': 'Georgia, "Times New Roman", serif', 'font-size': 24, 'font-weight': 'bold' },
    escapeXml(name),
  );
  if (label)
    out += el(
      'text',
      { x: 20, y: 290, fill: fg, opacity: 0.8, 'font-family': 'Helvetica, Arial, sans-serif', 'font-size': 12, 'letter-spacing': 1 },
      escapeXml(label.toUpperCase()),
    );
  return out;
}

function skyline(rng: () => number, baseY: number, colour: string, lit?: string): string {
  let out = '';
  let x = -10;
  while (x < W + 10) {
    const w = 18 + rng() * 30;
    const h = 30 + rng() * 90;
    out += rect(x, baseY - h, w, h + 2, colour);
    if (rng() < 0.25) out += rect(x + w / 2 - 1, baseY - h - 14, 2, 14, colour);
    if (lit) {
      for (let wy = baseY - h + 8; wy < baseY - 6; wy += 10) {
        for (let wx = x + 4; wx < x + w - 5; wx += 7) if (rng() < 0.35) out += rect(wx, wy, 3, 4, lit, { opacity: 0.85 });
      }
    }
    x += w + 2;
  }
  return out;
}

function water(rng: () => number, y: number, colour: string, glint: string): string {
  let out = rect(0, y, W, H - y, colour);
  for (let i = 0; i < 24; i++) {
    const x = rng() * W;
    const yy = y + 6 + rng() * (240 - y - 8);
    out += rect(x, yy, 10 + rng() * 30, 2, glint, { rx: 1, opacity: 0.5 });
  }
  return out;
}

function cantoneseScene(rng: () => number): string {
  let out = rect(0, 0, W, H, '#0f3d33');
  // lattice wall
  out += el(
    'pattern',
    { id: 'lattice', width: 24, height: 24, patternUnits: 'userSpaceOnUse' },
    rect(0, 0, 24, 24, 'none', { stroke: '#1b5a4b', 'stroke-width': 2 }) +
      rect(6, 6, 12, 12, 'none', { stroke: '#1b5a4b', 'stroke-width': 1.5 }),
  );
  out += rect(0, 0, W, H, 'url(#lattice)');
  // moon window onto the night harbour
  out += el('clipPath', { id: 'moon' }, circle(200, 128, 102, '#000'));
  const view =
    rect(0, 0, W, H, '#1b2a4a') +
    circle(290, 60, 16, '#f6e7b0') +
    skyline(rng, 150, '#0e1a30', '#f3d488') +
    water(rng, 150, '#16325a', '#f3d488');
  out += group(view, { 'clip-path': 'url(#moon)' });
  out +=
    circle(200, 128, 102, 'none', { stroke: '#c9a24b', 'stroke-width': 8 }) +
    circle(200, 128, 110, 'none', { stroke: '#7a5a1e', 'stroke-width': 3 });
  // lanterns
  for (const [x, y] of [
    [60, 70],
    [340, 70],
  ]) {
    out += rect(x - 1, 0, 2, y - 34, '#c9a24b');
    out += rect(x - 14, y - 38, 28, 8, '#c9a24b', { rx: 2 });
    out += ellipse(x, y, 32, 36, '#c62828') + ellipse(x, y, 20, 36, '#d84343') + ellipse(x, y, 6, 36, '#e25d5d');
    out += rect(x - 14, y + 30, 28, 8, '#c9a24b', { rx: 2 });
    for (let k = -6; k <= 6; k += 4) out += rect(x + k, y + 38, 2, 28, '#e0b84e');
  }
  return out;
}

function cafeScene(rng: () => number): string {
  let out = rect(0, 0, W, H, '#f3ece2');
  // three arched windows onto the harbour by day
  for (let i = 0; i < 3; i++) {
    const x = 30 + i * 120;
    const clip = `win${i}`;
    const arch = `M${x} 220 L${x} 70 A 50 50 0 0 1 ${x + 100} 70 L${x + 100} 220 Z`;
    out += el('clipPath', { id: clip }, path(arch, '#000'));
    const view =
      rect(0, 0, W, H, '#bfe1f2') + circle(330, 50, 18, '#fff4c2') + skyline(rng, 150, '#8fb3c7') + water(rng, 150, '#5b9fc4', '#ffffff');
    const boat = path(`M${x + 40} 168 l 30 0 l -6 8 l -20 0 z`, '#ffffff') + path(`M${x + 55} 166 l 0 -28 l 14 26 z`, '#ffffff');
    out += group(view + (i === 1 ? boat : ''), { 'clip-path': `url(#${clip})` });
    out += path(arch, 'none', { stroke: '#ffffff', 'stroke-width': 8 }) + rect(x + 48, 20, 4, 200, '#ffffff', { opacity: 0.8 });
  }
  // pendant lamps
  for (const x of [90, 210, 330]) {
    out += rect(x - 1, 0, 2, 40, '#3b3b3b') + path(`M${x - 18} 58 Q${x} 30 ${x + 18} 58 Z`, '#1f3b4d') + ellipse(x, 60, 8, 3, '#ffe9a8');
  }
  // counter with a cup
  out += rect(0, 214, W, 30, '#8a5a3b') + rect(0, 210, W, 6, '#a87452');
  out +=
    rect(300, 188, 30, 24, '#ffffff', { rx: 4 }) +
    path('M330 194 a 8 8 0 0 1 0 14', 'none', { stroke: '#ffffff', 'stroke-width': 4 }) +
    ellipse(315, 212, 24, 4, '#ffffff');
  out += path('M308 182 q 4 -8 0 -14 M318 182 q 4 -8 0 -14', 'none', { stroke: '#bfa28a', 'stroke-width': 2, 'stroke-linecap': 'round' });
  return out;
}

function japaneseScene(rng: () => number): string {
  let out = rect(0, 0, W, H, '#141432');
  for (let i = 0; i < 40; i++) out += circle(rng() * W, rng() * 140, 0.6 + rng() * 1.2, '#ffffff', { opacity: 0.4 + rng() * 0.5 });
  out += circle(300, 60, 26, '#fdf3d0') + circle(312, 54, 24, '#141432', { opacity: 0.15 });
  out += skyline(rng, 190, '#0b0b1f', '#f6c760') + water(rng, 190, '#101a3a', '#f6c760');
  // rooftop railing and a lantern
  out += rect(0, 214, W, 30, '#241a14') + rect(0, 200, W, 4, '#8a6a48');
  for (let x = 10; x < W; x += 30) out += rect(x, 200, 3, 16, '#8a6a48');
  out +=
    rect(356, 120, 4, 94, '#3b2a20') +
    rect(340, 120, 36, 46, '#f3e2b8', { rx: 6 }) +
    rect(340, 120, 36, 6, '#3b2a20') +
    rect(340, 160, 36, 6, '#3b2a20');
  // a sakura branch from the corner
  out += path('M-10 30 Q 60 50 110 40 Q 150 34 190 60', 'none', { stroke: '#3b2a20', 'stroke-width': 6, 'stroke-linecap': 'round' });
  out += path('M70 44 Q 90 70 80 100', 'none', { stroke: '#3b2a20', 'stroke-width': 3, 'stroke-linecap': 'round' });
  for (let i = 0; i < 18; i++) {
    const x = 20 + rng() * 170;
    const y = 30 + rng() * 70;
    for (let k = 0; k < 5; k++) {
      const a = (k / 5) * Math.PI * 2;
      out += circle(x + Math.cos(a) * 4, y + Math.sin(a) * 4, 3.4, '#f8bbd0');
    }
    out += circle(x, y, 1.8, '#e57399');
  }
  return out;
}

function genericScene(rng: () => number): string {
  return (
    rect(0, 0, W, H, '#20324a') +
    circle(320, 60, 20, '#fff2c4') +
    skyline(rng, 170, '#111c2c', '#f4d78a') +
    water(rng, 170, '#1b3d63', '#f4d78a')
  );
}
