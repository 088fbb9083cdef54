import type { Dish, ModifierGroup } from '@dinewire/protocol';

/** The options chosen in each of a dish's option groups, by group id. */
export type Selection = Record<string, string[]>;

/** How few choices a group takes: a required group at least one, whatever its data says. */
export function minOf(group: ModifierGroup): number {
  return Math.max(group.minChoices, group.required ? 1 : 0);
}

/** How many choices a group takes at most (never fewer than its minimum). */
export function maxOf(group: ModifierGroup): number {
  return Math.max(group.maxChoices, minOf(group), 1);
}

/** What a guest sees first: the first options of each group that needs some (a size's "Regular"). */
export function initialSelection(dish: Pick<Dish, 'modifiers'>): Selection {
  const selection: Selection = {};
  for (const group of dish.modifiers) selection[group.id] = group.options.slice(0, minOf(group)).map((o) => o.id);
  return selection;
}

/**
 * Tapping an option: a one-choice group takes it instead of the one chosen; a many-choice group
 * adds it while there is room (a full group ignores the tap) and removes it when chosen. A
 * required one-choice group keeps its choice when tapped again.
 */
export function toggleOption(selection: Selection, group: ModifierGroup, optionId: string): Selection {
  const chosen = selection[group.id] ?? [];
  const max = maxOf(group);
  let next: string[];
  if (chosen.includes(optionId)) {
    next = max === 1 && minOf(group) >= 1 ? chosen : chosen.filter((id) => id !== optionId);
  } else if (max === 1) {
    next = [optionId];
  } else if (chosen.length < max) {
    next = [...chosen, optionId];
  } else {
    next = chosen;
  }
  return { ...selection, [group.id]: next };
}

export type GroupProblem = { kind: 'min'; n: number } | { kind: 'max'; n: number };

/** Why a group's choices cannot be ordered yet; null when they can. */
export function groupProblem(group: ModifierGroup, selection: Selection): GroupProblem | null {
  const count = (selection[group.id] ?? []).length;
  if (count < minOf(group)) return { kind: 'min', n: minOf(group) };
  if (count > maxOf(group)) return { kind: 'max', n: maxOf(group) };
  return null;
}

/** The option ids to order, in the menu's order of groups and options. */
export function chosenIds(dish: Pick<Dish, 'modifiers'>, selection: Selection): string[] {
  return dish.modifiers.flatMap((g) => g.options.filter((o) => (selection[g.id] ?? []).includes(o.id)).map((o) => o.id));
}

export function selectionComplete(dish: Pick<Dish, 'modifiers'>, selection: Selection): boolean {
  return dish.modifiers.every((g) => groupProblem(g, selection) === null);
}

/** One portion's menu price with these options (for display: the server prices the order). */
export function unitPriceCents(dish: Pick<Dish, 'priceCents' | 'modifiers'>, modifierIds: readonly string[]): number {
  let cents = dish.priceCents;
  for (const group of dish.modifiers) for (const o of group.options) if (modifierIds.includes(o.id)) cents += o.priceDeltaCents;
  return cents;
}

/** The options of a dish by id, with their names in the menu's current language. */
export function optionNames(dish: Pick<Dish, 'modifiers'>, modifierIds: readonly string[]): string[] {
  return dish.modifiers.flatMap((g) => g.options.filter((o) => modifierIds.includes(o.id)).map((o) => o.name));
}

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 99;

export function clampQuantity(n: number): number {
  if (!Number.isFinite(n)) return MIN_QUANTITY;
  return Math.min(MAX_QUANTITY, Math.max(MIN_QUANTITY, Math.trunc(n)));
}
