import { HttpClient } from '@dinewire/ui/api';
import { GUEST_SESSION_KEY, GuestAccount } from './account.svelte';

class MemoryStorage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  clear() {
    this.items.clear();
  }
}

const storage = (value?: unknown) => {
  const s = new MemoryStorage();
  if (value !== undefined) s.setItem(GUEST_SESSION_KEY, typeof value === 'string' ? value : JSON.stringify(value));
  return s as unknown as Storage;
};

// Nothing is listening here: a call that reached the network would fail as `network`, not as a field.
const offline = new HttpClient({ baseUrl: 'http://127.0.0.1:9' });

describe('the guest’s account on their phone', () => {
  it('stays signed in from what it kept, a guest only', () => {
    const kept = new GuestAccount(storage({ user: { id: 'u1', name: 'Mei', role: 'guest' }, token: 't1' }));
    expect(kept.signedIn).toBe(true);
    expect(kept.user).toEqual({ id: 'u1', name: 'Mei', role: 'guest' });
    expect(kept.token).toBe('t1');
    expect(new GuestAccount(storage({ user: { id: 'u1', name: 'Boss', role: 'manager' }, token: 't1' })).signedIn).toBe(false);
    expect(new GuestAccount(storage('{not json')).signedIn).toBe(false);
    expect(new GuestAccount(storage()).signedIn).toBe(false);
  });

  it('says what is wrong by field before asking the server', async () => {
    const account = new GuestAccount(storage());
    expect(await account.signIn(offline, '', '')).toBe(false);
    expect(account.errors).toEqual({ email: 'account.error.emailMissing', password: 'account.error.passwordMissing' });
    expect(await account.signIn(offline, 'mei@', 'secret')).toBe(false);
    expect(account.errors).toEqual({ email: 'account.error.emailInvalid' });
    expect(account.notice).toBeNull();
  });

  it('forgets the session, here and in storage, with the reason', () => {
    const s = storage({ user: { id: 'u1', name: 'Mei', role: 'guest' }, token: 't1' });
    const account = new GuestAccount(s);
    account.forget({ key: 'account.sessionEnded' });
    expect(account.signedIn).toBe(false);
    expect(account.notice).toEqual({ key: 'account.sessionEnded' });
    expect(s.getItem(GUEST_SESSION_KEY)).toBeNull();
  });

  it('keeps a session a code or a sign-up opened, a guest’s only, and a new name', async () => {
    const s = storage();
    const account = new GuestAccount(s);
    const user = { id: 'u2', name: 'Mei', email: 'mei@example.com', restaurantIds: [] };
    expect(await account.adopt(offline, { user: { ...user, role: 'manager' }, token: 'staff' })).toBe(false);
    expect(account.signedIn).toBe(false);
    expect(account.notice).toEqual({ key: 'account.staffAccount' });
    expect(await account.adopt(offline, { user: { ...user, role: 'guest' }, token: 't2' })).toBe(true);
    expect(account.notice).toBeNull();
    account.rename('Mei Chan');
    expect(new GuestAccount(s).user).toEqual({ id: 'u2', name: 'Mei Chan', role: 'guest' });
  });
});
