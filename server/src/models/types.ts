/** Shapes of jsonb columns that more than one model shares. */
import type { LocalizedText } from '@dinewire/protocol';

export type { LocalizedText };

/** A modifier option as an order item keeps it: what was chosen, priced as it was then. */
export interface ChosenModifier {
  id: string;
  names: LocalizedText;
  priceDeltaCents: number;
}

/** What an order item took from stock, so a cancellation gives back exactly that. */
export interface StockTaken {
  ingredientId: string;
  quantity: number;
}

export type JsonObject = { [key: string]: unknown };
