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
import { finopsModuleAnthropic } from './module';
import { FakeAnthropicServer, startFakeAnthropicServer } from './fake';

jest.setTimeout(120_000);

const LOOKBACK = 40;

/** Cents as the cost report gives them → dollars, exactly. */
const dollars = (cents: string) => {
  const c = Decimal.parse(cents);
  return Decimal.fromUnits(c.units, c.scale + 2);
};

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
      finopsModuleAnthropic,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return added;
}

describe('finopsModuleAnthropic', () => {
  it('adds nothing without finops.anthropic, and the anthropic type with it', async () => {
    expect(await sourceTypesWith({ finops: {} })).toEqual([]);
    const added = await sourceTypesWith({
      finops: { anthropic: { adminKey: 'sk-ant-admin01-x' } },
    });
    expect(added.map(t => t.type)).toEqual(['anthropic']);
    await expect(
      sourceTypesWith({
        finops: {
          anthropic: { adminKey: 'k', baseUrl: 'https://u:p@example.com' },
        },
      }),
    ).rejects.toThrow(/must not carry credentials/);
  });
});

describe('the anthropic source in the finops backend', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let fake: FakeAnthropicServer;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const admin = mockCredentials.user.header('user:default/admin');
  const ingest = () =>
    request(server)
      .post('/api/finops/sources/anthropic/ingest')
      .set('Authorization', admin);
  const window = () => pullWindow(new Date(), LOOKBACK);

  /** Every stored fact of the source, in a fixed order. */
  const facts = () =>
    knex('finops_cost_facts as f')
      .join('finops_fact_groups as g', 'g.id', 'f.group_id')
      .where('f.source_id', 'anthropic')
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

  /** Sums of the stored facts per day and workspace. */
  async function storedPerDayAndWorkspace() {
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
    fake = await startFakeAnthropicServer({ days: 62, maxBucketsPerPage: 10 });
    ({ server } = await startTestBackend({
      features: [
        finopsPlugin,
        finopsModuleAnthropic,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            finops: {
              sources: [
                { id: 'anthropic', type: 'anthropic', location: fake.url },
              ],
              anthropic: {
                adminKey: fake.adminKey,
                organizationId: '4f8e2d1c-7b6a-4c5d-9e8f-1a2b3c4d5e6f',
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

  it('stores per day and workspace exactly what the cost report billed, in dollars', async () => {
    const response = await ingest();
    expect(response.status).toBe(200);
    expect(response.body).toEqual(
      expect.objectContaining({
        sourceId: 'anthropic',
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
      const key = `${c.day} ${c.workspaceId}`;
      expected.set(
        key,
        (expected.get(key) ?? Decimal.ZERO).add(dollars(c.cents)),
      );
    }
    expect(await storedPerDayAndWorkspace()).toEqual(
      Object.fromEntries(
        [...expected].map(([k, v]) => [k, v.toString()]).sort(),
      ),
    );
    // the run's reconciliation: read = stored = the API's total
    const total = Decimal.sum(billed.map(c => dollars(c.cents))).toString();
    expect(response.body.totals.USD.BilledCost).toBe(total);
    expect(response.body.storedTotals.USD.BilledCost).toBe(total);
    expect(response.body.files[0]).toMatch(
      /\/v1\/organizations\/cost_report\?starting_at=/,
    );

    // input tokens of a day
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
      usage.reduce(
        (s, u) =>
          s +
          BigInt(
            u.uncachedInputTokens +
              u.cacheReadInputTokens +
              u.cacheCreation5mInputTokens +
              u.cacheCreation1hInputTokens,
          ),
        0n,
      ),
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
    fake.failNext({ path: '/usage_report', status: 529, times: 2 });
    const failed = await ingest();
    expect(failed.status).toBe(502);
    expect(failed.body.error.message).toMatch(
      /Anthropic answered HTTP 529 .*gave up after 2 attempt/,
    );
    expect(await facts()).toEqual(before);

    fake.failNext({
      path: '/cost_report',
      status: 403,
      body: '{"type":"error","error":{"type":"permission_error","message":"This key is not an admin key"}}',
    });
    const refused = await ingest();
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(
      /Anthropic refused the admin key \(HTTP 403 .*\): This key is not an admin key/,
    );
    expect(await facts()).toEqual(before);

    const runs = await request(server)
      .get('/api/finops/ingestions?source=anthropic')
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
      c => c.day > start && c.costType === 'code_execution',
    )!;
    late.cents = Decimal.parse(late.cents).add(Decimal.parse('0.5')).toString();
    const response = await ingest();
    expect(response.body.status).toBe('succeeded');
    const stored = await storedPerDayAndWorkspace();
    const expected = fake.dataset.costs
      .filter(c => c.day === late.day && c.workspaceId === late.workspaceId)
      .reduce((s, c) => s.add(dollars(c.cents)), Decimal.ZERO);
    expect(stored[`${late.day} ${late.workspaceId}`]).toBe(expected.toString());
  });
});
