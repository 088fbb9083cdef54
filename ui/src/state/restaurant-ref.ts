import type { Restaurant } from '@dinewire/protocol';
import type { Resource } from './resource.svelte';

// The shape of a database id; a slug never has it. A regex, not IdSchema: the apps need no zod for this.
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRestaurantId(ref: string): boolean {
  return ID.test(ref);
}

/**
 * The id of the restaurant an address's `:r` names (CONTRACT.md: a slug or an id). An id
 * stands for itself; a slug is looked up in the list, which is loaded (again) when it does not
 * have it. Null when no listed restaurant has that slug.
 */
export async function restaurantIdOf(
  ref: string,
  restaurants: Pick<Resource<Restaurant[]>, 'value'>,
  load: () => Promise<void>,
): Promise<string | null> {
  if (isRestaurantId(ref)) return ref;
  const find = () => restaurants.value?.find((r) => r.slug === ref)?.id ?? null;
  if (find() === null) await load();
  return find();
}
