import { MemoryStorage } from '@dinewire/ui/testing';
import { GuestSession, type GuestClock } from './guest-session.svelte';
import { REACH_KEY, ReachMode } from './reach.svelte';

const stillClock: GuestClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };

describe('ReachMode', () => {
  it('lasts for the guest’s visit (a reload reads it back) and the kiosk’s reset ends it', () => {
    const storage = new MemoryStorage();
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
