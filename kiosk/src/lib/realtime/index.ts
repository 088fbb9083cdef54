export { RealtimeConnection } from './connection.svelte';
export type { ConnectionOptions } from './connection.svelte';
