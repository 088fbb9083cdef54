import type { OrderCreate } from '@dinewire/protocol';
import type { Sequelize, Transaction } from 'sequelize';
import type { Actor } from '../../context';
import { fieldError } from '../../errors';
import { can } from '../../policies';
import { claimPromotionUse, type PlacementHead, releasePromotionUse } from '../orders/orders.sql';
import type { PricedItem } from '../orders/pricing';
import { type PricedOrder, priceWithPromotions, ruleOf } from './promotionPricing';

/** The key a guest's uses of limited promotions are counted under; null for everyone else (see the policy). */
export function guestKeyOf(actor: Actor): string | null {
  return actor.kind === 'user' && can(actor, 'promotion.perGuest', {}) ? `user:${actor.id}` : null;
}

/** Prices without taking anything: the preview, and a card's pre-authorisation. A typed code that does not apply is left to the caller. */
export function quote(
  priced: PricedItem[],
  head: PlacementHead,
  body: Pick<OrderCreate, 'channel' | 'promoCode'>,
  actor: Actor,
  now = new Date(),
): PricedOrder {
  return priceWithPromotions(priced, head.dishes, {
    restaurant: head,
    rules: head.promotions.map(ruleOf),
    channel: body.channel,
    promoCode: body.promoCode,
    now,
    guest: { key: guestKeyOf(actor), uses: new Map(Object.entries(head.usage ?? {})) },
  });
}

/** A typed code that does not apply refuses the order: the guest is never charged other than what they were shown. */
export function refuseCodeProblem(p: PricedOrder): PricedOrder {
  if (p.engine.codeProblem) throw fieldError('promoCode', p.engine.codeProblem);
  return p;
}

/**
 * Inside the order's transaction: prices the order and takes one use of each limited promotion
 * it applies. A use lost to a racing order of the same guest re-prices without that promotion (a
 * typed code then refuses the order: 400 on promoCode). Uses taken for a promotion a re-pricing
 * no longer applies are given back in the same transaction.
 */
export class PlacementPromotions {
  private readonly claimed = new Set<string>();
  private readonly exhausted = new Map<string, number>();
  private readonly notGiven = new Set<string>();
  private readonly guestKey: string | null;
  private readonly now = new Date();

  constructor(
    private readonly db: Sequelize,
    private readonly t: Transaction,
    private readonly priced: PricedItem[],
    private readonly head: PlacementHead,
    private readonly body: OrderCreate,
    actor: Actor,
  ) {
    this.guestKey = guestKeyOf(actor);
  }

  /** A free dish the stock could not give after all: re-priced without it. */
  withhold(dishIds: Iterable<string>): void {
    for (const id of dishIds) this.notGiven.add(id);
  }

  async price(): Promise<PricedOrder> {
    for (;;) {
      const uses = new Map(Object.entries(this.head.usage ?? {}));
      for (const [id, limit] of this.exhausted) uses.set(id, limit);
      const p = refuseCodeProblem(
        priceWithPromotions(this.priced, this.head.dishes, {
          restaurant: this.head,
          rules: this.head.promotions.map(ruleOf),
          channel: this.body.channel,
          promoCode: this.body.promoCode,
          now: this.now,
          guest: { key: this.guestKey, uses },
          notGiven: this.notGiven,
        }),
      );
      const limited = p.engine.applied.map((a) => a.rule).filter((r) => r.perGuestLimit !== null);
      const wanted = new Set(limited.map((r) => r.id));
      for (const id of [...this.claimed]) {
        if (wanted.has(id)) continue;
        await releasePromotionUse(this.db, this.t, { promotionId: id, guestKey: this.guestKey! });
        this.claimed.delete(id);
      }
      let lost = false;
      for (const rule of limited) {
        if (this.claimed.has(rule.id)) continue;
        if (await claimPromotionUse(this.db, this.t, { promotionId: rule.id, guestKey: this.guestKey!, limit: rule.perGuestLimit! })) {
          this.claimed.add(rule.id);
        } else {
          this.exhausted.set(rule.id, rule.perGuestLimit!);
          lost = true;
          break;
        }
      }
      if (!lost) return p;
    }
  }
}
