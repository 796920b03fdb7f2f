import { Decimal, NormalizedCostRow } from '@costwise/plugin-finops-common';
import {
  CostRecord,
  CostSourceType,
  pullWindow,
} from '@costwise/plugin-finops-node';
import { createAnthropicSourceType } from './AnthropicSourceType';
import { descriptionMatch } from './parse';
import { FakeAnthropicServer, startFakeAnthropicServer } from './fake';

const NOW = new Date('2026-03-10T12:00:00Z');
const LOOKBACK = 12; // February and March are pulled whole
const window = pullWindow(NOW, LOOKBACK);

let fake: FakeAnthropicServer;
let waits: number[];

function source(
  overrides: Partial<Parameters<typeof createAnthropicSourceType>[0]> = {},
) {
  return createAnthropicSourceType({
    adminKey: fake.adminKey,
    baseUrl: 'https://api.anthropic.com',
    organizationId: 'org-test',
    lookbackDays: LOOKBACK,
    analytics: false,
    retry: {
      maxAttempts: 3,
      initialDelayMs: 10,
      sleep: async ms => {
        waits.push(ms);
      },
    },
    now: () => NOW,
    ...overrides,
  });
}

async function pull(type: CostSourceType, location = fake.url) {
  const records: CostRecord[] = [];
  for await (const record of type.read({ location })) records.push(record);
  const rows: NormalizedCostRow[] = [];
  for (const r of records) if (r.kind === 'row') rows.push(r.row);
  return {
    records,
    rows,
    rejections: records.flatMap(r =>
      r.kind === 'rejected' ? [r.rejection] : [],
    ),
  };
}

const sums = <T>(
  items: T[],
  key: (t: T) => string,
  value: (t: T) => Decimal,
) => {
  const out = new Map<string, Decimal>();
  for (const item of items) {
    const k = key(item);
    out.set(k, (out.get(k) ?? Decimal.ZERO).add(value(item)));
  }
  return Object.fromEntries(
    [...out]
      .filter(([, v]) => !v.isZero())
      .map(([k, v]) => [k, v.toString()])
      .sort(),
  );
};
const dollars = (cents: string) => {
  const c = Decimal.parse(cents);
  return Decimal.fromUnits(c.units, c.scale + 2);
};
const inWindow = (day: string) => day >= window.start && day < window.end;
const dayOf = (r: NormalizedCostRow) => r.chargePeriodStart.slice(0, 10);

beforeEach(async () => {
  waits = [];
  fake = await startFakeAnthropicServer({
    end: '2026-03-10',
    days: 45,
    maxBucketsPerPage: 7,
    maxRowsPerPage: 300,
    emptyDays: ['2026-02-15'],
  });
});
afterEach(() => fake.close());

