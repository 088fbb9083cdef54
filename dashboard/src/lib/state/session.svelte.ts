import { Roles } from '@dinewire/protocol';
import type { SessionUser } from '../api';

const STORAGE_KEY = 'dinewire.staff.session';

/**
 * Who is signed in. The token lives in sessionStorage: it survives a reload of this tab and
 * goes away with it, and no other tab or later visitor of a shared screen inherits it.
 */
export class Session {
  #user = $state.raw<SessionUser | null>(null);
  #token = $state<string | null>(null);
  readonly #storage: Storage;

  constructor(storage: Storage = sessionStorage) {
    this.#storage = storage;
    const saved = readSaved(storage);
    if (saved) {
      this.#user = saved.user;
      this.#token = saved.token;
    }
  }

  get user(): SessionUser | null {
    return this.#user;
  }

  get token(): string | null {
    return this.#token;
  }

  set(user: SessionUser, token: string): void {
    this.#user = user;
    this.#token = token;
    this.#storage.setItem(STORAGE_KEY, JSON.stringify({ user, token }));
  }

  clear(): void {
    this.#user = null;
    this.#token = null;
    this.#storage.removeItem(STORAGE_KEY);
  }
}

function readSaved(storage: Storage): { user: SessionUser; token: string } | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { user?: Partial<SessionUser>; token?: unknown };
    const user = value.user;
    if (
      typeof value.token !== 'string' ||
      !user ||
      typeof user.id !== 'string' ||
      typeof user.name !== 'string' ||
      !(Roles as readonly unknown[]).includes(user.role) ||
      !Array.isArray(user.restaurantIds)
    ) {
      return null;
    }
    return { user: user as SessionUser, token: value.token };
  } catch {
    return null;
  }
}
