import { DinewireApi } from './client';
import { ApiError, HttpClient } from './http';

type Call = { url: string; init: RequestInit };

/** Answers every fetch with one response, and remembers what was asked. */
function answering(status: number, body: string | null, calls: Call[] = []): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('HttpClient and DinewireApi', () => {
  it('sends the query the protocol’s schemas read, and the bearer token', async () => {
    const calls: Call[] = [];
    globalThis.fetch = answering(200, JSON.stringify({ orders: [], latestSeq: 4 }), calls);
    const api = new DinewireApi(new HttpClient({ baseUrl: 'http://node.test', token: () => 'tok' }));

    const list = await api.orders('r/1', { status: 'placed,ready', since: undefined });
    expect(list.latestSeq).toBe(4);
    expect(calls[0]?.url).toBe('http://node.test/api/v1/restaurants/r%2F1/orders?status=placed%2Cready');
    expect((calls[0]?.init.headers as Record<string, string>).authorization).toBe('Bearer tok');

    globalThis.fetch = answering(200, JSON.stringify({ restaurants: [{ id: 'x' }] }), calls);
    expect(await api.restaurants({ lang: 'zh-Hant', cuisine: 'cantonese' })).toEqual([{ id: 'x' }]);
    expect(calls[1]?.url).toBe('http://node.test/api/v1/restaurants?lang=zh-Hant&cuisine=cantonese');
  });

  it('turns the contract’s error body into an ApiError with its code and details', async () => {
    const body = { error: { code: 'validation', message: 'bad', details: [{ path: 'lang', message: 'unknown' }] } };
    globalThis.fetch = answering(400, JSON.stringify(body));
    const error = await failure(new HttpClient().get('/api/v1/restaurants'));
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation');
    expect(error.details).toEqual(body.error.details);
  });

  it('names a proxy’s or crashed node’s non-JSON answer by its status', async () => {
    globalThis.fetch = answering(502, '<html>Bad gateway</html>');
    expect((await failure(new HttpClient().get('/x'))).code).toBe('unavailable');
    globalThis.fetch = answering(200, 'not json');
    expect((await failure(new HttpClient().get('/x'))).code).toBe('bad_response');
  });

  it('reports a network failure as such, and a 401 on a signed call as the end of the session', async () => {
    globalThis.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect((await failure(new HttpClient().get('/x'))).code).toBe('network');

    const ended: ApiError[] = [];
    globalThis.fetch = answering(401, JSON.stringify({ error: { code: 'unauthenticated', message: 'expired' } }));
    await failure(new HttpClient({ token: () => 'tok', onUnauthenticated: (e) => ended.push(e) }).get('/x'));
    await failure(new HttpClient({ token: () => null, onUnauthenticated: (e) => ended.push(e) }).get('/x'));
    expect(ended.map((e) => e.code)).toEqual(['unauthenticated']);
  });
});
