export { Resource } from './resource.svelte';
export { isRestaurantId, restaurantIdOf } from './restaurant-ref';
export { FollowedSnapshot } from './followed.svelte';
export type { FollowSource, FollowStatus } from './followed.svelte';
