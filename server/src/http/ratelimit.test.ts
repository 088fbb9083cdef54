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
