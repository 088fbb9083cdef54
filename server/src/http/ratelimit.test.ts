import { io as ioClient } from 'socket.io-client';
import { client, startTestNode } from '../test/harness';

describe('anti-automation', () => {
  it('believes X-Forwarded-For only from TRUST_PROXY: spoofed addresses from another peer share its budget', async () => {
    // The test's own address (127.0.0.1) is not a trusted balancer here.
    const node = await startTestNode({ config: { rateLimitPerMinute: 5, trustProxy: ['10.9.8.7'] } });
    try {
      const api = client(node.url);
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push((await api.get('/api/v1/restaurants', { 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
    } finally {
      await node.close();
    }
  });

  it('still believes X-Forwarded-For from a trusted balancer (loopback by default)', async () => {
    const node = await startTestNode({ config: { rateLimitPerMinute: 2 } });
    try {
      const api = client(node.url);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await api.get('/api/v1/restaurants', { 'x-forwarded-for': `198.51.100.${i + 1}` })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      await node.close();
    }
  });
});

describe('bad tokens', () => {
  // From loopback (a trusted balancer by default), X-Forwarded-For stands for the client address.
  const from = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;

  it('are refused before the limiter: 30 requests with bad tokens leave the address its whole budget', async () => {
    const node = await startTestNode({ config: { rateLimitPerMinute: 5 } });
    try {
      const api = client(node.url);
      for (let i = 0; i < 30; i++) {
        const res = await api.get('/api/v1/restaurants', { 'x-forwarded-for': from, authorization: `Bearer dw_bogus${i}` });
        expect(res.status).toBe(401);
      }
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await api.get('/api/v1/restaurants', { 'x-forwarded-for': from })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await node.close();
    }
  });

  it('are refused at the socket handshake without spending the address’s handshakes', async () => {
    const node = await startTestNode({
      config: {
        rateLimitPerMinute: 600,
        socketLimits: { emitsPerSecond: 5, emitBurst: 20, connectionsPerAddress: 0, connectsPerMinute: 6, blockSeconds: 60 },
      },
    });
    const attempt = (token?: string) =>
      new Promise<string>((resolve) => {
        const s = ioClient(node.url, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          auth: token ? { token } : {},
          extraHeaders: { 'x-forwarded-for': from },
        });
        s.once('connect', () => {
          s.close();
          resolve('connected');
        });
        s.once('connect_error', (err) => {
          s.close();
          resolve(err.message);
        });
      });
    try {
      for (let i = 0; i < 30; i++) expect(await attempt(`dw_bogus${i}`)).toBe('unauthenticated');
      const results: string[] = [];
      for (let i = 0; i < 7; i++) results.push(await attempt());
      expect(results).toEqual([...Array(6).fill('connected'), 'rate_limited']);
    } finally {
      await node.close();
    }
  });
});
