import type { Ingredient as IngredientView } from '@dinewire/protocol';
import type { Ingredient } from '../../models';

/** An ingredient's stock as the inventory screen shows it (names in every language, English first). */
export function presentIngredient(i: Ingredient): IngredientView {
  return { id: i.id, name: i.names.en, names: i.names, unit: i.unit, quantity: i.quantity, lowThreshold: i.lowThreshold };
}
