import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  engineDatabaseIds,
  startEngine,
  viewerDenied,
} from '../__testUtils__/engine';
import { askEngineOf } from './__testUtils__/askEngines';
import { SHOP_ENTITIES, shopCsv } from './__testUtils__/smallShop';
import type { AskEngine } from './AskEngine';

jest.setTimeout(60_000);

describe.each(engineDatabaseIds())('AskEngine on %s', databaseId => {
  let ask: AskEngine;
  let engine: Awaited<ReturnType<typeof startEngine>>;
  beforeAll(async () => {
    engine = await startEngine({
      csv: shopCsv(),
      entities: SHOP_ENTITIES,
      databaseId,
    });
    ask = askEngineOf(engine, SHOP_ENTITIES);
  });

  it('answers from the last day with data, exactly, with where the figures come from', async () => {
    const answer = await ask.ask('What did the shop-api cost this month?');
    expect(answer.today).toBe('2025-03-07');
    expect(answer.period).toEqual({ from: '2025-03-01', to: '2025-03-07' });
    // 6 days of 2 USD, the storm day's 18 and the new cache's 3
    expect(answer.figures[0]).toEqual({
      label: 'Cost of Shop API, 1–7 Mar 2025',
      entity: 'component:default/shop-api',
      amount: '33',
      currency: 'USD',
    });
    expect(answer.answer).toBe(
      "Shop API's amortized cost for 1–7 Mar 2025 is $33.00; most of it is AWS Lambda ($30.00) and Amazon ElastiCache ($3.00).",
    );
    expect(answer.lineage).toMatchObject({
      measure: 'EffectiveCost',
      currency: 'USD',
      attributionRunId: expect.any(String),
      sources: ['allocations'],
      scope: {
        entityRef: 'component:default/shop-api',
        members: 1,
        hiddenMembers: 0,
      },
      parsedBy: 'engine',
      phrasedBy: 'engine',
    });
    expect(answer.lineage!.evidence[0]).toMatchObject({
      entityRef: 'component:default/shop-api',
      method: 'tags',
      annotation: 'costwise.dev/tags',
      selector: 'app=shop',
      href: '/api/finops/explain?resourceId=arn%3Aaws%3Alambda%3Aeu-west-1%3A1%3Afunction%2Fshop-worker',
    });
    expect(answer.chart?.points).toHaveLength(7);
  });

  it('explains a spike: the day, the change, the resource, usage against price, and what is new', async () => {
    const answer = await ask.ask('Why did the store spike on Friday?');
    expect(answer.intent).toBe('change');
    expect(answer.period).toEqual({ from: '2025-03-07', to: '2025-03-07' });
    expect(answer.figures.map(f => f.amount)).toEqual(['31.25', '12.25', '19']);
    expect(answer.answer).toMatch(
      /^On Fri 7 Mar 2025 Store's cost was \$31\.25, \+\$19\.00 against the day before \(\$12\.25\)\. The largest change is AWS Lambda on shop-worker \(Shop API\): \+\$16\.00, 84% of the change; Lambda-GB-Second usage ×9\.0, at the same unit price\. New: shop-cache \(\$3\.00\)\./,
    );
    const usage = answer.sections!.find(s => s.title === 'Usage and price')!;
    expect(usage.rows).toEqual([
      expect.objectContaining({ key: 'usage', amount: '16' }),
      expect.objectContaining({ key: 'appeared', amount: '3' }),
    ]);
    expect(
      answer.sections!.find(s => s.title === 'New resources')!.rows[0],
    ).toMatchObject({
      key: 'arn:aws:elasticache:eu-west-1:1:cluster/shop-cache',
      amount: '3',
      note: 'new',
    });
    expect(answer.chart?.highlight).toBe('2025-03-07');
  });

  it('links a change to the anomaly detected in its period on the entity or a member, and only then', async () => {
    const asked: unknown[] = [];
    const anomaly = {
      id: 'anom_00000000000000000001',
      entityRef: 'component:default/shop-api',
      resourceId: null,
      groupKey: null,
      scope: 'entity' as const,
      day: '2025-03-07',
      lastDay: '2025-03-07',
      days: 1,
      measure: 'EffectiveCost',
      currency: 'USD',
      expected: '2.00',
      actual: '21',
      impact: '19.00',
      peakImpact: '19.00',
      score: 40,
      rootCauses: [],
      newResources: [],
      explanation: 'shop-api cost 21 USD on Friday 2025-03-07.',
      status: 'acknowledged' as const,
      detectedAt: '2025-03-08T06:00:00.000Z',
      updatedAt: '2025-03-08T06:00:00.000Z',
      parents: ['system:default/store'],
      seriesKey: 'entity|USD|EffectiveCost|component:default/shop-api',
    };
    const linked = askEngineOf(engine, SHOP_ENTITIES, {
      anomalies: {
        list: async filter => {
          asked.push(filter);
          return [anomaly];
        },
      },
    });
    const answer = await linked.ask('Why did the store spike on Friday?');
    // the store's members include shop-api; the period is the spike's day
    expect(asked[0]).toEqual(
      expect.objectContaining({
        entityRefs: expect.arrayContaining(['component:default/shop-api']),
        from: '2025-03-07',
        to: '2025-03-07',
      }),
    );
    expect(answer.anomalies).toEqual([
      expect.objectContaining({
        id: anomaly.id,
        entityRef: 'component:default/shop-api',
        impact: '19.00',
        status: 'acknowledged',
      }),
    ]);
    expect(answer.answer).toMatch(
      /Costwise detected it as an anomaly of Shop API on 2025-03-07 \(\+19\.00 USD, acknowledged\)\.$/,
    );
    // the figures are the engine's own, with or without the anomaly
    expect(answer.figures.map(f => f.amount)).toEqual(['31.25', '12.25', '19']);
    // a question that is not about a change does not look
    asked.length = 0;
    const cost = await linked.ask('What did the shop-api cost this month?');
    expect(asked).toHaveLength(0);
    expect(cost.anomalies).toBeUndefined();
  });

  it('reads "our" as the asker\'s team and a page\'s entity as the scope', async () => {
    const ours = await ask.ask('What did we spend yesterday?', {
      userGroups: ['group:default/shop-team'],
    });
    expect(ours.figures[0]).toMatchObject({
      entity: 'group:default/shop-team',
      amount: '12.25',
    });
    const onPage = await ask.ask('What did this cost on Friday?', {
      entityRef: 'component:default/shop-web',
    });
    expect(onPage.figures[0]).toMatchObject({
      entity: 'component:default/shop-web',
      amount: '10.25',
    });
  });

  it('refuses a restricted entity as its page does, and leaves it out of rollups and rankings', async () => {
    const viewer = viewerDenied(
      'component:default/vault',
      'component:default/shop-web',
    );
    await expect(ask.ask('What did vault cost?', { viewer })).rejects.toThrow(
      new NotAllowedError(
        'You are not allowed to read the cost of component:default/vault',
      ),
    );
    const store = await ask.ask('What did the store cost this month?', {
      viewer,
    });
    expect(store.figures[0].amount).toBe('33');
    expect(store.answer).toMatch(
      /1 member's cost is left out: you are not allowed to read it\./,
    );
    expect(store.lineage?.scope.hiddenMembers).toBe(1);
    const top = await ask.ask('Which components cost the most this month?', {
      viewer,
    });
    expect(top.breakdown.map(b => b.key)).toEqual([
      'component:default/shop-api',
    ]);
    const org = await ask.ask('What are the top services this month?', {
      viewer,
    });
    expect(org.breakdown.map(b => b.key)).not.toContain(
      'Amazon Relational Database Service',
    );
    await expect(
      ask.ask('What is unattributed this month?', { viewer }),
    ).rejects.toThrow(NotAllowedError);
    const admin = await ask.ask('What is unattributed this month?', {
      viewer,
      canReadUnattributed: true,
    });
    expect(admin.figures[0].amount).toBe('10.5');
  });

  it('refuses what it cannot answer with the closest questions, and offers the names a typo may mean', async () => {
    const weather = await ask.ask('Will it rain in Lisbon tomorrow?');
    expect(weather).toMatchObject({
      supported: false,
      intent: 'unsupported',
      figures: [],
      lineage: null,
    });
    expect(weather.answer).toMatch(/^I can't answer that yet\./);
    expect(weather.suggestions.length).toBeGreaterThan(0);
    const unknown = await ask.ask('What did shop-apii-v2 cost?');
    expect(unknown.supported).toBe(false);
    const typo = await ask.ask('What did shpo-api cost this month?');
    expect(typo.supported).toBe(true);
    expect(typo.didYouMean).toEqual(['component:default/shop-api']);
    expect(typo.answer).toMatch(
      /^Reading 'shpo-api' as component:default\/shop-api\./,
    );
  });

  it('turns away hostile and malformed input with a clear error', async () => {
    await expect(ask.ask('')).rejects.toThrow(InputError);
    await expect(ask.ask('x'.repeat(501))).rejects.toThrow(/at most 500/);
    const hostile = await ask.ask("'); DROP TABLE finops_allocations; --");
    expect(hostile.supported).toBe(false);
    await expect(ask.run({ intent: 'nope' } as any)).rejects.toThrow(
      InputError,
    );
    await expect(
      ask.run({ intent: 'cost', entityRef: 'component:default/missing' }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      ask.run({
        intent: 'cost',
        period: { from: '2025-03-09', to: '2025-03-01' },
      }),
    ).rejects.toThrow(/after/);
  });

  it('runs the structured queries the actions use', async () => {
    const cost = await ask.entityCost({
      entityRef: 'shop-api',
      period: { from: '2025-03-01', to: '2025-03-06' },
    });
    expect(cost.figures[0].amount).toBe('12');
    const change = await ask.explainCostChange({
      entityRef: 'system:default/store',
      spike: true,
    });
    expect(change.period).toEqual({ from: '2025-03-07', to: '2025-03-07' });
    const drivers = await ask.topCostDrivers({
      entityRef: 'system:default/store',
    });
    expect(drivers.intent).toBe('drivers');
    expect(drivers.breakdown[0]).toMatchObject({
      key: 'Amazon Elastic Compute Cloud',
      amount: '71.75',
    });
    const top = await ask.topCostDrivers({ by: 'resource', limit: 2 });
    expect(top.intent).toBe('top');
    expect(top.figures.map(f => f.amount)).toEqual(['71.75', '49']);
  });
});
