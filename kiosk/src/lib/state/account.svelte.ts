import type { User } from '@dinewire/protocol';
import { toApiError, type ApiError, type HttpClient } from '@dinewire/ui/api';
import { errorMessage, type ErrorMessage } from '@dinewire/ui/i18n';
import type { MessageKey } from '../i18n';

/** Where a guest's phone keeps the signed-in account: localStorage, so a reload or a later visit stays signed in. */
export const GUEST_SESSION_KEY = 'dinewire.guest.session';

/** What the phone keeps of the guest: a name to greet them by. */
export type GuestUser = Pick<User, 'id' | 'name' | 'role'>;

export type SignInField = 'email' | 'password';
export type AccountNotice = ErrorMessage | { key: MessageKey; params?: undefined };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A guest signed in on their own phone (never on a paired kiosk: a shared device). Sign-in is
 * `POST /api/v1/auth/login`; only guest accounts stay signed in here (staff sign in at
 * /dashboard/). The token goes with every call, so what the guest orders is theirs.
 */
export class GuestAccount {
  #user = $state.raw<GuestUser | null>(null);
  #token = $state<string | null>(null);
  #busy = $state(false);
  #errors = $state.raw<Partial<Record<SignInField, MessageKey>>>({});
  #notice = $state.raw<AccountNotice | null>(null);
  readonly #storage: Storage | null;

  constructor(storage: Storage | null = safeLocalStorage()) {
    this.#storage = storage;
    const saved = readSaved(storage);
    if (saved) {
      this.#user = saved.user;
      this.#token = saved.token;
    }
  }

  get user(): GuestUser | null {
    return this.#user;
  }

  get token(): string | null {
    return this.#token;
  }

  get signedIn(): boolean {
    return this.#token !== null;
  }

  get busy(): boolean {
    return this.#busy;
  }

  /** What is wrong with each field of the sign-in form, by field. */
  get errors(): Partial<Record<SignInField, MessageKey>> {
    return this.#errors;
  }

  /** Why the form as a whole failed (a staff account, too many tries, the network). */
  get notice(): AccountNotice | null {
    return this.#notice;
  }

  /** Signs in; true once the guest is signed in. */
  async signIn(http: HttpClient, email: string, password: string): Promise<boolean> {
    if (this.#busy) return false;
    const errors: Partial<Record<SignInField, MessageKey>> = {};
    if (!email) errors.email = 'account.error.emailMissing';
    else if (!EMAIL.test(email)) errors.email = 'account.error.emailInvalid';
    if (!password) errors.password = 'account.error.passwordMissing';
    this.#errors = errors;
    this.#notice = null;
    if (errors.email || errors.password) return false;
    this.#busy = true;
    try {
      const { user, token } = await http.post<{ user: User; token: string }>('/api/v1/auth/login', { email, password });
      if (user.role !== 'guest') {
        // A staff account is not for a guest's phone: end the session it just opened (and its cookie).
        await http.post('/api/v1/auth/logout', {}, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
        this.#notice = { key: 'account.staffAccount' };
        return false;
      }
      this.#keep({ id: user.id, name: user.name, role: user.role }, token);
      return true;
    } catch (error) {
      this.#refused(toApiError(error));
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Keeps a session another way of signing in opened (a one-time code, a finished sign-up):
   * a guest account only, as with the password. False (and the session ended) for staff.
   */
  async adopt(http: HttpClient, signed: { user: User; token: string }): Promise<boolean> {
    const { user, token } = signed;
    if (user.role !== 'guest') {
      await http.post('/api/v1/auth/logout', {}, { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
      this.#notice = { key: 'account.staffAccount' };
      return false;
    }
    this.#errors = {};
    this.#notice = null;
    this.#keep({ id: user.id, name: user.name, role: user.role }, token);
    return true;
  }

  /** The name the guest is greeted by changed (their profile). */
  rename(name: string): void {
    if (this.#user && this.#token) this.#keep({ ...this.#user, name }, this.#token);
  }

  /** Signs out: ends the session on the server (best effort) and forgets it here either way. */
  async signOut(http: HttpClient): Promise<void> {
    if (!this.#token) return;
    await http.post('/api/v1/auth/logout', {}).catch(() => undefined);
    this.forget();
  }

  /** Forgets the session (signed out, or the server no longer knows it: a 401). */
  forget(notice: AccountNotice | null = null): void {
    this.#user = null;
    this.#token = null;
    this.#errors = {};
    this.#notice = notice;
    try {
      this.#storage?.removeItem(GUEST_SESSION_KEY);
    } catch {
      // Nothing kept to remove.
    }
  }

  #refused(error: ApiError): void {
    if (error.code === 'unauthenticated') {
      this.#errors = { password: 'account.error.wrong' };
      return;
    }
    if (error.code === 'validation') {
      const fields = new Set(error.details.map((d) => d.field));
      const errors: Partial<Record<SignInField, MessageKey>> = {};
      if (fields.has('email')) errors.email = 'account.error.emailInvalid';
      if (fields.has('password')) errors.password = 'account.error.passwordMissing';
      if (errors.email || errors.password) {
        this.#errors = errors;
        return;
      }
    }
    this.#notice = errorMessage(error);
  }

  #keep(user: GuestUser, token: string): void {
    this.#user = user;
    this.#token = token;
    try {
      this.#storage?.setItem(GUEST_SESSION_KEY, JSON.stringify({ user, token }));
    } catch {
      // Storage full or refused: signed in until the next reload.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readSaved(storage: Storage | null): { user: GuestUser; token: string } | null {
  try {
    const raw = storage?.getItem(GUEST_SESSION_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { user?: Partial<GuestUser>; token?: unknown };
    const u = value.user;
    if (typeof value.token !== 'string' || !u || typeof u.id !== 'string' || typeof u.name !== 'string' || u.role !== 'guest') return null;
    return { user: { id: u.id, name: u.name, role: u.role }, token: value.token };
  } catch {
    return null;
  }
}
