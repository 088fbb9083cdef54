/**
 * Numbers that the server and the apps must agree on.
 */

/**
 * A dish with this many portions left or fewer is "few left": the server announces every change
 * of its remaining count live (`menu.availability`), and the apps show the count to guests and staff.
 */
export const FEW_PORTIONS_LEFT = 5;

/** The allergen codes a dish lists (`allergens`) and a guest's profile names (`allergies`). */
export const ALLERGENS = [
  'gluten',
  'crustacean',
  'egg',
  'fish',
  'peanut',
  'soy',
  'milk',
  'tree-nut',
  'celery',
  'mustard',
  'sesame',
  'sulphite',
  'mollusc',
] as const;
export type Allergen = (typeof ALLERGENS)[number];

/** Dietary needs a guest's profile may name: the menu's dietary tags that are needs (not `signature`, `seasonal`). */
export const DIETARY_NEEDS = ['vegetarian', 'vegan', 'gluten-free', 'halal'] as const;
export type DietaryNeed = (typeof DIETARY_NEEDS)[number];