describe.each([
  ['the cost and usage reports', false],
  ['the analytics API', true],
])('the anthropic source type, from %s', (_name, analytics) => {
  it("stores each day's and workspace's billed cost in dollars exactly, and its tokens", async () => {
    const { rows, rejections } = await pull(source({ analytics }));
    expect(rejections).toEqual([]);
    const billed = fake.dataset.costs.filter(c => inWindow(c.day));
    expect(
      sums(
        rows,
        r => `${dayOf(r)} ${r.subAccountId}`,
        r => Decimal.parse(r.billedCost),
      ),
    ).toEqual(
      sums(
        billed,
        c => `${c.day} ${c.workspaceId}`,
        c => dollars(c.cents),
      ),
    );
    expect(
      sums(
        rows.filter(r => r.tags.x_TokenDirection),
        r =>
          `${dayOf(r)} ${r.subAccountId} ${r.tags.x_ModelId} ${
            r.tags.x_TokenCacheAction ?? 'out'
          }`,
        r => Decimal.parse(r.consumedQuantity!),
      ),
    ).toEqual(
      sums(
        fake.dataset.usage
          .filter(u => inWindow(u.day))
          .flatMap(
            u =>
              [
                [u, 'Uncached', u.uncachedInputTokens],
                [u, 'Read', u.cacheReadInputTokens],
                [
                  u,
                  'Write',
                  u.cacheCreation5mInputTokens + u.cacheCreation1hInputTokens,
                ],
                [u, 'out', u.outputTokens],
              ] as const,
          ),
        ([u, kind]) => `${u.day} ${u.workspaceId} ${u.model} ${kind}`,
        ([, , n]) => Decimal.fromUnits(BigInt(n), 0),
      ),
    );
    expect(rows.some(r => dayOf(r) === '2026-02-15')).toBe(false);
    expect(new Set(rows.map(r => r.billingPeriodStart))).toEqual(
      new Set(['2026-02-01', '2026-03-01']),
    );
  });

  it('keeps a key, a model, a token kind and a context window on each row', async () => {
    const { rows } = await pull(source({ analytics }));
    const row = rows.find(
      r =>
        dayOf(r) === '2026-03-02' &&
        r.resourceId === 'apikey_Lc4WzHf9App' &&
        r.skuId === 'claude-sonnet-4-20250514, cache write 1h' &&
        r.tags.x_ContextWindow === '200k-1M',
    )!;
    expect(row).toEqual(
      expect.objectContaining({
        billingAccountId: 'org-test',
        subAccountId: 'wrkspc_01JQ8mVx2KpTn7RbLc4WzHf9',
        providerName: 'Anthropic',
        serviceName: 'Anthropic API',
        consumedUnit: 'Tokens',
        resourceType: 'API Key',
      }),
    );
    expect(row.tags).toEqual(
      expect.objectContaining({
        x_ModelId: 'claude-sonnet-4-20250514',
        x_CredentialId: 'apikey_Lc4WzHf9App',
        x_TokenDirection: 'Input',
        x_TokenCacheAction: 'Write',
        x_CacheTtl: '1h',
        x_ServiceTier: 'standard',
        x_AllocatedMethodId: 'usage-x-price',
      }),
    );
    // the key's own cost, 5% below its list price of $12 per 1M long-context 1h writes
    const usage = fake.dataset.usage.find(
      u =>
        u.day === '2026-03-02' &&
        u.apiKeyId === 'apikey_Lc4WzHf9App' &&
        u.contextWindow === '200k-1M',
    )!;
    const list = Decimal.fromUnits(
      BigInt(usage.cacheCreation1hInputTokens) * 12n,
      6,
    );
    expect(row.listCost).toBe(list.toString());
    expect(row.billedCost).toBe(
      Decimal.fromUnits(list.units * 95n, list.scale + 2).toString(),
    );

    // Console usage has no key; code execution stays whole; the last day is not billed yet
    expect(
      rows.some(
        r =>
          r.subAccountId === 'wrkspc_01JR3tYp6WqZm9XcVb2NkLd5' &&
          !r.resourceId &&
          r.consumedUnit === 'Tokens' &&
          r.billedCost !== '0',
      ),
    ).toBe(true);
    const code = rows.filter(r => r.tags.x_CostType === 'code_execution');
    expect(code.length).toBeGreaterThan(0);
    expect(
      code.every(r => r.tags.x_AllocatedMethodId === 'unmatched-cost'),
    ).toBe(true);
    const searches = rows.filter(
      r => r.consumedUnit === 'Searches' && r.billedCost !== '0',
    );
    expect(searches.length).toBeGreaterThan(0);
    const last = rows.filter(
      r => dayOf(r) === '2026-03-10' && r.consumedUnit === 'Tokens',
    );
    expect(last.length).toBeGreaterThan(0);
    expect(
      last.every(
        r =>
          r.billedCost === '0' &&
          r.tags.x_AllocatedMethodId === 'unbilled-usage',
      ),
    ).toBe(true);
  });
});

describe('the anthropic source type', () => {
  it('pages the reports with every other parameter unchanged', async () => {
    await pull(source());
    const usage = fake.requests.filter(
      r => r.path === '/v1/organizations/usage_report/messages',
    );
    expect(usage).toHaveLength(6); // 38 days, 7 buckets a page
    const strip = (q: URLSearchParams) => {
      const copy = new URLSearchParams(q);
      copy.delete('page');
      return copy.toString();
    };
    expect(new Set(usage.map(r => strip(r.query))).size).toBe(1);
    expect(usage[0].query.getAll('group_by[]')).toEqual([
      'workspace_id',
      'api_key_id',
      'model',
      'service_tier',
      'context_window',
    ]);
    expect(usage[0].query.get('starting_at')).toBe('2026-02-01T00:00:00Z');
    expect(usage[0].query.get('ending_at')).toBe('2026-03-11T00:00:00Z');
    expect(usage[0].headers['anthropic-version']).toBe('2023-06-01');
    const costs = fake.requests.filter(
      r => r.path === '/v1/organizations/cost_report',
    );
    expect(costs[0].query.getAll('group_by[]')).toEqual([
      'workspace_id',
      'description',
    ]);
  });

  it('asks the analytics API 31 days at a time with the beta header', async () => {
    const { rows } = await pull(source({ analytics: true }));
    const cost = fake.requests.filter(
      r => r.path === '/v1/organizations/analytics/cost',
    );
    const firsts = cost.filter(r => !r.query.get('page'));
    expect(
      firsts.map(r => [r.query.get('starting_at'), r.query.get('ending_at')]),
    ).toEqual([
      ['2026-02-01T00:00:00Z', '2026-03-04T00:00:00Z'],
      ['2026-03-04T00:00:00Z', '2026-03-11T00:00:00Z'],
    ]);
    expect(cost.length).toBeGreaterThan(2); // 300 rows a page
    expect(cost[0].headers['anthropic-beta']).toBe(
      'analytics-usage-cost-2026-08-24',
    );
    // list amounts come from the API, split like the amounts
    const listed = fake.dataset.costs.filter(c => inWindow(c.day));
    const stored = rows.filter(r => r.billedCost !== '0');
    expect(
      Decimal.sum(stored.map(r => Decimal.parse(r.listCost))).toString(),
    ).toBe(Decimal.sum(listed.map(c => dollars(c.listCents))).toString());
    expect(rows.some(r => r.consumedUnit === 'Requests')).toBe(true);
  });

  it('waits what Retry-After asks on 429 and retries 5xx, then stores the same', async () => {
    const clean = (await pull(source())).rows;
    fake.failNext(
      { path: '/cost_report', status: 429, retryAfter: '2' },
      { path: '/usage_report', status: 529 },
    );
    const retried = await pull(source());
    expect(waits).toEqual([2000, 10]);
    expect(retried.rows).toEqual(clean);
  });

  it('fails without yielding anything on a persistent 5xx, a malformed body or a refused key', async () => {
    const yielded: CostRecord[] = [];
    const attempt = async (type = source()) => {
      yielded.length = 0;
      for await (const r of type.read({ location: fake.url })) yielded.push(r);
    };
    fake.failNext({ path: '/usage_report', status: 500, times: 3 });
    await expect(attempt()).rejects.toThrow(
      /Anthropic answered HTTP 500 \(Fake failure 500\) to GET .*usage_report\/messages.*gave up after 3 attempt/,
    );
    fake.failNext({
      path: '/cost_report',
      status: 200,
      body: '{"data": "soon"',
    });
    await expect(attempt()).rejects.toThrow(/with a body that is not JSON/);
    fake.failNext({
      path: '/cost_report',
      status: 200,
      body: '{"results": []}',
    });
    await expect(attempt()).rejects.toThrow(
      /no "data" list; nothing was stored/,
    );
    await expect(
      attempt(source({ adminKey: 'sk-ant-admin01-wrong' })),
    ).rejects.toThrow(
      /Anthropic refused the admin key \(HTTP 401 to GET .*\): invalid x-api-key\. Check finops\.anthropic\.adminKey/,
    );
    expect(yielded).toEqual([]);
  });

  it('says when the API cannot be reached', async () => {
    const url = fake.url;
    await fake.close();
    await expect(pull(source(), url)).rejects.toThrow(
      /The Anthropic API at http:\/\/127\.0\.0\.1:\d+ could not be reached/,
    );
    fake = await startFakeAnthropicServer({ days: 1 });
  });

  it('rejects a result it cannot read and keeps the others', async () => {
    fake.failNext({
      path: '/cost_report',
      status: 200,
      body: JSON.stringify({
        data: [
          {
            starting_at: '2026-02-02T00:00:00Z',
            ending_at: '2026-02-03T00:00:00Z',
            results: [
              {
                amount: 'free',
                currency: 'USD',
                workspace_id: 'w',
                description: 'x',
              },
              {
                amount: '123.45',
                currency: 'USD',
                workspace_id: null,
                description: 'Claude Sonnet 4 Usage - Output Tokens',
                cost_type: 'tokens',
              },
            ],
          },
        ],
        has_more: false,
        next_page: null,
      }),
    });
    const { rows, rejections } = await pull(source());
    expect(rejections).toEqual([
      expect.objectContaining({
        line: 1,
        reason: 'amount is not an amount in cents: \'"free"\'',
      }),
    ]);
    const kept = rows.filter(r => r.billedCost !== '0');
    expect(
      kept.map(r => [
        r.subAccountId,
        r.billedCost,
        r.tags.x_ModelId,
        r.tags.x_TokenDirection,
      ]),
    ).toEqual([['default', '1.2345', 'claude-sonnet-4', 'Output']]);
  });

  it('reads a description when the result names no model or token type', () => {
    expect(descriptionMatch('Claude Sonnet 4 Usage - Input Tokens')).toEqual({
      model: 'claude-sonnet-4',
      kind: { direction: 'Input', cacheAction: 'Uncached' },
    });
    expect(
      descriptionMatch('Claude Haiku 4.5 Usage - Cache Write (1h)').kind,
    ).toEqual({
      direction: 'Input',
      cacheAction: 'Write',
      cacheTtl: '1h',
    });
    expect(descriptionMatch('Code Execution Usage')).toEqual({});
  });
});
