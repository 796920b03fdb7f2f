import type { Entity } from '@backstage/catalog-model';
import { engineDatabaseIds, startEngine } from '../__testUtils__/engine';
import { addDays, FixedClock } from '../model';
import { RecommendationService } from '../recommendations';
import { GovernanceStore, RecommendationStore } from '../stores';
import { GovernanceService } from './GovernanceService';
import { entity } from './__testUtils__/fixtures';

jest.setTimeout(120_000);

const catalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity('Group', 'data-team', { type: 'team', children: [] }),
  entity(
    'Component',
    'cart',
    { type: 'service', owner: 'group:default/shop-team' },
    { 'costwise.dev/tags': 'application=cart' },
  ),
  entity(
    'Component',
    'etl',
    { type: 'service', owner: 'group:default/data-team' },
    { 'costwise.dev/tags': 'application=etl' },
  ),
];

const HEADER =
  'BillingAccountId,SubAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,PricingCategory,CommitmentDiscountId,CommitmentDiscountStatus,BilledCost,EffectiveCost,ListCost,ProviderName,ServiceName,ResourceId,Tags';
const row = (
  day: string,
  fields: {
    account?: string;
    category?: string;
    pricing?: string;
    status?: string;
    effective: string;
    list: string;
    service?: string;
    resource?: string;
    tags?: string;
  },
) =>
  [
    '1',
    fields.account ?? '111',
    'USD',
    `${day.slice(0, 7)}-01`,
    day,
    addDays(day, 1),
    fields.category ?? 'Usage',
    fields.pricing ?? 'Standard',
    fields.status ? 'sp-1' : '',
    fields.status ?? '',
    fields.effective,
    fields.effective,
    fields.list,
    'AWS',
    fields.service ?? 'Amazon EC2',
    fields.resource ?? '',
    `"${(fields.tags ?? '{}').replace(/"/g, '""')}"`,
  ].join(',');

/*
 * Two months. In each: cart 100 of committed EC2 (list 140) and 50 on
 * demand (list 50), etl 30 on Lambda, 20 nobody owns in account 222, and an
 * unused commitment of 10.
 */
const lines = [HEADER];
for (const day of ['2025-02-10', '2025-03-10']) {
  lines.push(
    row(day, {
      pricing: 'Committed',
      status: 'Used',
      effective: '100',
      list: '140',
      resource: 'i-cart',
      tags: '{"application":"cart"}',
    }),
    row(day, {
      effective: '50',
      list: '50',
      resource: 'i-cart-2',
      tags: '{"application":"cart"}',
    }),
    row(day, {
      effective: '30',
      list: '30',
      service: 'AWS Lambda',
      resource: 'fn-etl',
      tags: '{"application":"etl"}',
    }),
    row(day, {
      account: '222',
      effective: '20',
      list: '20',
      service: 'Amazon S3',
      resource: 'bucket-x',
    }),
    row(day, {
      pricing: 'Committed',
      status: 'Unused',
      effective: '10',
      list: '0',
    }),
  );
}

