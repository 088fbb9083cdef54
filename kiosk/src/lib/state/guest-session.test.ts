import { MemoryStorage } from '@dinewire/ui/testing';
import { GuestSession, clearGuestKeys, idleTimesOf, type GuestClock } from './guest-session.svelte';

/** Time that moves only when the test says so. */
class FakeClock implements GuestClock {
  t = 1_000_000;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 1;

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.#timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
  }
}

function session(times = { idleMs: 60_000, askMs: 10_000 }) {
  const clock = new FakeClock();
  const storage = new MemoryStorage();
  const guest = new GuestSession(times, { clock, storage });
  const resets: number[] = [];
  guest.onreset(() => resets.push(clock.now()));
  return { clock, storage, guest, resets };
}

describe('a guest at the kiosk', () => {
  it('waits on the attract screen until tapped, and never times out there', () => {
    const { clock, guest, resets } = session();
    clock.advance(10 * 60_000);
    expect(guest.phase).toBe('attract');
    expect(resets).toEqual([]);
    guest.begin();
    expect(guest.phase).toBe('ordering');
  });

  it('asks after the idle time, counts down, then resets and clears the visit’s keys only', () => {
    const { clock, storage, guest, resets } = session();
    storage.setItem('dinewire.kiosk.cart', '[1]');
    storage.setItem('dinewire.kiosk.checkout', '{}');
    storage.setItem('other.app', 'kept');
    guest.begin();
    clock.advance(59_999);
    expect(guest.phase).toBe('ordering');
    clock.advance(1);
    expect(guest.phase).toBe('asking');
    expect(guest.secondsLeft).toBe(10);
    clock.advance(3_000);
    expect(guest.secondsLeft).toBe(7);
    expect(resets).toEqual([]);
    clock.advance(7_000);
    expect(guest.phase).toBe('attract');
    expect(resets).toHaveLength(1);
    expect(storage.getItem('dinewire.kiosk.cart')).toBeNull();
    expect(storage.getItem('dinewire.kiosk.checkout')).toBeNull();
    expect(storage.getItem('other.app')).toBe('kept');
  });

  it('starts the idle time again on every touch, and when the guest says they are still there', () => {
    const { clock, guest, resets } = session();
    guest.begin();
    clock.advance(50_000);
    guest.activity();
    clock.advance(50_000);
    expect(guest.phase).toBe('ordering');
    clock.advance(10_000);
    expect(guest.phase).toBe('asking');
    guest.activity(); // a touch behind the question does not answer it
    expect(guest.phase).toBe('asking');
    guest.stay();
    expect(guest.phase).toBe('ordering');
    clock.advance(59_000);
    expect(guest.phase).toBe('ordering');
    expect(resets).toEqual([]);
  });

  it('starts over at once on "Start over"', () => {
    const { clock, guest, resets } = session();
    guest.begin();
    clock.advance(60_000);
    guest.reset();
    expect(guest.phase).toBe('attract');
    expect(resets).toHaveLength(1);
    clock.advance(60_000); // the countdown was stopped: no second reset
    expect(resets).toHaveLength(1);
  });

  it('reads test or installer timeouts from the window, ignoring nonsense', () => {
    expect(idleTimesOf({ __dinewireKioskIdle: { idleMs: 1500, askMs: 2000 } })).toEqual({ idleMs: 1500, askMs: 2000 });
    expect(idleTimesOf({ __dinewireKioskIdle: { idleMs: -1, askMs: 'x' } })).toEqual({ idleMs: 90_000, askMs: 20_000 });
    expect(idleTimesOf(undefined)).toEqual({ idleMs: 90_000, askMs: 20_000 });
  });

  it('clears nothing without storage', () => {
    expect(() => clearGuestKeys(null)).not.toThrow();
  });
});
