import type { Ingredient as IngredientView, StockMovementView } from '@dinewire/protocol';
import type { Ingredient } from '../../models';
import type { MovementRow } from './movements.sql';

/** An ingredient's stock as the inventory screen shows it (names in every language, English first). */
export function presentIngredient(i: Ingredient): IngredientView {
  return { id: i.id, name: i.names.en, names: i.names, unit: i.unit, quantity: i.quantity, lowThreshold: i.lowThreshold };
}

/** A ledger line; quantities as numbers, who by name (staff or device), the order by its pickup number. */
export function presentMovement(m: MovementRow): StockMovementView {
  return {
    id: Number(m.id),
    ingredientId: m.ingredient_id,
    name: m.names.en,
    names: m.names,
    unit: m.unit,
    delta: Number(m.delta),
    quantityAfter: Number(m.quantity_after),
    reason: m.reason,
    note: m.note,
    orderId: m.order_id,
    orderNumber: m.order_number,
    actorKind: m.actor_kind,
    actorName: m.actor_name,
    at: new Date(m.created_at).toISOString(),
  };
}
