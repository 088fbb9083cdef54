import { GUEST_KEY_PREFIX } from './guest-session.svelte';

/** The key of the mode in sessionStorage: under the guest's prefix, so a kiosk's reset clears it. */
export const REACH_KEY = `${GUEST_KEY_PREFIX}reach`;

/**
 * Accessibility mode for a guest in a wheelchair or of short height at a tall kiosk: the
 * controls come down to the lower part of the screen (app.css, `html[data-reach="low"]`). It
 * lasts for the guest's visit (a reload keeps it) and the next guest starts without it.
 */
export class ReachMode {
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  #low = $state(false);

  constructor(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeStorage()) {
    this.#storage = storage;
    try {
      this.#low = storage?.getItem(REACH_KEY) === 'low';
    } catch {
      this.#low = false;
    }
  }

  /** The controls are brought down. */
  get low(): boolean {
    return this.#low;
  }

  toggle(): void {
    this.set(!this.#low);
  }

  set(low: boolean): void {
    this.#low = low;
    try {
      if (low) this.#storage?.setItem(REACH_KEY, 'low');
      else this.#storage?.removeItem(REACH_KEY);
    } catch {
      // Storage refused: the mode still holds for this page.
    }
  }

  /** The next guest (the kiosk's reset cleared the stored key already). */
  reset(): void {
    this.#low = false;
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
