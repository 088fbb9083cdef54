import { ALLERGENS, DIETARY_NEEDS, type MyReservationsResponse, type Profile, type User } from '@dinewire/protocol';
import { ApiError, HttpClient, isAbortError, toApiError } from '@dinewire/ui/api';
import { errorMessage } from '@dinewire/ui/i18n';
import type { MessageKey } from '../i18n';
import type { AccountNotice } from './account.svelte';

/**
 * The forms of a guest's account beyond the password sign-in: signing up, signing in with a
 * one-time code, the profile, the bookings list, and erasing the account. Each checks what it
 * can before asking the server, and shows the server's 4xx by field, in the guest's language.
 */

export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>;
export type Signed = { user: User; token: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// As the server's PhoneSchema and sign-in code rule (protocol/src/schemas.ts).
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const CODE = /^[0-9]{6}$/;
/** The server's password rule (modules/accounts/passwordPolicy): checked here too, to say so before sending. */
export const MIN_PASSWORD_LENGTH = 10;
/** How long a sign-in code works, and the wrong tries it survives (server: modules/accounts/signInCodes). */
export const CODE_MINUTES = 10;
export const CODE_TRIES = 5;
/** Seconds before another code may be asked for: the server sends 5 an hour to one contact. */
export const RESEND_SECONDS = 30;

export interface Clock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** A wait before something may be done again, counted down in whole seconds for the screen. */
export class Cooldown {
  #until = $state(0);
  #now = $state(0);
  #tick: unknown = null;
  readonly #clock: Clock;

  constructor(clock: Clock = realClock) {
    this.#clock = clock;
  }

  get secondsLeft(): number {
    return Math.max(0, Math.ceil((this.#until - this.#now) / 1000));
  }

  get active(): boolean {
    return this.secondsLeft > 0;
  }

  start(seconds: number): void {
    this.stop();
    this.#now = this.#clock.now();
    this.#until = this.#now + seconds * 1000;
    this.#tick = this.#clock.setInterval(() => {
      this.#now = this.#clock.now();
      if (this.#now >= this.#until) this.stop();
    }, 1000);
  }

  stop(): void {
    if (this.#tick !== null) this.#clock.clearInterval(this.#tick);
    this.#tick = null;
    this.#now = this.#until;
  }
}

/** The fields a 400 `validation` names, each with the message key `keyOf` gives its server message. */
function byField<F extends string>(error: ApiError, keyOf: Partial<Record<F, (message: string) => MessageKey>>): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  if (error.code !== 'validation') return errors;
  for (const d of error.details) {
    const field = (d.field ?? '').split('.')[0] as F;
    const key = keyOf[field];
    if (key && !errors[field]) errors[field] = key(d.message);
  }
  return errors;
}

const hasAny = (errors: object) => Object.keys(errors).length > 0;
const noticeOf = (error: ApiError): AccountNotice => errorMessage(error);

function emailProblem(email: string): MessageKey | undefined {
  if (!email) return 'account.error.emailMissing';
  if (!EMAIL.test(email)) return 'account.error.emailInvalid';
  return undefined;
}

function phoneProblem(phone: string): MessageKey | undefined {
  if (!phone) return 'account.error.phoneMissing';
  if (!PHONE.test(phone)) return 'account.error.phoneInvalid';
  return undefined;
}

function codeProblem(code: string): MessageKey | undefined {
  if (!code) return 'account.error.codeMissing';
  if (!CODE.test(code)) return 'account.error.codeInvalid';
  return undefined;
}

const passwordKey = (message: string): MessageKey =>
  /common/i.test(message) ? 'account.error.passwordCommon' : 'account.error.passwordShort';

export type RegisterField = 'name' | 'email' | 'phone' | 'password' | 'code';
export interface RegisterForm {
  name: string;
  email: string;
  phone: string;
  password: string;
}

/**
 * Signing up: name, email, phone and password (`POST /auth/register`, 202 whatever the address),
 * then the code from the email that finishes it (`POST /auth/register/verify`) into a session.
 */
export class Registration {
  #step = $state<'form' | 'verify'>('form');
  #email = $state('');
  #busy = $state(false);
  #errors = $state.raw<FieldErrors<RegisterField>>({});
  #notice = $state.raw<AccountNotice | null>(null);

  get step(): 'form' | 'verify' {
    return this.#step;
  }
  /** Where the code was sent. */
  get email(): string {
    return this.#email;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get errors(): FieldErrors<RegisterField> {
    return this.#errors;
  }
  get notice(): AccountNotice | null {
    return this.#notice;
  }

  async register(http: HttpClient, form: RegisterForm): Promise<boolean> {
    if (this.#busy) return false;
    const body = { name: form.name.trim(), email: form.email.trim(), phone: form.phone.trim(), password: form.password };
    const errors: FieldErrors<RegisterField> = {};
    if (!body.name) errors.name = 'account.error.nameMissing';
    const email = emailProblem(body.email);
    if (email) errors.email = email;
    const phone = phoneProblem(body.phone);
    if (phone) errors.phone = phone;
    if (!body.password) errors.password = 'account.error.passwordMissing';
    else if ([...body.password].length < MIN_PASSWORD_LENGTH) errors.password = 'account.error.passwordShort';
    this.#errors = errors;
    this.#notice = null;
    if (hasAny(errors)) return false;
    this.#busy = true;
    try {
      await http.post('/api/v1/auth/register', body);
      this.#email = body.email;
      this.#step = 'verify';
      return true;
    } catch (error) {
      const e = toApiError(error);
      const fields = byField<RegisterField>(e, {
        name: () => 'account.error.nameMissing',
        email: () => 'account.error.emailInvalid',
        phone: () => 'account.error.phoneInvalid',
        password: passwordKey,
      });
      if (hasAny(fields)) this.#errors = fields;
      else this.#notice = noticeOf(e);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /** The emailed code: the new account and its session, or null (the reason in errors/notice). */
  async verify(http: HttpClient, code: string): Promise<Signed | null> {
    if (this.#busy) return null;
    const given = code.trim();
    this.#notice = null;
    this.#errors = given ? {} : { code: 'account.error.codeMissing' };
    if (!given) return null;
    this.#busy = true;
    try {
      return await http.post<Signed>('/api/v1/auth/register/verify', { code: given });
    } catch (error) {
      const e = toApiError(error);
      if (e.code === 'validation') this.#errors = { code: 'account.register.codeWrong' };
      else if (e.code === 'conflict') this.#notice = { key: 'account.register.exists' };
      else this.#notice = noticeOf(e);
      return null;
    } finally {
      this.#busy = false;
    }
  }

  /** Back to the form (a mistyped address). */
  back(): void {
    this.#step = 'form';
    this.#errors = {};
    this.#notice = null;
  }
}

export type Channel = 'email' | 'phone';
export type CodeField = 'contact' | 'code';

/**
 * Signing in with a one-time code: to an email or a phone (`POST /auth/code`), then the six
 * digits (`POST /auth/code/verify`). The server answers every refusal alike (wrong, expired, out
 * of tries); what the phone knows (when the code was sent, how many tries it took) says which.
 */
export class CodeSignIn {
  #channel = $state<Channel>('email');
  #contact = $state('');
  #step = $state<'contact' | 'code'>('contact');
  #busy = $state(false);
  #errors = $state.raw<FieldErrors<CodeField>>({});
  #notice = $state.raw<AccountNotice | null>(null);
  #sentAt = 0;
  #tries = $state(0);
  readonly cooldown: Cooldown;
  readonly #clock: Clock;

  constructor(clock: Clock = realClock) {
    this.#clock = clock;
    this.cooldown = new Cooldown(clock);
  }

  get channel(): Channel {
    return this.#channel;
  }
  get contact(): string {
    return this.#contact;
  }
  get step(): 'contact' | 'code' {
    return this.#step;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get errors(): FieldErrors<CodeField> {
    return this.#errors;
  }
  get notice(): AccountNotice | null {
    return this.#notice;
  }
  /** Tries the code has left, as far as this phone knows. */
  get triesLeft(): number {
    return Math.max(0, CODE_TRIES - this.#tries);
  }
  /** The code can no longer work: too many tries, or too old. A new one is needed. */
  get spent(): boolean {
    return this.triesLeft === 0 || this.#expired();
  }

  choose(channel: Channel): void {
    if (this.#step !== 'contact') return;
    this.#channel = channel;
    this.#errors = {};
    this.#notice = null;
  }

  /** Asks for a code to `contact` (on the chosen channel); true once sent. */
  async request(http: HttpClient, contact: string): Promise<boolean> {
    if (this.#busy) return false;
    const given = contact.trim();
    const problem = this.#channel === 'email' ? emailProblem(given) : phoneProblem(given);
    this.#errors = problem ? { contact: problem } : {};
    this.#notice = null;
    if (problem) return false;
    if (!(await this.#send(http, given))) return false;
    this.#contact = given;
    this.#step = 'code';
    return true;
  }

  /** Another code to the same contact, once the cooldown is over. */
  async resend(http: HttpClient): Promise<boolean> {
    if (this.#busy || this.cooldown.active || this.#step !== 'code') return false;
    this.#errors = {};
    this.#notice = null;
    const sent = await this.#send(http, this.#contact);
    if (sent) this.#notice = { key: 'account.code.resent' };
    return sent;
  }

  /** The six digits: the account and its session, or null (why in errors/notice). */
  async verify(http: HttpClient, code: string): Promise<Signed | null> {
    if (this.#busy || this.#step !== 'code') return null;
    const given = code.replace(/\s+/g, '');
    const problem = codeProblem(given);
    this.#notice = null;
    this.#errors = problem ? { code: problem } : {};
    if (problem) return null;
    if (this.spent) {
      this.#errors = { code: this.#expired() ? 'account.code.expired' : 'account.code.tooMany' };
      return null;
    }
    this.#busy = true;
    try {
      const body = this.#channel === 'email' ? { email: this.#contact, code: given } : { phone: this.#contact, code: given };
      return await http.post<Signed>('/api/v1/auth/code/verify', body);
    } catch (error) {
      const e = toApiError(error);
      if (e.code === 'unauthenticated') {
        this.#tries += 1;
        this.#errors = {
          code: this.#expired() ? 'account.code.expired' : this.triesLeft === 0 ? 'account.code.tooMany' : 'account.code.wrong',
        };
      } else if (e.code === 'validation') this.#errors = { code: 'account.error.codeInvalid' };
      else if (e.code === 'rate_limited') this.#notice = { key: 'account.code.rateLimited' };
      else this.#notice = noticeOf(e);
      return null;
    } finally {
      this.#busy = false;
    }
  }

  /** Back to choosing where the code goes. */
  back(): void {
    this.#step = 'contact';
    this.#errors = {};
    this.#notice = null;
    this.cooldown.stop();
  }

  #expired(): boolean {
    return this.#sentAt > 0 && this.#clock.now() - this.#sentAt >= CODE_MINUTES * 60_000;
  }

  async #send(http: HttpClient, contact: string): Promise<boolean> {
    this.#busy = true;
    try {
      await http.post('/api/v1/auth/code', this.#channel === 'email' ? { email: contact } : { phone: contact });
      this.#sentAt = this.#clock.now();
      this.#tries = 0;
      this.cooldown.start(RESEND_SECONDS);
      return true;
    } catch (error) {
      const e = toApiError(error);
      if (e.code === 'validation')
        this.#errors = { contact: this.#channel === 'email' ? 'account.error.emailInvalid' : 'account.error.phoneInvalid' };
      else if (e.code === 'rate_limited') this.#notice = { key: 'account.code.rateLimited' };
      else this.#notice = noticeOf(e);
      return false;
    } finally {
      this.#busy = false;
    }
  }
}

export type ProfileField = 'name' | 'phone' | 'allergies' | 'dietary';
export interface ProfileForm {
  name: string;
  phone: string;
  allergies: string[];
  dietary: string[];
}

/** Orders a list as the protocol's list has it, dropping what it does not know. */
function inOrder(values: readonly string[], known: readonly string[]): string[] {
  const set = new Set(values);
  return known.filter((k) => set.has(k));
}

/** The profile (`GET /api/v1/me`) and its edits (`PATCH /api/v1/me`, only what changed). */
export class ProfileEditor {
  #profile = $state.raw<Profile | null>(null);
  #loadError = $state.raw<ApiError | null>(null);
  #busy = $state(false);
  #saved = $state(false);
  #errors = $state.raw<FieldErrors<ProfileField>>({});
  #notice = $state.raw<AccountNotice | null>(null);

  get profile(): Profile | null {
    return this.#profile;
  }
  get loadError(): ApiError | null {
    return this.#loadError;
  }
  get busy(): boolean {
    return this.#busy;
  }
  /** The last save went through (cleared by the next edit's save). */
  get saved(): boolean {
    return this.#saved;
  }
  get errors(): FieldErrors<ProfileField> {
    return this.#errors;
  }
  get notice(): AccountNotice | null {
    return this.#notice;
  }

  async load(http: HttpClient, signal?: AbortSignal): Promise<void> {
    try {
      const { user } = await http.get<{ user: Profile }>('/api/v1/me', { signal });
      this.#profile = user;
      this.#loadError = null;
    } catch (error) {
      if (isAbortError(error)) return;
      this.#loadError = toApiError(error);
    }
  }

  /** Saves what differs from the loaded profile; the saved profile, or null (why in errors/notice). */
  async save(http: HttpClient, form: ProfileForm): Promise<Profile | null> {
    const was = this.#profile;
    if (this.#busy || !was) return null;
    const name = form.name.trim();
    const phone = form.phone.trim();
    const errors: FieldErrors<ProfileField> = {};
    if (!name) errors.name = 'account.error.nameMissing';
    if (phone && !PHONE.test(phone)) errors.phone = 'account.error.phoneInvalid';
    else if (!phone && was.phone) errors.phone = 'account.error.phoneMissing';
    this.#errors = errors;
    this.#notice = null;
    this.#saved = false;
    if (hasAny(errors)) return null;
    const allergies = inOrder(form.allergies, ALLERGENS);
    const dietary = inOrder(form.dietary, DIETARY_NEEDS);
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    const patch: Partial<ProfileForm> = {
      ...(name !== was.name ? { name } : {}),
      ...(phone && phone !== (was.phone ?? '') ? { phone } : {}),
      ...(!same(allergies, inOrder(was.allergies, ALLERGENS)) ? { allergies } : {}),
      ...(!same(dietary, inOrder(was.dietary, DIETARY_NEEDS)) ? { dietary } : {}),
    };
    if (!hasAny(patch)) {
      this.#saved = true;
      return was;
    }
    this.#busy = true;
    try {
      const { user } = await http.request<{ user: Profile }>('PATCH', '/api/v1/me', { body: patch });
      this.#profile = user;
      this.#saved = true;
      return user;
    } catch (error) {
      const e = toApiError(error);
      const fields = byField<ProfileField>(e, {
        name: () => 'account.error.nameMissing',
        phone: () => 'account.error.phoneInvalid',
        allergies: () => 'account.profile.listInvalid',
        dietary: () => 'account.profile.listInvalid',
      });
      if (hasAny(fields)) this.#errors = fields;
      else this.#notice = noticeOf(e);
      return null;
    } finally {
      this.#busy = false;
    }
  }
}

/**
 * The signed-in guest's bookings (`GET /api/v1/me/reservations`, newest first). A server from
 * before bookings answers 404: then there is no such list to show (`hidden`), not an error.
 */
export class MyBookings {
  #value = $state.raw<MyReservationsResponse | null>(null);
  #error = $state.raw<ApiError | null>(null);
  #hidden = $state(false);
  #loading = $state(false);

  get value(): MyReservationsResponse | null {
    return this.#value;
  }
  get error(): ApiError | null {
    return this.#error;
  }
  get hidden(): boolean {
    return this.#hidden;
  }
  get loading(): boolean {
    return this.#loading;
  }

  async load(http: HttpClient, signal?: AbortSignal): Promise<void> {
    this.#loading = true;
    try {
      this.#value = await http.get<MyReservationsResponse>('/api/v1/me/reservations', { signal });
      this.#error = null;
      this.#hidden = false;
    } catch (error) {
      if (isAbortError(error)) return;
      const e = toApiError(error);
      if (e.status === 404) this.#hidden = true;
      else this.#error = e;
    } finally {
      this.#loading = false;
    }
  }
}

export type EraseField = 'password' | 'code';

/**
 * Erasing the account (`DELETE /api/v1/me`), proven by the password or a fresh sign-in code sent
 * to the account's email. Its call carries the session itself, not through the app's client: a
 * wrong password answers 401, which must not read as the session being over.
 */
export class AccountErase {
  #method = $state<'password' | 'code'>('password');
  #codeSent = $state(false);
  #busy = $state(false);
  #errors = $state.raw<FieldErrors<EraseField>>({});
  #notice = $state.raw<AccountNotice | null>(null);
  readonly cooldown: Cooldown;
  readonly #http: HttpClient;

  constructor(options: { clock?: Clock; http?: HttpClient } = {}) {
    this.cooldown = new Cooldown(options.clock);
    this.#http = options.http ?? new HttpClient();
  }

  get method(): 'password' | 'code' {
    return this.#method;
  }
  get codeSent(): boolean {
    return this.#codeSent;
  }
  get busy(): boolean {
    return this.#busy;
  }
  get errors(): FieldErrors<EraseField> {
    return this.#errors;
  }
  get notice(): AccountNotice | null {
    return this.#notice;
  }

  choose(method: 'password' | 'code'): void {
    this.#method = method;
    this.#errors = {};
    this.#notice = null;
  }

  /** A sign-in code to the account's own email, the proof the code method asks for. */
  async sendCode(email: string): Promise<boolean> {
    if (this.#busy || this.cooldown.active) return false;
    this.#busy = true;
    this.#errors = {};
    this.#notice = null;
    try {
      await this.#http.post('/api/v1/auth/code', { email });
      this.#codeSent = true;
      this.cooldown.start(RESEND_SECONDS);
      return true;
    } catch (error) {
      const e = toApiError(error);
      this.#notice = e.code === 'rate_limited' ? { key: 'account.code.rateLimited' } : noticeOf(e);
      return false;
    } finally {
      this.#busy = false;
    }
  }

  /** Erases the account signed in with `token`; true once it is gone. */
  async erase(token: string, proof: string): Promise<boolean> {
    if (this.#busy) return false;
    const given = this.#method === 'code' ? proof.replace(/\s+/g, '') : proof;
    const field: EraseField = this.#method;
    const problem = field === 'code' ? codeProblem(given) : given ? undefined : 'account.error.passwordMissing';
    this.#errors = problem ? { [field]: problem } : {};
    this.#notice = null;
    if (problem) return false;
    this.#busy = true;
    try {
      await this.#http.request('DELETE', '/api/v1/me', {
        body: field === 'code' ? { code: given } : { password: given },
        headers: { authorization: `Bearer ${token}` },
      });
      return true;
    } catch (error) {
      const e = toApiError(error);
      if (e.code === 'unauthenticated') this.#errors = { [field]: field === 'code' ? 'account.code.wrong' : 'account.erase.wrongPassword' };
      else if (e.code === 'validation')
        this.#errors = { [field]: field === 'code' ? 'account.error.codeInvalid' : 'account.error.passwordMissing' };
      else this.#notice = noticeOf(e);
      return false;
    } finally {
      this.#busy = false;
    }
  }
}

/** `GET /api/v1/me/export`, saved by the browser as a JSON file named for the day. */
export async function downloadExport(http: HttpClient, doc: Document = document): Promise<void> {
  const data = await http.get<unknown>('/api/v1/me/export');
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = `dinewire-account-${new Date().toISOString().slice(0, 10)}.json`;
  doc.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
