import type { Dish, LocalizedText, OrderItem } from '@dinewire/protocol';
import type { CartLine } from '../state/cart.svelte';
import { selectionComplete, type Selection } from '../state/dish-choice';
import { isSoldOut } from '../state/menu.svelte';

/** Why a line of a past order could not go back in the cart. */
export type LeftOutReason = 'soldOut' | 'offMenu';

export interface LeftOut {
  name: string;
  names: LocalizedText;
  reason: LeftOutReason;
}

export interface Reorder {
  /** The lines to put in the cart: the same dish, options, quantity and note. */
  lines: Omit<CartLine, 'id'>[];
  /** What could not be added, and why. */
  leftOut: LeftOut[];
}

/**
 * A past order's items as the menu has them now: a dish off the menu, or whose options are no
 * longer offered (or no longer make a valid choice), is left out as off the menu; a sold-out
 * one as sold out. Everything else goes back as it was ordered.
 */
export function reorderOf(items: readonly OrderItem[], dishes: ReadonlyMap<string, Dish>): Reorder {
  const lines: Omit<CartLine, 'id'>[] = [];
  const leftOut: LeftOut[] = [];
  for (const item of items) {
    const dish = dishes.get(item.dishId);
    const modifierIds = item.modifiers.map((m) => m.id);
    const reason: LeftOutReason | null = !dish || !stillOffered(dish, modifierIds) ? 'offMenu' : isSoldOut(dish) ? 'soldOut' : null;
    if (reason) leftOut.push({ name: item.name, names: item.names, reason });
    else lines.push({ dishId: item.dishId, quantity: item.quantity, modifierIds, note: item.note ?? '' });
  }
  return { lines, leftOut };
}

/** Every option still on the dish, and together still a choice it accepts. */
function stillOffered(dish: Dish, modifierIds: readonly string[]): boolean {
  const selection: Selection = {};
  let found = 0;
  for (const group of dish.modifiers) {
    selection[group.id] = group.options.filter((o) => modifierIds.includes(o.id)).map((o) => o.id);
    found += selection[group.id]!.length;
  }
  return found === modifierIds.length && selectionComplete(dish, selection);
}
