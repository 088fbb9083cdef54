import http from 'node:http';

/**
 * A JSON client for the load scripts over keep-alive connections. With `spread`, connections come
 * from that many loopback addresses, so nginx's client-address hash spreads them over the nodes as
 * it would spread real guests' phones and kiosks (with 32 addresses the consistent hash split
 * them 64/36 and the busier node set the tail; with hundreds it tends to its ring's own split,
 * about 57/43 for two local nodes).
 */
export class Http {
  #agents: http.Agent[];
  #next = 0;

  constructor(
    readonly baseUrl: string,
    opts: { spread?: number } = {},
  ) {
    const n = Math.max(1, opts.spread ?? 1);
    this.#agents = Array.from(
      { length: n },
      (_, i) =>
        new http.Agent({
          keepAlive: true,
          maxSockets: 256,
          ...(n > 1 ? { localAddress: `127.0.${1 + Math.floor(i / 250)}.${(i % 250) + 2}` } : {}),
        } as http.AgentOptions),
    );
  }

  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    opts: { token?: string; idempotencyKey?: string; timeoutMs?: number } = {},
  ): Promise<{ status: number; body: T; nodeId: string | null }> {
    const headers: Record<string, string> = {};
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    const agent = this.#agents[this.#next++ % this.#agents.length];
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.baseUrl}${path}`, { method, headers, agent, timeout: opts.timeoutMs ?? 15_000 }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // an HTML error page from the balancer, kept as text
          }
          // X-Node-Id: which node behind the balancer answered.
          const node = res.headers['x-node-id'];
          resolve({ status: res.statusCode ?? 0, body: parsed as T, nodeId: typeof node === 'string' ? node : null });
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(payload);
    });
  }

  get<T = unknown>(path: string, opts?: { token?: string }) {
    return this.request<T>('GET', path, undefined, opts);
  }

  post<T = unknown>(path: string, body: unknown, opts?: { token?: string; idempotencyKey?: string; timeoutMs?: number }) {
    return this.request<T>('POST', path, body, opts);
  }

  close(): void {
    for (const a of this.#agents) a.destroy();
  }
}
