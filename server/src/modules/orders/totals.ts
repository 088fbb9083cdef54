/** Half-up rounding of `amount × bps / 10000` in integer arithmetic (no float drift on money). */
export function applyBps(amountCents: number, bps: number): number {
  return Math.floor((amountCents * bps + 5000) / 10000);
}

export interface Totals {
  subtotalCents: number;
  discountCents: number;
  serviceChargeCents: number;
  taxCents: number;
  totalCents: number;
}

/**
 * subtotal (dishes, options and free dishes) − discount (the promotions engine's), then the
 * service charge on what remains, then tax on both (as hotel bills show it); each step rounded
 * half-up to the minor unit.
 */
export function computeTotals(args: {
  subtotalCents: number;
  discountCents: number;
  serviceChargeBps: number;
  taxRateBps: number;
}): Totals {
  const { subtotalCents } = args;
  const discountCents = Math.min(Math.max(args.discountCents, 0), subtotalCents);
  const net = subtotalCents - discountCents;
  const serviceChargeCents = applyBps(net, args.serviceChargeBps);
  const taxCents = applyBps(net + serviceChargeCents, args.taxRateBps);
  return { subtotalCents, discountCents, serviceChargeCents, taxCents, totalCents: net + serviceChargeCents + taxCents };
}
