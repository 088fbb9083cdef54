import type { Channels, LocalizedText } from '@dinewire/protocol';
import { applyBps } from '../orders/totals';

/**
 * The promotions engine: a pure function of the cart's lines, the restaurant's rules, the free
 * dishes' availability, the time (in the restaurant's zone), the channel, the typed code and the
 * guest's past uses. What it returns is exactly what the order is charged (orderPlacer) and
 * what the cart is shown (the preview).
 *
 * - Thresholds (`minSubtotalCents`) are measured on the guest's own lines, before any discount.
 * - A percentage is taken off its base (the subtotal, or its category's lines), rounded half up
 *   to the cent; amounts are taken as they are. Together they never exceed the guest's lines
 *   (the later rule shrinks to what is left; one left with nothing is not applied).
 * - A free dish is added as a line at its price with the same amount off, so the kitchen cooks
 *   it, the stock is taken, and the order shows what the guest saved; a free dish that cannot be
 *   made (off the menu, "86", short of stock) is not given (and not replaced).
 * - Stacking: rules are tried by priority (higher first, then `sort`, then id). A rule that does not
 *   stack applies only alone: it is skipped once anything applied, and nothing applies after it.
 * - A code rule applies only when its code is typed (case-insensitive); rules without a code
 *   apply by themselves. A typed code that does not apply says why (`codeProblem`).
 * - A per-guest limit needs a guest account (`guest.key`); callers without one never get such a
 *   rule: a kiosk is shared by many guests, an address by a whole hotel, and an order token
 *   belongs to one order, so none of them identifies a guest.
 */

export type Channel = (typeof Channels)[number];

export interface PromotionRule {
  id: string;
  names: LocalizedText;
  code: string | null;
  kind: 'percent' | 'amount' | 'free_item';
  /** 'percent': whole percent; 'amount': cents; 'free_item': portions. */
  value: number;
  minSubtotalCents: number;
  categoryId: string | null;
  freeDishId: string | null;
  channels: Channel[] | null;
  daysOfWeek: number[] | null;
  windowStartMinute: number | null;
  windowEndMinute: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
  priority: number;
  stackable: boolean;
  perGuestLimit: number | null;
  sort: number;
}

export interface CartLine {
  dishId: string;
  categoryId: string;
  lineTotalCents: number;
}

export interface FreeDish {
  dishId: string;
  priceCents: number;
  /** Whether `portions` more (beyond the cart's own) can be made now. */
  canMake: (portions: number) => boolean;
}

export interface EngineInput {
  lines: CartLine[];
  rules: PromotionRule[];
  freeDishes: Map<string, FreeDish>;
  now: Date;
  timeZone: string;
  channel: Channel;
  promoCode?: string | null;
  guest: { key: string | null; uses: Map<string, number> };
}

export interface AppliedRule {
  rule: PromotionRule;
  amountCents: number;
  /** A free_item rule's dish and portions, added to the order at `amountCents` off. */
  free: { dishId: string; quantity: number; unitPriceCents: number } | null;
}

export interface EngineResult {
  /** The guest's own lines. */
  linesSubtotalCents: number;
  /** The order's subtotal: the guest's lines and the free dishes. */
  subtotalCents: number;
  discountCents: number;
  applied: AppliedRule[];
  /** The typed code that does not apply, and why; null when none was typed or it applied. */
  codeProblem: string | null;
  /** The nearest spend-and-save or free-dish threshold not reached, that would apply if reached. */
  nextThreshold: { spendMoreCents: number; saveCents: number; rule: PromotionRule } | null;
}

