import type { Entity } from '@backstage/catalog-model';
import { Decimal, RecommendationRow } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startEngine } from '../__testUtils__/engine';
import { addDays, FixedClock } from '../model';
import { RecommendationStore } from '../stores';
import { recommendationKpis } from './kpis';
import {
  recommendationKey,
  recommendationView,
  RecommendationService,
} from './RecommendationService';

jest.setTimeout(120_000);

const entity = (
  kind: string,
  name: string,
  spec: Entity['spec'] & object,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

const catalog: Entity[] = [
  entity('Group', 'checkout-team', { type: 'team', children: [] }),
  entity('Group', 'catalog-team', { type: 'team', children: [] }),
  entity(
    'Component',
    'checkout-api',
    { type: 'service', owner: 'group:default/checkout-team' },
    { 'costwise.dev/tags': 'application=checkout' },
  ),
  entity(
    'Component',
    'catalog-api',
    { type: 'service', owner: 'group:default/catalog-team' },
    { 'costwise.dev/tags': 'application=catalog' },
  ),
  entity(
    'Resource',
    'orders-db',
    { type: 'database', owner: 'group:default/checkout-team' },
    {
      'costwise.dev/resource-ids': 'db-orders',
      'costwise.dev/shared-cost':
        'weights: component:default/checkout-api=60, component:default/catalog-api=40',
    },
  ),
];

const HEADER =
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,SkuId,Tags';
const line = (day: string, cost: string, resource: string, tags: string) =>
  `1,USD,2025-03-01,${day},${addDays(
    day,
    1,
  )},${cost},${cost},AWS,Amazon EC2,${resource},Box,"${tags.replace(
    /"/g,
    '""',
  )}"`;
const rows: string[] = [HEADER];
for (let d = 1; d <= 31; d++) {
  const day = `2025-03-${String(d).padStart(2, '0')}`;
  // rightsized on the 14th: 10 a day before, 4 a day after
  rows.push(
    line(day, d <= 14 ? '10' : '4', 'i-checkout', '{"application":"checkout"}'),
  );
  rows.push(line(day, '20', 'db-orders', '{}'));
  if (d <= 5) rows.push(line(day, '3', 'i-gone', '{"application":"catalog"}'));
}

const rec = (
  id: string,
  resource: string | undefined,
  impact: string,
  extra: Partial<RecommendationRow> = {},
): RecommendationRow => ({
  RecommendationId: id,
  RecommendationCategory: 'Cost',
  RecommendationSubcategory: 'Rightsizing',
  RecommendationDescription: `Rightsize ${resource}`,
  EstimatedMonthlyCostImpact: impact,
  Currency: 'USD',
  DataGeneratorName: 'AWS Cost Optimization Hub',
  ...(resource ? { ResourceId: resource } : {}),
  ...extra,
});

describe.each(engineDatabaseIds())('recommendations on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let clock: FixedClock;
  let service: RecommendationService;
  beforeAll(async () => {
    engine = await startEngine({
      csv: rows.join('\n'),
      entities: catalog,
      databaseId,
    });
  });
  beforeEach(async () => {
    await engine.knex('finops_recommendation_events').delete();
    await engine.knex('finops_recommendation_entities').delete();
    await engine.knex('finops_recommendations').delete();
    clock = new FixedClock('2025-03-10T09:00:00Z');
    service = new RecommendationService({
      store: new RecommendationStore(engine.knex),
      catalogEntities: async () => catalog,
      options: { verifyDays: 10 },
      clock,
    });
  });

  it('gives each recommendation the owner of its resource, and a shared one its consumers with their part of the saving', async () => {
    const result = await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-120.50'),
      rec('r-2', 'db-orders', '-100.01'),
      rec('r-3', 'i-new', '-30', { x_Tags: { application: 'catalog' } }),
      rec('r-4', 'i-unknown', '-5'),
      rec('r-5', '999', '0', {
        RecommendationSubcategory: 'Other',
        x_Evidence: {
          summary: 'unattributed spend in account 999',
          figures: { accountOwner: 'group:default/catalog-team' },
        },
      }),
    ]);
    expect(result).toMatchObject({ accepted: 5, created: 5, expired: 0 });
    const byId = new Map(
      result.recommendations.map(r => [r.recommendationId, r]),
    );
    expect(byId.get('r-1')!.ownerRef).toBe('component:default/checkout-api');
    expect(byId.get('r-1')!.estimatedMonthlySavings).toBe('120.5');
    // the shared Resource owns it; its consumers bear 60% and 40% of the saving
    const shared = byId.get('r-2')!;
    expect(shared.ownerRef).toBe('resource:default/orders-db');
    expect(shared.sharedWith).toEqual([
      {
        entityRef: 'component:default/checkout-api',
        share: 0.6,
        estimatedMonthlySavings: '60.01',
      },
      {
        entityRef: 'component:default/catalog-api',
        share: 0.4,
        estimatedMonthlySavings: '40.00',
      },
    ]);
    expect(
      Decimal.sum(
        shared.sharedWith.map(s => Decimal.parse(s.estimatedMonthlySavings)),
      ).toString(),
    ).toBe('100.01');
    // not in the cost data: the same rules on what the source says of it
    expect(byId.get('r-3')!.ownerRef).toBe('component:default/catalog-api');
    expect(byId.get('r-3')!.ownerEvidence).toMatch(/no cost data yet/);
    expect(byId.get('r-4')!.ownerRef).toBeNull();
    // a finding about an account: the group that owns the account
    expect(byId.get('r-5')!.ownerRef).toBe('group:default/catalog-team');
    expect(
      (await service.list({ unowned: true })).map(r => r.recommendationId),
    ).toEqual(['r-4']);
    // shown to the consumers of the shared database as well
    const forCatalog = await service.list({
      entityRefs: ['component:default/catalog-api'],
    });
    expect(forCatalog.map(r => r.recommendationId).sort()).toEqual([
      'r-2',
      'r-3',
    ]);
    expect(recommendationView(shared).estimatedMonthlyCostImpact).toBe(
      '-100.01',
    );
  });

  it('updates in place on re-import, expires what the source no longer reports and reopens a dismissal only when the estimate grew enough', async () => {
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-100'),
      rec('r-2', 'db-orders', '-50'),
      rec('r-3', 'i-checkout', '-10'),
    ]);
    const id1 = recommendationKey('coh', 'r-1');
    const id3 = recommendationKey('coh', 'r-3');
    await service.changeStatus(
      id1,
      { status: 'dismissed', reason: 'accepted-risk' },
      'user:default/ana',
    );
    await service.changeStatus(
      id3,
      { status: 'dismissed', reason: 'false-positive' },
      'user:default/ana',
    );
    clock.advance(86_400_000);
    const again = await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-140'), // grew 1.4×: stays dismissed
      rec('r-3', 'i-checkout', '-16'), // grew 1.6×: reopens
    ]);
    expect(again).toMatchObject({
      accepted: 2,
      created: 0,
      updated: 2,
      reopened: 1,
      expired: 1,
    });
    const all = await service.list({ source: 'coh' });
    expect(all).toHaveLength(3);
    const status = Object.fromEntries(
      all.map(r => [r.recommendationId, r.status]),
    );
    expect(status).toEqual({
      'r-1': 'dismissed',
      'r-2': 'expired',
      'r-3': 'open',
    });
    expect(
      all.find(r => r.recommendationId === 'r-1')!.estimatedMonthlySavings,
    ).toBe('140');
    const events = await service.events([id3]);
    expect(events.get(id3)!.map(e => [e.from, e.to, e.actor])).toEqual([
      [null, 'open', 'costwise'],
      ['open', 'dismissed', 'user:default/ana'],
      ['dismissed', 'open', 'costwise'],
    ]);
    expect(events.get(id3)![2].reason).toMatch(/grew from 10.00 to 16.00/);
    // reported again after it expired: open again
    const third = await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-140'),
      rec('r-2', 'db-orders', '-50'),
      rec('r-3', 'i-checkout', '-16'),
    ]);
    expect(third.reopened).toBe(1);
    expect((await service.get(recommendationKey('coh', 'r-2')))!.status).toBe(
      'open',
    );
  });

  it('checks each change of status and records who made it', async () => {
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-100'),
    ]);
    const id = recommendationKey('coh', 'r-1');
    const actor = 'user:default/ana';
    await expect(
      service.changeStatus(id, { status: 'dismissed' }, actor),
    ).rejects.toThrow(/needs a reason/);
    await expect(
      service.changeStatus(id, { status: 'dismissed', reason: 'other' }, actor),
    ).rejects.toThrow(/needs a note/);
    await expect(
      service.changeStatus(
        id,
        { status: 'deferred', until: '2025-03-10' },
        actor,
      ),
    ).rejects.toThrow(/a day after today/);
    await expect(
      service.changeStatus(id, { status: 'open' }, actor),
    ).rejects.toThrow(/already open/);
    await expect(
      service.changeStatus('rec_nope', { status: 'acknowledged' }, actor),
    ).rejects.toThrow(/No recommendation/);

    clock.advance(3_600_000);
    await service.changeStatus(id, { status: 'acknowledged' }, actor);
    clock.advance(3_600_000);
    const deferred = await service.changeStatus(
      id,
      { status: 'deferred', until: '2025-03-12', note: 'after the release' },
      actor,
    );
    expect(deferred).toMatchObject({
      status: 'deferred',
      deferredUntil: '2025-03-12',
      statusNote: 'after the release',
      firstResponseAt: '2025-03-10T10:00:00.000Z',
    });
    // the deferral ends: open again
    clock.set('2025-03-12T08:00:00Z');
    expect((await service.refresh()).reopened).toBe(1);
    const events = (await service.events([id])).get(id)!;
    expect(events.map(e => `${e.from}→${e.to} by ${e.actor}`)).toEqual([
      'null→open by costwise',
      'open→acknowledged by user:default/ana',
      'acknowledged→deferred by user:default/ana',
      'deferred→open by costwise',
    ]);
    expect(events[2]).toMatchObject({
      note: 'after the release',
      deferredUntil: '2025-03-12',
    });
  });

  it('verifies an implemented saving against the cost before and after, exactly', async () => {
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-1', 'i-checkout', '-150'),
      rec('r-2', 'i-checkout', '-1000'),
    ]);
    for (const id of ['r-1', 'r-2'])
      await service.changeStatus(
        recommendationKey('coh', id),
        { status: 'implemented' },
        'user:default/ana',
        { at: '2025-03-14T12:00:00.000Z' },
      );
    // the data reaches the 31st, past the 24th (10 days after): verified at once
    const r1 = (await service.get(recommendationKey('coh', 'r-1')))!;
    // 10 days before at 10 a day, 10 days after at 4 a day: 60 over 10 days, 180 a month
    expect(r1.verification).toMatchObject({
      status: 'verified',
      days: 10,
      before: '100',
      after: '40',
      realizedMonthlySavings: '180.00',
    });
    const r2 = (await service.get(recommendationKey('coh', 'r-2')))!;
    expect(r2.verification).toMatchObject({
      status: 'not-realized',
      realizedMonthlySavings: '180.00',
    });
    expect(r2.verification!.message).toMatch(/less than 50% of the 1000.00/);
  });

  it('expires an open recommendation whose resource left the cost data', async () => {
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('r-gone', 'i-gone', '-20'),
      rec('r-1', 'i-checkout', '-20'),
    ]);
    expect(await service.refresh()).toMatchObject({ expired: 1 });
    expect(
      (await service.get(recommendationKey('coh', 'r-gone')))!,
    ).toMatchObject({ status: 'expired' });
    const events = (
      await service.events([recommendationKey('coh', 'r-gone')])
    ).get(recommendationKey('coh', 'r-gone'))!;
    expect(events[1].reason).toBe(
      'the resource has had no cost since 2025-03-05',
    );
  });

  it('counts the KPIs: actioned share by count and by saving, time to act, backlog, realized savings', async () => {
    await service.import('coh', 'aws-cost-optimization-hub', [
      rec('a', 'i-checkout', '-150'),
      rec('b', 'i-checkout', '-50'),
      rec('c', 'db-orders', '-100'),
      rec('d', 'i-gone', '-100'),
    ]);
    const key = (id: string) => recommendationKey('coh', id);
    await service.changeStatus(
      key('a'),
      { status: 'implemented' },
      'user:default/ana',
      {
        at: '2025-03-14T09:00:00.000Z',
      },
    );
    await service.changeStatus(
      key('b'),
      { status: 'dismissed', reason: 'not-applicable' },
      'user:default/ana',
      { at: '2025-03-11T09:00:00.000Z' },
    );
    await service.refresh(); // d's resource left the data: expired
    const all = await service.list({});
    const kpis = recommendationKpis(all, {
      from: '2025-03-01',
      to: '2025-03-31',
      currency: 'USD',
    });
    expect(kpis).toMatchObject({
      opened: 4,
      implemented: 1,
      actionedRate: 1 / 3,
      actionedRateBySavings: 0.5,
      timeToImplementDays: { median: 4, p90: 4 },
      timeToFirstResponseDays: { median: 2.5, p90: 3.7 },
      backlog: { count: 1, monthlySavings: '100.00' },
      estimatedSavingsImplemented: '150.00',
      realizedSavings: '180.00',
    });
    expect(kpis.months).toEqual([
      {
        month: '2025-03',
        opened: 4,
        implemented: 1,
        actionedRate: 1 / 3,
        realizedSavings: '180.00',
      },
    ]);
  });
});
