import type { Profile } from '@dinewire/protocol';
import { HttpClient } from '@dinewire/ui/api';
import {
  AccountErase,
  CODE_MINUTES,
  CodeSignIn,
  Cooldown,
  MyBookings,
  ProfileEditor,
  RESEND_SECONDS,
  Registration,
  type Clock,
} from './account-forms.svelte';

type Call = { method: string; url: string; body: unknown; headers: Record<string, string> };
type Answer = { status: number; body?: unknown };

/** Answers each fetch with the next scripted response (as the server's contract shapes them), remembering what was asked. */
function script(answers: Answer[]): Call[] {
  const calls: Call[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    calls.push({
      method: init.method ?? 'GET',
      url,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      headers: init.headers as Record<string, string>,
    });
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call ${url}`);
    return new Response(next.body === undefined ? null : JSON.stringify(next.body), {
      status: next.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return calls;
}

const validation = (field: string, message: string): Answer => ({
  status: 400,
  body: { error: { code: 'validation', message: `${field}: ${message}`, details: [{ field, message }] } },
});
const refused: Answer = { status: 401, body: { error: { code: 'unauthenticated', message: 'Wrong or expired code: ask for a new one.' } } };
const signed = { user: { id: 'u1', name: 'Mei', email: 'mei@example.com', role: 'guest', restaurantIds: [] }, token: 't1' };

/** A clock the test moves by hand; intervals run when it passes their time. */
class FakeClock implements Clock {
  t = 1_000_000;
  readonly timers = new Map<number, { fn: () => void; every: number; next: number }>();
  #id = 0;
  now = () => this.t;
  setInterval = (fn: () => void, ms: number) => {
    const id = ++this.#id;
    this.timers.set(id, { fn, every: ms, next: this.t + ms });
    return id;
  };
  clearInterval = (handle: unknown) => {
    this.timers.delete(handle as number);
  };
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.t = due.next;
      due.next += due.every;
      due.fn();
    }
    this.t = end;
  }
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});
const http = () => new HttpClient({ baseUrl: 'http://server.test' });

describe('Cooldown', () => {
  it('counts whole seconds down and stops its timer at zero', () => {
    const clock = new FakeClock();
    const c = new Cooldown(clock);
    expect(c.active).toBe(false);
    c.start(3);
    expect(c.secondsLeft).toBe(3);
    clock.advance(1000);
    expect(c.secondsLeft).toBe(2);
    clock.advance(2000);
    expect(c.active).toBe(false);
    expect(clock.timers.size).toBe(0);
  });
});

describe('Registration', () => {
  it('says what is wrong by field before sending, then shows the server’s refusal by field', async () => {
    const reg = new Registration();
    const calls = script([validation('password', 'too common: choose one that is not on lists of common passwords')]);
    expect(await reg.register(http(), { name: ' ', email: 'mei@', phone: '12', password: 'short' })).toBe(false);
    expect(reg.errors).toEqual({
      name: 'account.error.nameMissing',
      email: 'account.error.emailInvalid',
      phone: 'account.error.phoneInvalid',
      password: 'account.error.passwordShort',
    });
    expect(calls).toHaveLength(0);
    expect(await reg.register(http(), { name: 'Mei', email: 'mei@example.com', phone: '+852 6123 4567', password: '1234567890' })).toBe(
      false,
    );
    expect(reg.errors).toEqual({ password: 'account.error.passwordCommon' });
    expect(reg.step).toBe('form');
  });

  it('goes on to the emailed code, and answers the session it opens', async () => {
    const reg = new Registration();
    const calls = script([
      { status: 202, body: { status: 'verification_sent' } },
      validation('code', 'unknown, already used or expired'),
      { status: 201, body: signed },
    ]);
    expect(
      await reg.register(http(), { name: ' Mei ', email: 'mei@example.com ', phone: '+852 6123 4567', password: 'plum blossom tea' }),
    ).toBe(true);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://server.test/api/v1/auth/register',
      body: { name: 'Mei', email: 'mei@example.com' },
    });
    expect(reg.step).toBe('verify');
    expect(reg.email).toBe('mei@example.com');
    expect(await reg.verify(http(), '')).toBeNull();
    expect(reg.errors).toEqual({ code: 'account.error.codeMissing' });
    expect(await reg.verify(http(), 'rg_wrong')).toBeNull();
    expect(reg.errors).toEqual({ code: 'account.register.codeWrong' });
    expect(await reg.verify(http(), ' rg_right ')).toEqual(signed);
    expect(calls[2]!.body).toEqual({ code: 'rg_right' });
  });
});

describe('CodeSignIn', () => {
  it('checks the contact for its channel, sends to it, and cools the resend down', async () => {
    const clock = new FakeClock();
    const flow = new CodeSignIn(clock);
    flow.choose('phone');
    expect(await flow.request(http(), 'mei@example.com')).toBe(false);
    expect(flow.errors).toEqual({ contact: 'account.error.phoneInvalid' });
    const calls = script([
      { status: 202, body: { status: 'code_sent' } },
      { status: 202, body: { status: 'code_sent' } },
    ]);
    expect(await flow.request(http(), ' +852 6123 4567 ')).toBe(true);
    expect(calls[0]!.body).toEqual({ phone: '+852 6123 4567' });
    expect(flow.step).toBe('code');
    expect(flow.cooldown.secondsLeft).toBe(RESEND_SECONDS);
    expect(await flow.resend(http())).toBe(false);
    expect(calls).toHaveLength(1);
    clock.advance(RESEND_SECONDS * 1000);
    expect(await flow.resend(http())).toBe(true);
    expect(flow.notice).toEqual({ key: 'account.code.resent' });
    expect(calls).toHaveLength(2);
  });

  it('counts wrong tries down to "too many", then refuses without asking', async () => {
    const flow = new CodeSignIn(new FakeClock());
    script([{ status: 202, body: { status: 'code_sent' } }, refused, refused, refused, refused, refused]);
    await flow.request(http(), 'mei@example.com');
    expect(await flow.verify(http(), '12')).toBeNull();
    expect(flow.errors).toEqual({ code: 'account.error.codeInvalid' });
    for (let left = 4; left >= 1; left--) {
      expect(await flow.verify(http(), '111111')).toBeNull();
      expect(flow.errors).toEqual({ code: 'account.code.wrong' });
      expect(flow.triesLeft).toBe(left);
    }
    expect(await flow.verify(http(), '111111')).toBeNull();
    expect(flow.errors).toEqual({ code: 'account.code.tooMany' });
    expect(flow.spent).toBe(true);
    // Nothing more is sent for a dead code (the script has no answer left: a call would throw).
    expect(await flow.verify(http(), '222222')).toBeNull();
    expect(flow.errors).toEqual({ code: 'account.code.tooMany' });
  });

  it('says the code expired once its minutes are up, and a new one starts over', async () => {
    const clock = new FakeClock();
    const flow = new CodeSignIn(clock);
    const calls = script([
      { status: 202, body: { status: 'code_sent' } },
      { status: 202, body: { status: 'code_sent' } },
      { status: 200, body: signed },
    ]);
    await flow.request(http(), 'mei@example.com');
    clock.advance(CODE_MINUTES * 60_000);
    expect(await flow.verify(http(), '123456')).toBeNull();
    expect(flow.errors).toEqual({ code: 'account.code.expired' });
    expect(await flow.resend(http())).toBe(true);
    expect(flow.spent).toBe(false);
    expect(await flow.verify(http(), '123 456')).toEqual(signed);
    expect(calls[2]!.body).toEqual({ email: 'mei@example.com', code: '123456' });
  });

  it('tells a rate limit apart', async () => {
    const flow = new CodeSignIn(new FakeClock());
    script([{ status: 429, body: { error: { code: 'rate_limited', message: 'Too many requests; try again shortly.' } } }]);
    expect(await flow.request(http(), 'mei@example.com')).toBe(false);
    expect(flow.notice).toEqual({ key: 'account.code.rateLimited' });
    expect(flow.step).toBe('contact');
  });
});

const profile: Profile = { ...signed.user, role: 'guest', phone: '+852 6123 4567', allergies: ['sesame'], dietary: [] };

describe('ProfileEditor', () => {
  it('sends only what changed, lists in the protocol’s order, and keeps what the server answers', async () => {
    const editor = new ProfileEditor();
    const saved = { ...profile, allergies: ['peanut', 'sesame'], dietary: ['vegan'] };
    const calls = script([
      { status: 200, body: { user: profile } },
      { status: 200, body: { user: saved } },
    ]);
    await editor.load(http());
    expect(editor.profile).toEqual(profile);
    const result = await editor.save(http(), { name: 'Mei', phone: '+852 6123 4567', allergies: ['sesame', 'peanut'], dietary: ['vegan'] });
    expect(result).toEqual(saved);
    expect(calls[1]).toMatchObject({
      method: 'PATCH',
      url: 'http://server.test/api/v1/me',
      body: { allergies: ['peanut', 'sesame'], dietary: ['vegan'] },
    });
    expect(editor.saved).toBe(true);
    // Nothing changed: saved without a call.
    expect(
      await editor.save(http(), { name: 'Mei', phone: '+852 6123 4567', allergies: ['peanut', 'sesame'], dietary: ['vegan'] }),
    ).toEqual(saved);
    expect(calls).toHaveLength(2);
  });

  it('refuses an empty name and a bad phone by field, and shows the server’s by field', async () => {
    const editor = new ProfileEditor();
    script([{ status: 200, body: { user: profile } }, validation('phone', 'a phone number of 6 to 20 digits')]);
    await editor.load(http());
    expect(await editor.save(http(), { name: '', phone: 'abc', allergies: [], dietary: [] })).toBeNull();
    expect(editor.errors).toEqual({ name: 'account.error.nameMissing', phone: 'account.error.phoneInvalid' });
    expect(await editor.save(http(), { name: 'Mei', phone: '+852 (0) 1234', allergies: [], dietary: [] })).toBeNull();
    expect(editor.errors).toEqual({ phone: 'account.error.phoneInvalid' });
  });
});

describe('MyBookings', () => {
  it('hides itself on a 404 (a server without bookings), shows other errors', async () => {
    const bookings = new MyBookings();
    script([
      { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } },
      { status: 503, body: { error: { code: 'unavailable', message: 'busy' } } },
      { status: 200, body: { reservations: [], restaurants: [] } },
    ]);
    await bookings.load(http());
    expect(bookings.hidden).toBe(true);
    expect(bookings.error).toBeNull();
    await bookings.load(http());
    expect(bookings.error?.code).toBe('unavailable');
    await bookings.load(http());
    expect(bookings.value).toEqual({ reservations: [], restaurants: [] });
    expect(bookings.hidden).toBe(false);
    expect(bookings.error).toBeNull();
  });
});

describe('AccountErase', () => {
  it('carries the session itself, reads a wrong password as the field’s, never as the session ending', async () => {
    let ended = 0;
    const erase = new AccountErase({
      clock: new FakeClock(),
      http: new HttpClient({ baseUrl: 'http://server.test', onUnauthenticated: () => ended++ }),
    });
    const calls = script([{ status: 401, body: { error: { code: 'unauthenticated', message: 'Wrong password.' } } }, { status: 204 }]);
    expect(await erase.erase('t1', '')).toBe(false);
    expect(erase.errors).toEqual({ password: 'account.error.passwordMissing' });
    expect(await erase.erase('t1', 'wrong')).toBe(false);
    expect(erase.errors).toEqual({ password: 'account.erase.wrongPassword' });
    expect(ended).toBe(0);
    expect(calls[0]).toMatchObject({ method: 'DELETE', url: 'http://server.test/api/v1/me', body: { password: 'wrong' } });
    expect(calls[0]!.headers.authorization).toBe('Bearer t1');
    expect(await erase.erase('t1', 'right one')).toBe(true);
  });

  it('sends a code to the account’s email, cooling down, and erases with it', async () => {
    const clock = new FakeClock();
    const erase = new AccountErase({ clock, http: new HttpClient({ baseUrl: 'http://server.test' }) });
    erase.choose('code');
    const calls = script([{ status: 202, body: { status: 'code_sent' } }, { status: 204 }]);
    expect(await erase.sendCode('mei@example.com')).toBe(true);
    expect(erase.codeSent).toBe(true);
    expect(await erase.sendCode('mei@example.com')).toBe(false);
    expect(await erase.erase('t1', '12345')).toBe(false);
    expect(erase.errors).toEqual({ code: 'account.error.codeInvalid' });
    expect(await erase.erase('t1', '123456')).toBe(true);
    expect(calls.map((c) => c.body)).toEqual([{ email: 'mei@example.com' }, { code: '123456' }]);
  });
});
