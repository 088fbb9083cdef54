export { RealtimeConnection } from './connection.svelte';
export type { ConnectionOptions, Subscriber } from './connection.svelte';
export { connectionMarker } from './indicator';
export type { ConnectionMarker } from './indicator';
