import type { Locale, OrderPreview } from '@dinewire/protocol';
import type { PricedOrder } from '../promotions/promotionPricing';

/** The preview as the cart sees it: totals, the promotions by name in `lang`, the next threshold, what cannot be had. */
export function presentPreview(p: PricedOrder, currency: string, unavailable: string[], lang: Locale): OrderPreview {
  const next = p.engine.nextThreshold;
  return {
    subtotalCents: p.totals.subtotalCents,
    discountCents: p.totals.discountCents,
    serviceChargeCents: p.totals.serviceChargeCents,
    taxCents: p.totals.taxCents,
    totalCents: p.totals.totalCents,
    currency: currency.trim(),
    promotions: p.engine.applied.map((a) => ({ id: a.rule.id, name: a.rule.names[lang], amountCents: a.amountCents })),
    nextThreshold: next ? { spendMoreCents: next.spendMoreCents, saveCents: next.saveCents, promotionName: next.rule.names[lang] } : null,
    unavailable: unavailable.map((dishId) => ({ dishId })),
    freeItems: p.items
      .filter((i) => i.freeBy)
      .map((i) => ({ dishId: i.dishId, name: i.names[lang], quantity: i.quantity, promotionId: i.freeBy! })),
    promoCodeProblem: p.engine.codeProblem,
  };
}
