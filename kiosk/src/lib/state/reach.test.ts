import { GuestSession, type GuestClock } from './guest-session.svelte';
import { REACH_KEY, ReachMode } from './reach.svelte';

/** sessionStorage as the browser gives it. */
class MapStorage implements Storage {
  #map = new Map<string, string>();
  get length(): number {
    return this.#map.size;
  }
  clear(): void {
    this.#map.clear();
  }
  getItem(key: string): string | null {
    return this.#map.get(key) ?? null;
  }
  key(i: number): string | null {
    return [...this.#map.keys()][i] ?? null;
  }
  removeItem(key: string): void {
    this.#map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.#map.set(key, value);
  }
}

const stillClock: GuestClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };

describe('ReachMode', () => {
  it('lasts for the guest’s visit (a reload reads it back) and the kiosk’s reset ends it', () => {
    const storage = new MapStorage();
    const reach = new ReachMode(storage);
    expect(reach.low).toBe(false);
    reach.toggle();
    expect(reach.low).toBe(true);
    expect(new ReachMode(storage).low).toBe(true);

    // The reset clears the guest's keys; the kiosk then turns the mode off in memory too.
    const guest = new GuestSession({ idleMs: 1000, askMs: 1000 }, { clock: stillClock, storage });
    guest.onreset(() => reach.reset());
    guest.reset();
    expect(reach.low).toBe(false);
    expect(storage.getItem(REACH_KEY)).toBeNull();
    expect(new ReachMode(storage).low).toBe(false);

    reach.set(true);
    reach.set(false);
    expect(storage.getItem(REACH_KEY)).toBeNull();
  });
});
