import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { ProviderApiError } from './errors';
import { parseExactJson } from './json';
import { buildProviderUrl, fetchAllPages } from './pages';
import { fetchProviderJson, retryAfterMs } from './request';
import { bucketDay, pullWindow, windowSpans } from './window';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server;
let base: string;
let handlers: Handler[];
let requests: string[];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const handler = handlers.shift();
    if (handler) handler(req, res);
    else res.writeHead(500).end('no handler');
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise(resolve => server.close(resolve)));
beforeEach(() => {
  handlers = [];
  requests = [];
});

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(typeof body === 'string' ? body : JSON.stringify(body));

function options(waits: number[] = []) {
  return {
    service: 'Acme',
    headers: { authorization: 'Bearer secret-key' },
    retry: {
      maxAttempts: 3,
      initialDelayMs: 100,
      maxDelayMs: 5000,
      sleep: async (ms: number) => {
        waits.push(ms);
      },
    },
  };
}

describe('parseExactJson', () => {
  it('keeps numbers as the text they were written with', () => {
    expect(
      parseExactJson('{"a": 0.1234567890123456789, "b": [1, 2e-7], "c": "x"}'),
    ).toEqual({ a: '0.1234567890123456789', b: ['1', '2e-7'], c: 'x' });
  });
});

describe('fetchProviderJson', () => {
  it('waits what Retry-After asks on 429, then succeeds', async () => {
    handlers.push(
      json(429, { error: { message: 'Rate limit' } }, { 'retry-after': '2' }),
      json(200, { ok: 1.1 }),
    );
    const waits: number[] = [];
    await expect(
      fetchProviderJson(`${base}/x`, options(waits)),
    ).resolves.toEqual({ ok: '1.1' });
    expect(waits).toEqual([2000]);
  });

  it('backs off exponentially on 5xx without Retry-After', async () => {
    handlers.push(json(500, 'oops'), json(503, 'busy'), json(200, '{"v": 1}'));
    const waits: number[] = [];
    await expect(
      fetchProviderJson(`${base}/x`, options(waits)),
    ).resolves.toEqual({ v: '1' });
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the last attempt with the answer in the message', async () => {
    handlers.push(
      json(500, 'a'),
      json(500, 'b'),
      json(500, { error: { message: 'still down' } }),
    );
    const error = await fetchProviderJson(`${base}/x`, options()).catch(e => e);
    expect(error).toBeInstanceOf(ProviderApiError);
    expect(error.kind).toBe('server');
    expect(error.message).toMatch(
      /Acme answered HTTP 500 \(still down\) to GET http:\/\/127\.0\.0\.1:\d+\/x; gave up after 3 attempt/,
    );
  });

  it('refuses a bad key at once, without retry and without showing the key', async () => {
    handlers.push(
      json(401, { error: { message: 'Incorrect API key provided' } }),
    );
    const error = await fetchProviderJson(`${base}/x`, {
      ...options(),
      authHint: 'Check finops.acme.adminKey',
    }).catch(e => e);
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      `Acme refused the admin key (HTTP 401 to GET ${base}/x): Incorrect API key provided. Check finops.acme.adminKey`,
    );
    expect(error.message).not.toContain('secret-key');
    expect(requests).toHaveLength(1);
  });

  it('fails on a body that is not JSON', async () => {
    handlers.push(json(200, '<html>proxy error</html>'));
    const error = await fetchProviderJson(`${base}/x`, options()).catch(e => e);
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/not JSON: '<html>proxy error<\/html>'/);
  });

  it('fails at once on a Retry-After longer than allowed', async () => {
    handlers.push(json(429, 'slow down', { 'retry-after': '3600' }));
    const error = await fetchProviderJson(`${base}/x`, options()).catch(e => e);
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(/asked to wait 3600 s/);
  });

  it('says when the endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise(r => closed.close(r));
    const error = await fetchProviderJson(
      `http://127.0.0.1:${port}/v1/x`,
      options(),
    ).catch(e => e);
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(
      new RegExp(
        `The Acme API at http://127.0.0.1:${port} could not be reached \\(.*ECONNREFUSED`,
      ),
    );
    const withCredentials = await fetchProviderJson(
      `http://user:pw@127.0.0.1:${port}/v1/x`,
      options(),
    ).catch(e => e);
    expect(withCredentials.message).not.toContain('pw');
  });
});

describe('fetchAllPages', () => {
  it('follows next_page with the other parameters unchanged', async () => {
    handlers.push(
      json(200, { data: [1], has_more: true, next_page: 'p2' }),
      json(200, { data: [2], has_more: true, next_page: 'p3' }),
      json(200, { data: [], has_more: false, next_page: null }),
    );
    const url = buildProviderUrl(
      base,
      '/v1/report',
      {
        start: 10,
        group_by: ['a', 'b'],
        skip: undefined,
      },
      'brackets',
    );
    const pages = await fetchAllPages(url, options());
    expect(pages.map(p => p.data)).toEqual([['1'], ['2'], []]);
    expect(requests).toEqual([
      '/v1/report?start=10&group_by%5B%5D=a&group_by%5B%5D=b',
      '/v1/report?start=10&group_by%5B%5D=a&group_by%5B%5D=b&page=p2',
      '/v1/report?start=10&group_by%5B%5D=a&group_by%5B%5D=b&page=p3',
    ]);
  });

  it('fails on a cursor that repeats and on a page without data', async () => {
    handlers.push(
      json(200, { data: [], has_more: true, next_page: 'same' }),
      json(200, { data: [], has_more: true, next_page: 'same' }),
    );
    await expect(
      fetchAllPages(new URL(`${base}/r`), options()),
    ).rejects.toThrow(/cursor 'same' of a page it already sent/);
    handlers.push(json(200, { items: [] }));
    await expect(
      fetchAllPages(new URL(`${base}/r`), options()),
    ).rejects.toThrow(/no "data" list; nothing was stored/);
    handlers.push(json(200, { data: [], has_more: true }));
    await expect(
      fetchAllPages(new URL(`${base}/r`), options()),
    ).rejects.toThrow(/"has_more": true but no "next_page"/);
  });
});

describe('windows', () => {
  it('covers whole months back to the late days', () => {
    expect(pullWindow(new Date('2026-03-02T10:00:00Z'), 3)).toEqual({
      start: '2026-02-01',
      end: '2026-03-03',
      startSeconds: Date.parse('2026-02-01T00:00:00Z') / 1000,
      endSeconds: Date.parse('2026-03-03T00:00:00Z') / 1000,
      months: ['2026-02', '2026-03'],
    });
    expect(pullWindow(new Date('2026-03-20T00:00:00Z'), 3).months).toEqual([
      '2026-03',
    ]);
    expect(() => pullWindow(new Date(), -1)).toThrow(/lookbackDays/);
  });

  it('splits a window into spans and reads bucket days', () => {
    expect(windowSpans('2026-01-01', '2026-03-03', 31)).toEqual([
      { start: '2026-01-01', end: '2026-02-01' },
      { start: '2026-02-01', end: '2026-03-03' },
    ]);
    expect(bucketDay('1730419200')).toBe('2024-11-01');
    expect(bucketDay('2025-01-02T00:00:00Z')).toBe('2025-01-02');
    expect(bucketDay('soon')).toBeUndefined();
    expect(retryAfterMs('1.5')).toBe(1500);
    expect(
      retryAfterMs(
        'Wed, 21 Oct 2015 07:28:05 GMT',
        Date.parse('2015-10-21T07:28:00Z'),
      ),
    ).toBe(5000);
  });
});
