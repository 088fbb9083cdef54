/** A JSON client over Node's fetch (undici, keep-alive), for the load scripts. */
export class Http {
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    opts: { token?: string; idempotencyKey?: string; timeoutMs?: number } = {},
  ): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // an HTML error page from the balancer, kept as text
    }
    return { status: res.status, body: parsed as T };
  }

  get<T = unknown>(path: string, opts?: { token?: string }) {
    return this.request<T>('GET', path, undefined, opts);
  }

  post<T = unknown>(path: string, body: unknown, opts?: { token?: string; idempotencyKey?: string; timeoutMs?: number }) {
    return this.request<T>('POST', path, body, opts);
  }
}
