import { dashboardRoutes, kioskRoutes } from './screens';
import { RouteTable } from './table';

const ID = '6f1c2f7e-8a4b-4c1d-9e2f-0a1b2c3d4e5f';

describe('the Screens table', () => {
  it('knows every kiosk address of CONTRACT.md', () => {
    expect(kioskRoutes.match('/kiosk/')).toEqual({ name: 'restaurants', params: {}, query: {} });
    expect(kioskRoutes.match('/kiosk')).toEqual({ name: 'restaurants', params: {}, query: {} });
    expect(kioskRoutes.match('/kiosk/r/jade-harbour', `?table=${ID}`)).toEqual({
      name: 'menu',
      params: { r: 'jade-harbour' },
      query: { table: ID },
    });
    expect(kioskRoutes.match(`/kiosk/orders/${ID}`, '?token=abc')).toEqual({
      name: 'order',
      params: { orderId: ID },
      query: { token: 'abc' },
    });
    expect(kioskRoutes.match('/kiosk/r/jade-harbour/book')?.name).toBe('booking');
    expect(kioskRoutes.match('/kiosk/account')?.name).toBe('account');
    expect(kioskRoutes.match('/kiosk/pair')?.name).toBe('pair');
  });

  it('knows every dashboard address of CONTRACT.md, and the table QR sheet', () => {
    expect(dashboardRoutes.match('/dashboard/')?.name).toBe('home');
    expect(dashboardRoutes.match(`/dashboard/r/${ID}/kitchen`, '?station=grill')).toEqual({
      name: 'kitchen',
      params: { r: ID },
      query: { station: 'grill' },
    });
    for (const name of ['expo', 'board', 'live', 'inventory', 'devices', 'tables', 'host'] as const) {
      expect(dashboardRoutes.match(`/dashboard/r/jade/${name}`)).toEqual({ name, params: { r: 'jade' }, query: {} });
    }
    expect(dashboardRoutes.match('/dashboard/pair')?.name).toBe('pair');
  });

  it('does not know other addresses, nor another app’s', () => {
    expect(kioskRoutes.match('/kiosk/r')).toBeNull();
    expect(kioskRoutes.match('/kiosk/r/jade/menu')).toBeNull();
    expect(kioskRoutes.match('/kiosk/restaurants/jade')).toBeNull();
    expect(kioskRoutes.match('/kiosks/')).toBeNull();
    expect(kioskRoutes.match('/dashboard/')).toBeNull();
    expect(dashboardRoutes.match('/dashboard/r/jade')).toBeNull();
    expect(dashboardRoutes.match('/dashboard/r/jade/live/extra')).toBeNull();
  });

  it('ignores a trailing slash, decodes parameters, and reads only the declared query keys', () => {
    expect(kioskRoutes.match('/kiosk/r/%E7%BF%A0%E8%8B%91/', '?table=&lang=zh-Hant&x=1')).toEqual({
      name: 'menu',
      params: { r: '翠苑' },
      query: {},
    });
    expect(kioskRoutes.match('/kiosk/r/%E0%A4%A')).toBeNull();
  });

  it('builds the real path of a route, and reads it back', () => {
    const href = kioskRoutes.href('menu', { r: 'jade harbour/2' }, { table: ID });
    expect(href).toBe(`/kiosk/r/jade%20harbour%2F2?table=${ID}`);
    const url = new URL(href, 'http://x');
    expect(kioskRoutes.match(url.pathname, url.search)).toEqual({
      name: 'menu',
      params: { r: 'jade harbour/2' },
      query: { table: ID },
    });
    expect(kioskRoutes.href('restaurants', {})).toBe('/kiosk/');
    expect(dashboardRoutes.href('live', { r: 'jade' })).toBe('/dashboard/r/jade/live');
    expect(dashboardRoutes.href('kitchen', { r: 'jade' }, {})).toBe('/dashboard/r/jade/kitchen');
  });

  it('matches in table order, so a literal segment can come before a parameter', () => {
    const table = new RouteTable('/app', { pair: { path: '/r/pair' }, restaurant: { path: '/r/:r' } });
    expect(table.match('/app/r/pair')?.name).toBe('pair');
    expect(table.match('/app/r/other')?.name).toBe('restaurant');
  });
});
