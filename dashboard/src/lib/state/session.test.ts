import { MemoryStorage } from '@dinewire/ui/testing';
import { deviceScreenOf, homeScreenOf, RestaurantScreens, screensOfRole } from './screens';
import { Session, type SessionDevice } from './session.svelte';

const device: SessionDevice = { id: 'd1', restaurantId: 'r1', kind: 'kitchen', stationId: 's1', name: 'Wok screen' };
const user = { id: 'u1', name: 'Mei', role: 'manager' as const, restaurantIds: ['r1'] };

describe('Session', () => {
  it('keeps a paired device across a reload of the browser, and a person only in the tab', () => {
    const tab = new MemoryStorage();
    const browser = new MemoryStorage();
    const first = new Session(tab, browser);
    first.setDevice(device, 'device-token');
    first.set(user, 'user-token');
    expect(first.token).toBe('user-token');
    expect(first.device).toBeNull();

    // The same tab reloaded: both back, the person first.
    const reloaded = new Session(tab, browser);
    expect(reloaded.user?.id).toBe('u1');
    expect(reloaded.token).toBe('user-token');

    // A new tab, or the browser restarted: only the device.
    const restarted = new Session(new MemoryStorage(), browser);
    expect(restarted.user).toBeNull();
    expect(restarted.device).toEqual(device);
    expect(restarted.token).toBe('device-token');
  });

  it('signing out leaves the device paired; unpairing forgets it', () => {
    const browser = new MemoryStorage();
    const session = new Session(new MemoryStorage(), browser);
    session.setDevice(device, 'device-token');
    session.set(user, 'user-token');
    session.clear();
    expect(session.device?.id).toBe('d1');
    expect(session.token).toBe('device-token');
    session.clearDevice();
    expect(session.signedIn).toBe(false);
    expect(new Session(new MemoryStorage(), browser).signedIn).toBe(false);
  });

  it('ignores a stored device that is not one', () => {
    const browser = new MemoryStorage();
    browser.setItem('dinewire.staff.device', JSON.stringify({ device: { ...device, kind: 'toaster' }, token: 't' }));
    expect(new Session(new MemoryStorage(), browser).signedIn).toBe(false);
    browser.setItem('dinewire.staff.device', '{not json');
    expect(new Session(new MemoryStorage(), browser).signedIn).toBe(false);
  });
});

describe('screens', () => {
  it('gives managers every screen and the others theirs', () => {
    expect(screensOfRole('manager')).toEqual(RestaurantScreens);
    expect(screensOfRole('kitchen')).toEqual(['kitchen', 'expo', 'board']);
    expect(screensOfRole('host')).toEqual(['host', 'expo', 'board']);
    expect(screensOfRole('guest')).toEqual([]);
    expect(homeScreenOf('manager')).toBe('live');
    expect(homeScreenOf('host')).toBe('host');
    expect(homeScreenOf('kitchen')).toBe('kitchen');
    expect(homeScreenOf('guest')).toBeNull();
  });

  it('gives a device its own screen only', () => {
    expect(deviceScreenOf({ kind: 'kitchen' })).toBe('kitchen');
    expect(deviceScreenOf({ kind: 'board' })).toBe('board');
    expect(deviceScreenOf({ kind: 'kiosk' })).toBeNull();
  });
});
