import os from 'node:os';
import { io as ioClient } from 'socket.io-client';
import type { Sequelize } from 'sequelize';
import type { DinewireNode } from '../node';
import { makeRestaurant, makeUser } from '../test/factories';
import { startTestNode, testSequelize } from '../test/harness';
import { SESSION_COOKIE } from './auth';

/**
 * Headers and origins from the attacker's side: a strict content security policy and no framing on
 * every page, HSTS only over HTTPS, a session cookie useless to another site's socket, and
 * /metrics closed to the outside unless the operator's token comes with it.
 */

const METRICS_TOKEN = 'metrics-token-for-operators-0123';
let db: Sequelize;
let node: DinewireNode;
let manager: { token: string };

beforeAll(async () => {
  db = testSequelize();
  // Listening on every interface, so the test can also call from an address that is not loopback.
  node = await startTestNode({ config: { host: '0.0.0.0', metricsToken: METRICS_TOKEN } });
  const restaurant = await makeRestaurant(db);
  manager = await makeUser(db, 'manager', [restaurant.id]);
});
afterAll(async () => {
  await node?.close();
  await db?.close();
});

const port = () => new URL(node.url).port;

describe('security headers', () => {
  it.each(['/', '/kiosk/', '/dashboard/r/x/kitchen', '/api/v1/restaurants', '/healthz'])('sends a strict policy on %s', async (path) => {
    const res = await fetch(`${node.url}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain HTTP
  });

  it('sends HSTS only when the trusted proxy says the request came over HTTPS', async () => {
    const secure = await fetch(`${node.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    const plain = await fetch(`${node.url}/healthz`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('serves a landing page with no inline script or style', async () => {
    const html = await (await fetch(`${node.url}/`)).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).toContain('href="/landing.css"');
    const css = await fetch(`${node.url}/landing.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});

describe('socket handshake origin', () => {
  const connect = (opts: { cookie?: string; origin?: string; token?: string }) =>
    new Promise<{ ok: boolean; error?: string }>((resolve) => {
      const socket = ioClient(node.url, {
        transports: ['websocket'],
        reconnection: false,
        auth: opts.token ? { token: opts.token } : {},
        extraHeaders: {
          ...(opts.cookie ? { cookie: `${SESSION_COOKIE}=${opts.cookie}` } : {}),
          ...(opts.origin ? { origin: opts.origin } : {}),
        },
      });
      socket.on('connect', () => {
        socket.close();
        resolve({ ok: true });
      });
      socket.on('connect_error', (err) => {
        socket.close();
        resolve({ ok: false, error: err.message });
      });
    });

  it('refuses a session cookie sent from another site', async () => {
    expect(await connect({ cookie: manager.token, origin: 'https://evil.example' })).toEqual({ ok: false, error: 'forbidden' });
    expect(await connect({ cookie: manager.token, origin: 'null' })).toEqual({ ok: false, error: 'forbidden' });
  });

  it('takes the cookie from the same origin, and a token in auth from anywhere', async () => {
    expect(await connect({ cookie: manager.token, origin: `http://127.0.0.1:${port()}` })).toEqual({ ok: true });
    expect(await connect({ cookie: manager.token })).toEqual({ ok: true });
    expect(await connect({ token: manager.token, origin: 'https://evil.example' })).toEqual({ ok: true });
    expect(await connect({ origin: 'https://evil.example' })).toEqual({ ok: true }); // anonymous: public scopes only
  });
});

describe('/metrics access', () => {
  // An address of this machine that is not loopback: calls to it arrive from that address.
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

  it('answers the host itself', async () => {
    const res = await fetch(`${node.url}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('# HELP');
  });

  (outside ? it : it.skip)('refuses other addresses without the token, and anything relayed from outside', async () => {
    const url = `http://${outside}:${port()}/metrics`;
    const refused = await fetch(url);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('forbidden');
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    // Through the balancer (loopback, with X-Forwarded-For): still the token.
    expect((await fetch(`${node.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    expect(
      (await fetch(`${node.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${METRICS_TOKEN}` } }))
        .status,
    ).toBe(200);
  });
});
