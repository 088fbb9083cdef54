export { Resource } from './resource.svelte';
export { isRestaurantId, restaurantIdOf } from './restaurant-ref';
