/**
 * One guest at a paired kiosk, from the attract screen to walking away: `attract` (tap to
 * start, choose a language), `ordering` (any touch or key keeps it going), `asking` ("Still
 * there?" after `idleMs` without input, counting down `askMs`), then back to `attract`, the
 * guest's traces cleared: every sessionStorage key prefixed `dinewire.kiosk.` (where the cart and
 * checkout keep theirs), and whoever subscribed with `onreset` (in-memory cart state).
 */

/** Keys of one guest's visit in sessionStorage; a reset clears them all. */
export const GUEST_KEY_PREFIX = 'dinewire.kiosk.';
/** Dispatched on window when a guest's visit is reset (for state that does not subscribe). */
export const RESET_EVENT = 'dinewire:kiosk-reset';

export interface IdleTimes {
  /** Without a touch or key for this long, the kiosk asks whether the guest is still there. */
  idleMs: number;
  /** And starts over when nobody answers within this long. */
  askMs: number;
}

export const DEFAULT_IDLE: IdleTimes = { idleMs: 90_000, askMs: 20_000 };

/**
 * The timeouts: the defaults, or `window.__dinewireKioskIdle = { idleMs, askMs }` set before the
 * app starts (browser tests inject it; an installer could too). Values out of reason are ignored.
 */
export function idleTimesOf(win: unknown = typeof window === 'undefined' ? undefined : window): IdleTimes {
  const given = (win as { __dinewireKioskIdle?: Partial<IdleTimes> } | undefined)?.__dinewireKioskIdle;
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 100 && v <= 3_600_000;
  return {
    idleMs: ok(given?.idleMs) ? given.idleMs : DEFAULT_IDLE.idleMs,
    askMs: ok(given?.askMs) ? given.askMs : DEFAULT_IDLE.askMs,
  };
}

export type GuestPhase = 'attract' | 'ordering' | 'asking';

export interface GuestClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: GuestClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What counts as the guest being there. */
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export class GuestSession {
  readonly times: IdleTimes;
  #phase = $state<GuestPhase>('attract');
  #askEndsAt = $state(0);
  #now = $state(0);
  #timer: unknown = null;
  #tick: unknown = null;
  readonly #clock: GuestClock;
  readonly #storage: Storage | null;
  readonly #listeners = new Set<() => void>();

  constructor(times: IdleTimes = idleTimesOf(), options: { clock?: GuestClock; storage?: Storage | null } = {}) {
    this.times = times;
    this.#clock = options.clock ?? realClock;
    this.#storage = options.storage === undefined ? safeSessionStorage() : options.storage;
  }

  get phase(): GuestPhase {
    return this.#phase;
  }

  /** Whole seconds before the kiosk starts over, while asking. */
  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.#askEndsAt - this.#now) / 1000));
  }

  /** The guest tapped the attract screen. */
  begin(): void {
    if (this.#phase !== 'attract') return;
    this.#phase = 'ordering';
    this.#arm();
  }

  /** A touch or a key while ordering: the idle time starts again. */
  activity(): void {
    if (this.#phase === 'ordering') this.#arm();
  }

  /** "I'm still here". */
  stay(): void {
    if (this.#phase !== 'asking') return;
    this.#phase = 'ordering';
    this.#arm();
  }

  /** Back to the attract screen for the next guest, this one's cart and choices cleared. */
  reset(): void {
    this.#stop();
    clearGuestKeys(this.#storage);
    this.#phase = 'attract';
    for (const listener of [...this.#listeners]) listener();
    if (typeof window !== 'undefined') window.dispatchEvent(new CustomEvent(RESET_EVENT));
  }

  /** Called on every reset; returns the unsubscribe. */
  onreset(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Follows the guest's touches and keys on this window; returns the teardown. */
  listen(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const onActivity = () => this.activity();
    for (const type of ACTIVITY) target.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY) target.removeEventListener(type, onActivity, { capture: true });
      this.#stop();
    };
  }

  #arm(): void {
    this.#stop();
    this.#timer = this.#clock.setTimeout(() => this.#ask(), this.times.idleMs);
  }

  #ask(): void {
    this.#timer = null;
    if (this.#phase !== 'ordering') return;
    this.#phase = 'asking';
    this.#now = this.#clock.now();
    this.#askEndsAt = this.#now + this.times.askMs;
    this.#countDown();
  }

  #countDown(): void {
    this.#now = this.#clock.now();
    if (this.#now >= this.#askEndsAt) {
      this.#tick = null;
      this.reset();
      return;
    }
    const untilNextSecond = (this.#askEndsAt - this.#now) % 1000 || 1000;
    this.#tick = this.#clock.setTimeout(() => this.#countDown(), Math.min(untilNextSecond, this.#askEndsAt - this.#now));
  }

  #stop(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    if (this.#tick !== null) this.#clock.clearTimeout(this.#tick);
    this.#timer = null;
    this.#tick = null;
  }
}

/** Removes every sessionStorage key of a guest's visit (prefixed `dinewire.kiosk.`). */
export function clearGuestKeys(storage: Storage | null): void {
  if (!storage) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(GUEST_KEY_PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage refused: nothing was kept there.
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
