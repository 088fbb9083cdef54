import type { ConnectionState } from '@dinewire/protocol';

/** The four values CONTRACT.md promises on `data-connection`. */
export type ConnectionMarker = 'live' | 'catching-up' | 'reconnecting' | 'offline';

/** A first connection not yet made counts as reconnecting: the screen is not live yet, nor given up. */
export function connectionMarker(state: ConnectionState): ConnectionMarker {
  switch (state) {
    case 'live':
      return 'live';
    case 'catching_up':
      return 'catching-up';
    case 'connecting':
    case 'reconnecting':
      return 'reconnecting';
    case 'offline':
      return 'offline';
  }
}
