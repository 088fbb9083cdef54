import type { Messages as Table } from '@dinewire/ui/i18n';
import { kioskModeEn } from './kiosk-mode';

/**
 * English: the reference table of this app's own strings (the shared components' live in
 * @dinewire/ui, and may be reworded here); the others must have exactly these keys.
 */
export const en = {
  'app.name': 'Dinewire',
  'app.tagline': 'Order here',
  ...kioskModeEn,

  // The shared error texts, as a guest should read them.
  'error.network': 'We can’t reach the restaurant system right now.',
  'error.not_found': 'We couldn’t find that restaurant.',
  'error.rate_limited': 'Too many requests. Please wait a moment.',
  'error.unavailable': 'The system is busy. Please try again shortly.',
  'error.generic': 'Something went wrong.',

  'start.title': 'Where would you like to eat?',
  'start.subtitle': 'Choose a restaurant to see its menu.',
  'start.empty': 'No restaurants are taking orders right now.',
  'restaurant.priceLevel': 'Price level {level} of 4',

  'menu.back': 'All restaurants',
  'menu.categories': 'Menu sections',
  'menu.empty': 'This menu has no dishes right now.',
  'menu.emptyCategory': 'Nothing in this section right now.',

  'dish.soldOut': 'Sold out',
  'dish.onlyLeft': 'Only {n} left',
  'dish.spice': 'Spice level {level}',
  'dish.contains': 'Contains',
  'dish.customisable': 'Options available',

  // Tags and allergens: exactly the codes the menu data uses (server/src/demo/demoData.ts).
  'tag.savory': 'Savory',
  'tag.spicy': 'Spicy',
  'tag.sweet': 'Sweet',
  'tag.sour': 'Sour',
  'tag.umami': 'Umami',
  'tag.vegetarian': 'Vegetarian',
  'tag.vegan': 'Vegan',
  'tag.gluten_free': 'Gluten-free',
  'tag.halal': 'Halal',
  'tag.signature': 'Signature',
  'tag.seasonal': 'Seasonal',

  'allergen.gluten': 'Gluten',
  'allergen.crustacean': 'Crustaceans',
  'allergen.egg': 'Eggs',
  'allergen.fish': 'Fish',
  'allergen.peanut': 'Peanuts',
  'allergen.soy': 'Soy',
  'allergen.milk': 'Milk',
  'allergen.tree_nut': 'Tree nuts',
  'allergen.celery': 'Celery',
  'allergen.mustard': 'Mustard',
  'allergen.sesame': 'Sesame',
  'allergen.sulphite': 'Sulphites',
  'allergen.mollusc': 'Molluscs',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Table<MessageKey>;
