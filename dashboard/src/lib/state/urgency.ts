/** Minutes after which an order's age turns amber, then red. */
export const WARN_AFTER_MIN = 10;
export const LATE_AFTER_MIN = 20;

export type Urgency = 'ok' | 'warn' | 'late';

/** How late an order is, by how long it has waited since it was placed. */
export function orderUrgency(ageMs: number): Urgency {
  if (ageMs >= LATE_AFTER_MIN * 60_000) return 'late';
  if (ageMs >= WARN_AFTER_MIN * 60_000) return 'warn';
  return 'ok';
}
