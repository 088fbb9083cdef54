export { Resource } from './resource.svelte';
