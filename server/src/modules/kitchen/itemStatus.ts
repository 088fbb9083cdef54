import type { ItemStatus, OrderStatus } from '@dinewire/protocol';

/** The steps an item goes through on the line; cancelled is off the line. */
export const ITEM_STEPS: ItemStatus[] = ['queued', 'cooking', 'ready', 'served'];

/** The step a bump (on) or recall (back) takes an item to; null when there is none. */
export function stepFrom(from: ItemStatus, direction: 'bump' | 'recall'): ItemStatus | null {
  const i = ITEM_STEPS.indexOf(from);
  if (i < 0) return null;
  return (direction === 'bump' ? ITEM_STEPS[i + 1] : ITEM_STEPS[i - 1]) ?? null;
}

/** The order's status follows its items. */
export function deriveOrderStatus(statuses: ItemStatus[]): OrderStatus {
  const active = statuses.filter((s) => s !== 'cancelled');
  if (active.length === 0) return 'cancelled';
  if (active.every((s) => s === 'served')) return 'completed';
  if (active.every((s) => s === 'ready' || s === 'served')) return 'ready';
  if (active.every((s) => s === 'queued')) return 'placed';
  return 'preparing';
}