export const UNKNOWN_CODE = 'unknown or expired promotion code';

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The weekday (0 = Sunday) and minute of the day at `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { day: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: WEEKDAYS.indexOf(parts.weekday), minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const sameCode = (a: string | null | undefined, b: string | null | undefined) =>
  Boolean(a && b && a.trim().toUpperCase() === b.trim().toUpperCase());

/** Why a rule cannot apply to this cart at all (before stacking), or null. */
function ineligibility(rule: PromotionRule, input: EngineInput, linesSubtotal: number, alreadyFree: Map<string, number>): string | null {
  const { now } = input;
  if (!rule.active || (rule.startsAt && rule.startsAt > now) || (rule.endsAt && rule.endsAt <= now)) return 'expired';
  if (rule.channels && !rule.channels.includes(input.channel)) return 'not available when ordering this way';
  if (rule.daysOfWeek || rule.windowStartMinute !== null) {
    const local = localTime(now, input.timeZone);
    if (rule.daysOfWeek && !rule.daysOfWeek.includes(local.day)) return 'not valid today';
    if (rule.windowStartMinute !== null && rule.windowEndMinute !== null) {
      if (local.minute < rule.windowStartMinute || local.minute >= rule.windowEndMinute) return 'not valid at this hour';
    }
  }
  if (rule.perGuestLimit !== null) {
    if (!input.guest.key) return 'needs a signed-in guest account';
    if ((input.guest.uses.get(rule.id) ?? 0) >= rule.perGuestLimit) return 'already used';
  }
  if (linesSubtotal < rule.minSubtotalCents) return 'threshold';
  if (rule.kind === 'percent' && rule.categoryId && !input.lines.some((l) => l.categoryId === rule.categoryId)) {
    return 'nothing in the cart it applies to';
  }
  if (rule.kind === 'free_item') {
    const dish = rule.freeDishId ? input.freeDishes.get(rule.freeDishId) : undefined;
    if (!dish || !dish.canMake((alreadyFree.get(dish.dishId) ?? 0) + rule.value)) return 'the free dish is not available now';
  }
  return null;
}

function byPriority(a: PromotionRule, b: PromotionRule): number {
  return b.priority - a.priority || a.sort - b.sort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function run(input: EngineInput): Omit<EngineResult, 'nextThreshold'> & { reasons: Map<string, string> } {
  const linesSubtotal = input.lines.reduce((s, l) => s + l.lineTotalCents, 0);
  const candidates = input.rules.filter((r) => r.code === null || sameCode(r.code, input.promoCode)).sort(byPriority);
  const reasons = new Map<string, string>();
  const applied: AppliedRule[] = [];
  const freePortions = new Map<string, number>();
  let left = linesSubtotal; // what amounts and percentages may still take off
  let alone = false;
  for (const rule of candidates) {
    const why = ineligibility(rule, input, linesSubtotal, freePortions);
    if (why) {
      reasons.set(rule.id, why);
      continue;
    }
    if (alone || (!rule.stackable && applied.length)) {
      const other = applied.find((a) => !a.rule.stackable) ?? applied[0];
      reasons.set(rule.id, `cannot be combined with "${other.rule.names.en}"`);
      continue;
    }
    let amountCents: number;
    let free: AppliedRule['free'] = null;
    if (rule.kind === 'free_item') {
      const dish = input.freeDishes.get(rule.freeDishId!)!;
      free = { dishId: dish.dishId, quantity: rule.value, unitPriceCents: dish.priceCents };
      amountCents = dish.priceCents * rule.value;
      freePortions.set(dish.dishId, (freePortions.get(dish.dishId) ?? 0) + rule.value);
    } else {
      const base = rule.categoryId
        ? input.lines.filter((l) => l.categoryId === rule.categoryId).reduce((s, l) => s + l.lineTotalCents, 0)
        : linesSubtotal;
      amountCents = Math.min(left, rule.kind === 'percent' ? applyBps(base, rule.value * 100) : rule.value);
      if (amountCents <= 0) {
        reasons.set(rule.id, 'nothing left to take off');
        continue;
      }
      left -= amountCents;
    }
    applied.push({ rule, amountCents, free });
    if (!rule.stackable) alone = true;
  }
  const freeValue = applied.reduce((s, a) => s + (a.free ? a.amountCents : 0), 0);
  const discountCents = applied.reduce((s, a) => s + a.amountCents, 0);
  let codeProblem: string | null = null;
  if (input.promoCode && !applied.some((a) => sameCode(a.rule.code, input.promoCode))) {
    const coded = candidates.filter((r) => r.code !== null);
    if (!coded.length) codeProblem = UNKNOWN_CODE;
    else {
      const why = reasons.get(coded[0].id) ?? 'does not apply';
      codeProblem = why === 'threshold' ? `needs a subtotal of at least ${money(coded[0].minSubtotalCents)}` : why;
    }
  }
  return { linesSubtotalCents: linesSubtotal, subtotalCents: linesSubtotal + freeValue, discountCents, applied, codeProblem, reasons };
}

const money = (cents: number) => (cents / 100).toFixed(2);

/** Applies the rules to the cart. */
export function applyPromotions(input: EngineInput): EngineResult {
  const result = run(input);
  const { reasons, ...out } = result;
  // The nearest threshold: for each rule held back only by its threshold, would it apply if reached?
  let next: EngineResult['nextThreshold'] = null;
  for (const rule of input.rules) {
    if (reasons.get(rule.id) !== 'threshold' || rule.kind === 'percent') continue;
    const spendMoreCents = rule.minSubtotalCents - result.linesSubtotalCents;
    const reached = run({
      ...input,
      lines: [...input.lines, { dishId: '', categoryId: '', lineTotalCents: spendMoreCents }],
    }).applied.find((a) => a.rule.id === rule.id);
    if (!reached) continue;
    if (!next || spendMoreCents < next.spendMoreCents || (spendMoreCents === next.spendMoreCents && reached.amountCents > next.saveCents)) {
      next = { spendMoreCents, saveCents: reached.amountCents, rule };
    }
  }
  return { ...out, nextThreshold: next };
}
