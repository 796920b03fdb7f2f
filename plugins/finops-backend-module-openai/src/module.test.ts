import request from 'supertest';
import type { Knex } from 'knex';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the module is tested as installed: in the real backend plugin
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import finopsPlugin from '@costwise/plugin-finops-backend';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  CostSourceType,
  costSourcesExtensionPoint,
  pullWindow,
} from '@costwise/plugin-finops-node';
import { finopsModuleOpenAi } from './module';
import { FakeOpenAiServer, startFakeOpenAiServer } from './fake';

jest.setTimeout(120_000);

const LOOKBACK = 40;

async function sourceTypesWith(config: JsonObject) {
  const added: CostSourceType[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        costSourcesExtensionPoint,
        { addSourceType: (...t: CostSourceType[]) => added.push(...t) },
      ],
    ],
    features: [
      finopsModuleOpenAi,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return added;
}

describe('finopsModuleOpenAi', () => {
  it('adds nothing without finops.openai, and the openai type with it', async () => {
    expect(await sourceTypesWith({ finops: {} })).toEqual([]);
    const added = await sourceTypesWith({
      finops: { openai: { adminKey: 'sk-admin-x' } },
    });
    expect(added.map(t => t.type)).toEqual(['openai']);
    await expect(
      sourceTypesWith({
        finops: {
          openai: { adminKey: 'k', baseUrl: 'https://u:p@example.com' },
        },
      }),
    ).rejects.toThrow(/must not carry credentials/);
    await expect(
      sourceTypesWith({
        finops: {
          openai: {
            adminKey: 'k',
            prices: [{ model: 'gpt-9', from: '2026-01-01', input: 'cheap' }],
          },
        },
      }),
    ).rejects.toThrow(
      /finops\.openai\.prices: LLM price openai\/gpt-9 from 2026-01-01: input 'cheap' is not a price/,
    );
  });
});

describe('the openai source in the finops backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let fake: FakeOpenAiServer;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const admin = mockCredentials.user.header('user:default/admin');
  const ingest = () =>
    request(server)
      .post('/api/finops/sources/openai/ingest')
      .set('Authorization', admin);
  const window = () => pullWindow(new Date(), LOOKBACK);

  /** Every stored fact of the source, in a fixed order. */
  const facts = () =>
    knex('finops_cost_facts as f')
      .join('finops_fact_groups as g', 'g.id', 'f.group_id')
      .where('f.source_id', 'openai')
      .select(
        'f.day',
        'g.sub_account_id',
        'g.sku_id',
        'g.resource_id',
        'g.tags',
        'f.billed_cost',
        'f.consumed_quantity',
      )
      .orderBy(['f.day', 'g.key_hash']);

  /** Sums of the stored facts per day and project. */
  async function storedPerDayAndProject() {
    const out = new Map<string, Decimal>();
    for (const f of await facts()) {
      const key = `${f.day} ${f.sub_account_id}`;
      out.set(
        key,
        (out.get(key) ?? Decimal.ZERO).add(
          Decimal.parse(String(f.billed_cost)),
        ),
      );
    }
    return Object.fromEntries(
      [...out]
        .filter(([, v]) => !v.isZero())
        .map(([k, v]) => [k, v.toString()])
        .sort(),
    );
  }

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    fake = await startFakeOpenAiServer({ days: 62, maxBucketsPerPage: 10 });
    ({ server } = await startTestBackend({
      features: [
        finopsPlugin,
        finopsModuleOpenAi,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            finops: {
              sources: [{ id: 'openai', type: 'openai', location: fake.url }],
              openai: {
                adminKey: fake.adminKey,
                organizationId: 'org-Yq3mT8vLw2NpK5rXc9BdHs4J',
                lookbackDays: LOOKBACK,
                retry: { maxAttempts: 2, initialDelayMs: 0 },
              },
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => fake.close());

  it('stores per day and project exactly what the Costs API billed', async () => {
    const response = await ingest();
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        sourceId: 'openai',
        status: 'succeeded',
        rejected: 0,
      }),
    );
    const { start, end, months } = window();
    expect(response.body.billingPeriods).toEqual(months);
    const billed = fake.dataset.costs.filter(
      c => c.day >= start && c.day < end,
    );
    const expected = new Map<string, Decimal>();
    for (const c of billed) {
      const key = `${c.day} ${c.projectId}`;
      expected.set(
        key,
        (expected.get(key) ?? Decimal.ZERO).add(Decimal.parse(c.amount)),
      );
    }
    expect(await storedPerDayAndProject()).toEqual(
      Object.fromEntries(
        [...expected].map(([k, v]) => [k, v.toString()]).sort(),
      ),
    );
    // the run's reconciliation: read = stored = the API's total
    const total = Decimal.sum(
      billed.map(c => Decimal.parse(c.amount)),
    ).toString();
    expect(response.body.totals.USD.BilledCost).toBe(total);
    expect(response.body.storedTotals.USD.BilledCost).toBe(total);
    expect(response.body.files[0]).toMatch(
      /\/v1\/organization\/costs\?start_time=/,
    );

    // tokens per day, project and key
    const tokens = (await facts()).filter(
      f => JSON.parse(f.tags).x_TokenDirection,
    );
    const day = fake.dataset.days[fake.dataset.days.length - 2]; // yesterday
    const usage = fake.dataset.usage.filter(u => u.day === day);
    const storedInput = tokens
      .filter(
        f => f.day === day && JSON.parse(f.tags).x_TokenDirection === 'Input',
      )
      .reduce((s, f) => s + BigInt(String(f.consumed_quantity)), 0n);
    expect(storedInput).toBe(
      usage.reduce((s, u) => s + BigInt(u.inputTokens), 0n),
    );
  });

  it('changes nothing when the same days are pulled again', async () => {
    const before = await facts();
    const response = await ingest();
    expect(response.body.status).toBe('succeeded');
    expect(await facts()).toEqual(before);
  });

  it('stores nothing when a pull fails, and records why', async () => {
    const before = await facts();
    fake.failNext({ path: '/usage/completions', status: 503, times: 2 });
    const failed = await ingest();
    expect(failed.status).toBe(502);
    expect(failed.body.error.message).toMatch(
      /OpenAI answered HTTP 503 .*gave up after 2 attempt/,
    );
    expect(await facts()).toEqual(before);

    fake.failNext({
      path: '/costs',
      status: 401,
      body: '{"error":{"message":"Invalid admin key"}}',
    });
    const refused = await ingest();
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(
      /OpenAI refused the admin key \(HTTP 401/,
    );
    expect(await facts()).toEqual(before);

    const runs = await request(server)
      .get('/api/finops/ingestions?source=openai')
      .set('Authorization', admin);
    expect(runs.body.items[0]).toEqual(
      expect.objectContaining({
        status: 'failed',
        error: expect.stringMatching(/refused the admin key/),
      }),
    );
  });

  it('replaces a re-pulled day with what the API says now', async () => {
    const { start } = window();
    const late = fake.dataset.costs.find(
      c => c.day > start && c.lineItem === 'Web search tool calls',
    )!;
    late.amount = Decimal.parse(late.amount)
      .add(Decimal.parse('0.01'))
      .toString();
    const response = await ingest();
    expect(response.body.status).toBe('succeeded');
    const stored = await storedPerDayAndProject();
    const expected = fake.dataset.costs
      .filter(c => c.day === late.day && c.projectId === late.projectId)
      .reduce((s, c) => s.add(Decimal.parse(c.amount)), Decimal.ZERO);
    expect(stored[`${late.day} ${late.projectId}`]).toBe(expected.toString());
  });
});