describe.each(engineDatabaseIds())('governance KPIs on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let governance: GovernanceService;
  let clock: FixedClock;
  beforeAll(async () => {
    engine = await startEngine({
      csv: lines.join('\n'),
      entities: catalog,
      databaseId,
    });
    clock = new FixedClock('2025-03-20T08:00:00Z');
    const recommendationStore = new RecommendationStore(engine.knex);
    const recommendations = new RecommendationService({
      store: recommendationStore,
      catalogEntities: async () => catalog,
      clock,
    });
    const rec = (id: string, resource: string, impact: string) => ({
      RecommendationId: id,
      RecommendationCategory: 'Cost' as const,
      RecommendationSubcategory: 'Rightsizing' as const,
      RecommendationDescription: id,
      EstimatedMonthlyCostImpact: impact,
      Currency: 'USD',
      ResourceId: resource,
      DataGeneratorName: 'test',
    });
    await recommendations.import(
      'acme',
      'focus-recommendations',
      [
        rec('a', 'i-cart', '-60'),
        rec('b', 'i-cart-2', '-20'),
        rec('c', 'fn-etl', '-10'),
      ],
      { at: '2025-03-01T00:00:00.000Z' },
    );
    const ids = await recommendations.list({ source: 'acme' });
    await recommendations.changeStatus(
      ids.find(r => r.recommendationId === 'a')!.id,
      { status: 'implemented' },
      'user:default/ana',
      { at: '2025-03-05T00:00:00.000Z' },
    );
    governance = new GovernanceService({
      store: new GovernanceStore(engine.knex),
      attributionStore: engine.attributionStore,
      recommendations: recommendationStore,
      unitCosts: engine.unitCosts,
      catalogEntities: async () => catalog,
      options: {
        measure: 'EffectiveCost',
        targets: { 'explicit-coverage': 0.8 },
        teamTargets: [],
        overhead: [{ from: '2025-01', monthly: '3100' }],
        accountOwners: { '222': 'group:default/data-team' },
      },
      clock,
    });
  });

  it('computes the organization KPIs as an independent sum of the fixture does', async () => {
    const kpis = await governance.kpis();
    expect(kpis.month).toBe('2025-03');
    const org = Object.fromEntries(kpis.organization.map(k => [k.id, k]));
    // 210 in all; 180 attributed (cart 150, etl 30), the rest unowned
    expect(org['attribution-coverage'].value).toBeCloseTo(180 / 210, 6);
    expect(org['attribution-coverage'].detail).toEqual(
      expect.objectContaining({ total: '210', attributed: '180' }),
    );
    // 0.857 against 0.95: within a tenth of the target
    expect(org['attribution-coverage'].status).toBe('at-risk');
    // committed EC2 list 140 of eligible EC2 list 190; used 100 of 110
    expect(org['commitment-coverage'].value).toBeCloseTo(140 / 190, 6);
    expect(org['commitment-utilization'].value).toBeCloseTo(100 / 110, 6);
    // 3100 a month, the data covers 10 of March's 31 days: 1000 of cost per 210 of spend
    expect(org['finops-overhead'].value).toBe(4761904.76);
    expect(org['finops-overhead'].detail).toEqual(
      expect.objectContaining({ overhead: '1000.00', spend: '210' }),
    );
    // one implemented of three, in 4 days
    expect(org['recommendations-actioned'].value).toBeCloseTo(1 / 3, 6);
    expect(org['time-to-action'].value).toBe(4);
    expect(org['budget-adherence']).toEqual(
      expect.objectContaining({
        value: null,
        status: 'not-measured',
        message: 'not measured yet: no budgets exist',
      }),
    );
    // the config's target, over the default
    expect(org['explicit-coverage']).toEqual(
      expect.objectContaining({ target: 0.8, targetSource: 'organization' }),
    );
    expect(org['attribution-coverage'].history.slice(-2)).toEqual([
      { month: '2025-02', value: org['attribution-coverage'].value },
      { month: '2025-03', value: org['attribution-coverage'].value },
    ]);
    expect(org['attribution-coverage'].direction).toBe('flat');
  });

  it("fills each team's scorecard and ranks the teams", async () => {
    const card = await governance.scorecard(catalog[1]);
    const kpi = Object.fromEntries(card.kpis.map(k => [k.id, k]));
    // the data team owns account 222, none of whose 20 is attributed
    expect(kpi['attribution-coverage'].value).toBe(0);
    expect(kpi['recommendations-actioned'].value).toBe(0);
    expect(kpi['commitment-utilization'].message).toBe(
      'measured for the organization',
    );
    const shop = await governance.scorecard(catalog[0]);
    const shopKpi = Object.fromEntries(shop.kpis.map(k => [k.id, k]));
    expect(shopKpi['recommendations-actioned'].value).toBe(0.5);
    expect(shopKpi['attribution-coverage'].message).toMatch(/owns no accounts/);
    expect(shop.ranks['recommendations-actioned']).toEqual({
      position: 1,
      of: 2,
    });
    expect(card.ranks['recommendations-actioned']).toEqual({
      position: 2,
      of: 2,
    });
  });

  it('lets an admin change a target, with who and when, and checks it', async () => {
    await expect(
      governance.setTarget(
        { kpi: 'attribution-coverage', target: 95 },
        'user:default/dana',
      ),
    ).rejects.toThrow(/from 0 to 1/);
    const set = await governance.setTarget(
      { kpi: 'attribution-coverage', target: 0.85 },
      'user:default/dana',
    );
    expect(set).toEqual({
      kpi: 'attribution-coverage',
      target: 0.85,
      updatedBy: 'user:default/dana',
      updatedAt: '2025-03-20T08:00:00.000Z',
    });
    const org = (await governance.kpis()).organization.find(
      k => k.id === 'attribution-coverage',
    )!;
    // 0.857 against 0.85: met now
    expect(org).toEqual(
      expect.objectContaining({ target: 0.85, status: 'met' }),
    );
    await governance.setTarget(
      {
        kpi: 'attribution-coverage',
        team: 'group:default/data-team',
        target: 0,
      },
      'user:default/dana',
    );
    const data = await governance.scorecard(catalog[1]);
    expect(data.kpis.find(k => k.id === 'attribution-coverage')).toEqual(
      expect.objectContaining({ targetSource: 'team', status: 'met' }),
    );

    // removing the admins' targets brings back the default, for the team too
    for (const team of [undefined, 'group:default/data-team'])
      await governance.setTarget(
        {
          kpi: 'attribution-coverage',
          ...(team ? { team } : {}),
          target: null,
        },
        'user:default/dana',
      );
    const restored = (await governance.kpis()).organization.find(
      k => k.id === 'attribution-coverage',
    )!;
    expect(restored).toEqual(
      expect.objectContaining({ target: 0.95, targetSource: 'default' }),
    );
    const team = await governance.scorecard(catalog[1]);
    expect(team.kpis.find(k => k.id === 'attribution-coverage')).toEqual(
      expect.objectContaining({ target: 0.95, targetSource: 'default' }),
    );
  });

  it('keeps a closed month as it was stored when the figures change later', async () => {
    const before = (await governance.kpis()).organization.find(
      k => k.id === 'attribution-coverage',
    )!;
    // a new rule would change February; its stored value does not move
    await engine
      .knex('finops_allocations')
      .where({ day: '2025-02-10' })
      .delete();
    await governance.snapshot();
    const after = (await governance.kpis()).organization.find(
      k => k.id === 'attribution-coverage',
    )!;
    expect(after.history.find(h => h.month === '2025-02')).toEqual(
      before.history.find(h => h.month === '2025-02'),
    );
  });
  // last: its snapshot stays in the store the tests above share
  it('measures budget adherence and anomaly response, per team, from the budgets and anomalies given', async () => {
    const asked: Array<{ entityRefs: string[]; month: string }> = [];
    const measuring = new GovernanceService({
      store: new GovernanceStore(engine.knex),
      attributionStore: engine.attributionStore,
      recommendations: new RecommendationStore(engine.knex),
      unitCosts: engine.unitCosts,
      catalogEntities: async () => catalog,
      budgets: {
        budgetAdherence: async month => ({
          month,
          share: 0.5,
          onTrack: 1,
          total: 2,
          byTeam: {
            'group:default/shop-team': { share: 1, onTrack: 1, total: 1 },
            'group:default/data-team': { share: 0, onTrack: 0, total: 1 },
          },
        }),
      },
      anomalies: {
        response: async query => {
          asked.push(query);
          const shop = query.entityRefs.includes('component:default/cart');
          return {
            month: query.month,
            count: shop ? 2 : 0,
            acknowledged: shop ? 2 : 0,
            resolved: shop ? 1 : 0,
            open: shop ? 1 : 0,
            medianHoursToDetect: shop ? 6 : null,
            medianHoursToAcknowledge: shop ? 36 : null,
            medianHoursToResolve: shop ? 72 : null,
          };
        },
      },
      options: {
        measure: 'EffectiveCost',
        targets: {},
        teamTargets: [],
        overhead: [],
        accountOwners: {},
      },
      clock,
    });
    // the KPIs are stored after each attribution run
    await measuring.snapshot();
    const kpis = await measuring.kpis();
    const org = Object.fromEntries(kpis.organization.map(k => [k.id, k]));
    expect(org['budget-adherence']).toEqual(
      expect.objectContaining({ value: 0.5, status: 'missed' }),
    );
    expect(org['budget-adherence'].detail).toEqual({ onTrack: 1, budgets: 2 });
    // 36 hours to the first response: 1.5 days
    expect(org['anomaly-response']).toEqual(
      expect.objectContaining({ value: 1.5, status: 'met' }),
    );
    expect(org['anomaly-response'].detail).toEqual(
      expect.objectContaining({ daysToDetect: 0.25, daysToResolve: 3 }),
    );
    const team = (name: string) =>
      Object.fromEntries(
        kpis.teams
          .find(t => t.team === `group:default/${name}`)!
          .kpis.map(k => [k.id, k]),
      );
    expect(team('shop-team')['budget-adherence'].value).toBe(1);
    expect(team('data-team')['budget-adherence'].value).toBe(0);
    expect(team('shop-team')['anomaly-response'].value).toBe(1.5);
    expect(team('data-team')['anomaly-response']).toEqual(
      expect.objectContaining({
        value: null,
        message: 'no anomaly in the month',
      }),
    );
    // a team's anomalies are its members'
    expect(
      asked.some(q => q.entityRefs.includes('component:default/etl')),
    ).toBe(true);
  });
});
