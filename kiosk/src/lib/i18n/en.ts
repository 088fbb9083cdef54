/** English: the reference table; the others must have exactly these keys. */
export const en = {
  'app.name': 'Dinewire',
  'app.tagline': 'Order here',

  'lang.label': 'Language',

  'conn.connecting': 'Connecting…',
  'conn.live': 'Live',
  'conn.catching_up': 'Catching up…',
  'conn.reconnecting': 'Reconnecting…',
  'conn.offline': 'Offline',
  'conn.since': 'offline since {time}',

  'load.loading': 'Loading…',
  'load.retry': 'Try again',

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

  'tag.vegetarian': 'Vegetarian',
  'tag.vegan': 'Vegan',
  'tag.spicy': 'Spicy',
  'tag.gluten_free': 'Gluten-free',
  'tag.dairy_free': 'Dairy-free',
  'tag.halal': 'Halal',
  'tag.signature': 'Signature',
  'tag.chef_special': 'Chef’s special',
  'tag.popular': 'Popular',
  'tag.new': 'New',
  'tag.seafood': 'Seafood',
  'tag.kids': 'For kids',
  'tag.healthy': 'Light',
  'tag.sharing': 'To share',

  'allergen.gluten': 'Gluten',
  'allergen.wheat': 'Wheat',
  'allergen.crustaceans': 'Crustaceans',
  'allergen.shellfish': 'Shellfish',
  'allergen.molluscs': 'Molluscs',
  'allergen.eggs': 'Eggs',
  'allergen.egg': 'Egg',
  'allergen.fish': 'Fish',
  'allergen.peanuts': 'Peanuts',
  'allergen.peanut': 'Peanut',
  'allergen.tree_nuts': 'Tree nuts',
  'allergen.nuts': 'Nuts',
  'allergen.soy': 'Soy',
  'allergen.soya': 'Soy',
  'allergen.milk': 'Milk',
  'allergen.dairy': 'Dairy',
  'allergen.sesame': 'Sesame',
  'allergen.celery': 'Celery',
  'allergen.mustard': 'Mustard',
  'allergen.sulphites': 'Sulphites',
  'allergen.lupin': 'Lupin',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };
