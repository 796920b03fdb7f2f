import { Decimal, NormalizedCostRow } from '@costwise/plugin-finops-common';
import {
  CostRecord,
  CostSourceType,
  pullWindow,
} from '@costwise/plugin-finops-node';
import { createOpenAiSourceType } from './OpenAiSourceType';
import { FakeOpenAiServer, startFakeOpenAiServer } from './fake';
import { OPENAI_USAGE_ENDPOINTS } from './config';

const NOW = new Date('2026-03-10T12:00:00Z');
const LOOKBACK = 12; // back to 2026-02-26: February and March are pulled whole
const window = pullWindow(NOW, LOOKBACK);

let fake: FakeOpenAiServer;
let waits: number[];

function source(
  overrides: Partial<Parameters<typeof createOpenAiSourceType>[0]> = {},
) {
  return createOpenAiSourceType({
    adminKey: fake.adminKey,
    baseUrl: 'https://api.openai.com/v1',
    organizationId: 'org-test',
    lookbackDays: LOOKBACK,
    usageEndpoints: [...OPENAI_USAGE_ENDPOINTS],
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

const sumBy = <T>(
  items: T[],
  key: (t: T) => string,
  value: (t: T) => string,
) => {
  const out = new Map<string, Decimal>();
  for (const item of items) {
    const k = key(item);
    out.set(k, (out.get(k) ?? Decimal.ZERO).add(Decimal.parse(value(item))));
  }
  return Object.fromEntries([...out].map(([k, v]) => [k, v.toString()]).sort());
};
const inWindow = (day: string) => day >= window.start && day < window.end;

beforeEach(async () => {
  waits = [];
  fake = await startFakeOpenAiServer({
    end: '2026-03-10',
    days: 45,
    maxBucketsPerPage: 7,
    emptyDays: ['2026-02-15'],
  });
});
afterEach(() => fake.close());

describe('the openai source type', () => {
  it("stores each day's and project's billed cost exactly, split to keys and models", async () => {
    const { rows, rejections, records } = await pull(source());
    expect(rejections).toEqual([]);
    expect(records.filter(r => r.kind === 'file')).toHaveLength(7);

    // the bill: per day and project, the rows add up to the Costs API exactly
    const expected = sumBy(
      fake.dataset.costs.filter(c => inWindow(c.day)),
      c => `${c.day} ${c.projectId}`,
      c => c.amount,
    );
    expect(Object.keys(expected).length).toBeGreaterThan(60);
    expect(
      sumBy(
        rows.filter(r => r.billedCost !== '0'),
        r => `${r.chargePeriodStart.slice(0, 10)} ${r.subAccountId}`,
        r => r.billedCost,
      ),
    ).toEqual(expected);

    // the usage: input tokens per day, project and model equal the Usage API's
    const usageTokens = sumBy(
      fake.dataset.usage.filter(u => inWindow(u.day)),
      u => `${u.day} ${u.projectId} ${u.model}`,
      u => String(u.inputTokens),
    );
    expect(
      sumBy(
        rows.filter(r => r.tags.x_TokenDirection === 'Input'),
        r =>
          `${r.chargePeriodStart.slice(0, 10)} ${r.subAccountId} ${
            r.tags.x_ModelId
          }`,
        r => r.consumedQuantity!,
      ),
    ).toEqual(usageTokens);

    // nothing before the window, February and March whole
    expect(rows.every(r => inWindow(r.chargePeriodStart.slice(0, 10)))).toBe(
      true,
    );
    expect(new Set(rows.map(r => r.billingPeriodStart))).toEqual(
      new Set(['2026-02-01', '2026-03-01']),
    );
    expect(rows.some(r => r.chargePeriodStart.startsWith('2026-02-15'))).toBe(
      false,
    );
  });

  it('writes FOCUS rows with the AI columns as tags', async () => {
    const { rows } = await pull(source());
    const key = 'key_Kq7vN2Main';
    const row = rows.find(
      r =>
        r.chargePeriodStart === '2026-03-02T00:00:00Z' &&
        r.resourceId === key &&
        r.skuId === 'gpt-4o, cached input',
    )!;
    expect(row).toEqual(
      expect.objectContaining({
        chargePeriodEnd: '2026-03-03T00:00:00Z',
        billingPeriodStart: '2026-03-01',
        billingAccountId: 'org-test',
        subAccountId: 'proj_Kq7vN2xLp9RtB4mZc8WdYs3F',
        providerName: 'OpenAI',
        serviceName: 'OpenAI API',
        serviceCategory: 'AI and Machine Learning',
        chargeCategory: 'Usage',
        resourceType: 'API Key',
        consumedUnit: 'Tokens',
        billingCurrency: 'USD',
      }),
    );
    expect(row.tags).toEqual({
      x_ModelId: 'gpt-4o',
      x_CredentialId: key,
      x_ServiceTier: 'default',
      x_Batch: 'false',
      x_TokenDirection: 'Input',
      x_TokenCacheAction: 'Read',
      x_LineItem: 'gpt-4o, cached input',
      x_AllocatedMethodId: 'usage-x-price',
    });
    const usage = fake.dataset.usage.find(
      u => u.day === '2026-03-02' && u.apiKeyId === key && u.model === 'gpt-4o',
    )!;
    expect(row.consumedQuantity).toBe(String(usage.inputCachedTokens));
    // the list cost of cached tokens at $1.25 per 1M
    expect(row.listCost).toBe(
      Decimal.fromUnits(BigInt(usage.inputCachedTokens) * 125n, 8).toString(),
    );

    // batch usage is billed under its own line item
    const batch = rows.find(
      r => r.tags.x_Batch === 'true' && r.tags.x_TokenDirection === 'Output',
    )!;
    expect(batch.tags.x_LineItem).toBe('gpt-4o-mini, output (batch)');
    // requests: counted, never charged
    const requests = rows.filter(r => r.consumedUnit === 'Requests');
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every(r => r.billedCost === '0')).toBe(true);
    // a cost no usage explains stays whole and visible
    const search = rows.filter(r => r.skuId === 'Web search tool calls');
    expect(search.length).toBeGreaterThan(0);
    expect(search[0].tags.x_AllocatedMethodId).toBe('unmatched-cost');
    // the last day is not billed yet: its usage is kept at zero cost
    const lastDay = rows.filter(
      r =>
        r.chargePeriodStart.startsWith('2026-03-10') &&
        r.consumedUnit === 'Tokens',
    );
    expect(lastDay.length).toBeGreaterThan(0);
    expect(
      lastDay.every(
        r =>
          r.billedCost === '0' &&
          r.tags.x_AllocatedMethodId === 'unbilled-usage',
      ),
    ).toBe(true);
  });

  it('reads every page with the other parameters unchanged', async () => {
    await pull(source());
    const completions = fake.requests.filter(r =>
      r.path.endsWith('/usage/completions'),
    );
    // 38 days, 7 buckets a page
    expect(completions).toHaveLength(6);
    const strip = (q: URLSearchParams) => {
      const copy = new URLSearchParams(q);
      copy.delete('page');
      return copy.toString();
    };
    expect(new Set(completions.map(r => strip(r.query))).size).toBe(1);
    expect(completions[0].query.getAll('group_by')).toEqual([
      'project_id',
      'api_key_id',
      'model',
      'batch',
      'service_tier',
    ]);
    expect(completions[0].query.get('start_time')).toBe(
      String(window.startSeconds),
    );
    expect(completions[0].query.get('end_time')).toBe(
      String(window.endSeconds),
    );
    const costs = fake.requests.filter(r =>
      r.path.endsWith('/organization/costs'),
    );
    expect(costs[0].query.getAll('group_by')).toEqual([
      'project_id',
      'line_item',
    ]);
  });

  it('waits what Retry-After asks on 429 and retries 5xx, then stores the same', async () => {
    const clean = (await pull(source())).rows;
    fake.failNext(
      { path: '/costs', status: 429, retryAfter: '3' },
      { path: '/usage/embeddings', status: 502 },
    );
    const retried = await pull(source());
    expect(waits).toEqual([3000, 10]);
    expect(retried.rows).toEqual(clean);
  });

  it('fails without yielding anything on a persistent 5xx, a malformed body or a refused key', async () => {
    const yielded: CostRecord[] = [];
    const attempt = async () => {
      yielded.length = 0;
      for await (const r of source().read({ location: fake.url }))
        yielded.push(r);
    };
    fake.failNext({ path: '/usage/images', status: 500, times: 3 });
    await expect(attempt()).rejects.toThrow(
      /OpenAI answered HTTP 500 \(Fake failure 500\) to GET http:\/\/127\.0\.0\.1:\d+\/v1\/organization\/usage\/images\?.*gave up after 3 attempt/,
    );
    expect(yielded).toEqual([]);

    fake.failNext({
      path: '/costs',
      status: 200,
      body: 'upstream timeout<html>',
    });
    await expect(attempt()).rejects.toThrow(
      /OpenAI answered GET .* with a body that is not JSON/,
    );
    fake.failNext({
      path: '/costs',
      status: 200,
      body: '{"object":"page","data":[{"results":[]}],"has_more":false}',
    });
    await expect(attempt()).rejects.toThrow(
      /a bucket without a start_time; nothing was stored/,
    );
    expect(yielded).toEqual([]);

    const before = fake.requests.length;
    await expect(
      (async () => {
        for await (const r of source({ adminKey: 'sk-admin-wrong' }).read({
          location: fake.url,
        }))
          yielded.push(r);
      })(),
    ).rejects.toThrow(
      /OpenAI refused the admin key \(HTTP 401 to GET .*\): Incorrect API key provided.*Check finops\.openai\.adminKey/,
    );
    expect(fake.requests.length - before).toBe(1);
    expect(yielded).toEqual([]);
  });

  it('says when the API cannot be reached', async () => {
    const url = fake.url;
    await fake.close();
    await expect(pull(source(), url)).rejects.toThrow(
      /The OpenAI API at http:\/\/127\.0\.0\.1:\d+ could not be reached .*gave up after 3 attempt/,
    );
    fake = await startFakeOpenAiServer({ days: 1 });
  });

  it('rejects a result it cannot read and keeps the others', async () => {
    const day = window.startSeconds + 86_400;
    fake.failNext({
      path: '/costs',
      status: 200,
      body: JSON.stringify({
        object: 'page',
        data: [
          {
            object: 'bucket',
            start_time: day,
            end_time: day + 86_400,
            results: [
              {
                object: 'organization.costs.result',
                amount: { value: 'lots', currency: 'usd' },
                line_item: 'x',
                project_id: 'p',
              },
              {
                object: 'organization.costs.result',
                amount: { value: 1.5, currency: 'usd' },
                line_item: 'Image models',
                project_id: 'p',
              },
            ],
          },
        ],
        has_more: false,
        next_page: null,
      }),
    });
    const { rows, rejections } = await pull(source({ usageEndpoints: [] }));
    expect(rejections).toEqual([
      expect.objectContaining({
        line: 1,
        reason: 'amount.value is not a number: \'"lots"\'',
      }),
    ]);
    expect(rows.map(r => [r.skuId, r.billedCost, r.subAccountId])).toEqual([
      ['Image models', '1.5', 'p'],
    ]);
  });

  it('takes the base URL from the location, or the configured one for default', async () => {
    const { rows } = await pull(source({ baseUrl: fake.url }), 'default');
    expect(rows.length).toBeGreaterThan(0);
    await expect(pull(source(), 'api.openai.com')).rejects.toThrow(
      /location of an openai source must be the API's base URL/,
    );
  });
});
