import type { Entity } from '@backstage/catalog-model';
import type { RecommendationRow } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startEngine } from '../../__testUtils__/engine';
import { addDays, eachDay } from '../../model';
import { builtinDetectors, DetectorConfigOverrides, DetectorId } from '.';

jest.setTimeout(120_000);

/*
 * One estate with, for each detector, a finding, a near miss just under
 * its threshold, and charges after the as-of day that would change the
 * finding if the detector read them.
 */

const AS_OF = '2025-03-31';
const FIRST = '2025-02-01';
const LAST = '2025-04-05';

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
  entity('Group', 'team-a', { type: 'team', children: [] }),
  entity('Group', 'team-b', { type: 'team', children: [] }),
  entity(
    'Component',
    'active-svc',
    { type: 'service', lifecycle: 'production', owner: 'group:default/team-a' },
    { 'costwise.dev/resource-ids': 'i-active, i-known' },
  ),
  entity(
    'Component',
    'old-svc',
    { type: 'service', lifecycle: 'deprecated', owner: 'group:default/team-a' },
    { 'costwise.dev/resource-ids': 'i-old, i-old-tiny' },
  ),
  entity(
    'Component',
    'gone-svc',
    { type: 'service', lifecycle: 'production', owner: 'group:default/team-b' },
    { 'costwise.dev/resource-ids': 'i-gone' },
  ),
  entity(
    'Resource',
    'shared-db',
    { type: 'database', owner: 'group:default/team-a' },
    {
      'costwise.dev/resource-ids': 'db-shared',
      'costwise.dev/shared-cost':
        'weights: component:default/old-svc=50, component:default/active-svc=50',
    },
  ),
];
/** The catalog after gone-svc was removed, before attribution ran again. */
const catalogNow = catalog.filter(e => e.metadata.name !== 'gone-svc');

const COLUMNS = [
  'BillingAccountId',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BilledCost',
  'EffectiveCost',
  'ProviderName',
  'ServiceName',
  'SubAccountId',
  'ResourceId',
  'ResourceName',
  'ChargeCategory',
  'SkuId',
  'CommitmentDiscountId',
  'CommitmentDiscountStatus',
  'ConsumedQuantity',
  'ConsumedUnit',
  'Tags',
] as const;

type Charge = Partial<Record<(typeof COLUMNS)[number], string>>;

const csvCell = (value: string) =>
  /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

function line(day: string, charge: Charge): string {
  const row: Charge = {
    BillingAccountId: 'billing-1',
    BillingCurrency: 'USD',
    ChargePeriodStart: `${day}T00:00:00Z`,
    ChargePeriodEnd: `${addDays(day, 1)}T00:00:00Z`,
    ProviderName: 'AWS',
    ServiceName: 'Amazon Elastic Compute Cloud',
    SubAccountId: '111111111111',
    ChargeCategory: 'Usage',
    ConsumedQuantity: '1',
    ConsumedUnit: 'Hours',
    Tags: '{}',
    ...charge,
  };
  row.EffectiveCost ??= row.BilledCost;
  return COLUMNS.map(c => csvCell(row[c] ?? '')).join(',');
}

/** Charges of a resource on each day, from a function of the day. */
function daily(charge: (day: string) => Charge | undefined): string[] {
  return eachDay(FIRST, LAST).flatMap(day => {
    const c = charge(day);
    return c ? [line(day, c)] : [];
  });
}

const after = (day: string) => day > AS_OF;
const inLast = (days: number, day: string) =>
  day > addDays(AS_OF, -days) && day <= AS_OF;
/** The value of a charge after the as-of day, in the last days up to it, and before. */
const by = (
  day: string,
  values: { after: string; last: [number, string]; before: string },
) => {
  if (after(day)) return values.after;
  return inLast(values.last[0], day) ? values.last[1] : values.before;
};

const charges = [
  // unused commitment: 1.234567 a day in the 30 days up to the as-of day, more before and after
  ...daily(day => ({
    ResourceId: 'sp-1',
    ResourceName: 'Compute Savings Plan',
    ServiceName: 'Savings Plans for AWS Compute usage',
    CommitmentDiscountId: 'sp-1',
    CommitmentDiscountStatus: 'Unused',
    BilledCost: '0',
    EffectiveCost: by(day, {
      after: '100',
      last: [30, '1.234567'],
      before: '7',
    }),
    ConsumedQuantity: '',
  })),
  // just under the floor of 10 per 30 days
  ...daily(day => ({
    ResourceId: 'sp-2',
    CommitmentDiscountId: 'sp-2',
    CommitmentDiscountStatus: 'Unused',
    BilledCost: '0',
    EffectiveCost: after(day) ? '100' : '0.333333',
    ConsumedQuantity: '',
  })),
  // the same commitment's used part is no finding
  ...daily(() => ({
    ResourceId: 'i-active',
    CommitmentDiscountId: 'sp-1',
    CommitmentDiscountStatus: 'Used',
    SkuId: 'BoxUsage:m6i.large',
    BilledCost: '0',
    EffectiveCost: '3',
  })),

  // idle: no usage over the last 14 days (2.14 a day, 2.105 on the last), used before, used after
  ...daily(day => ({
    ResourceId: 'vol-idle',
    ServiceName: 'Amazon Elastic Block Store',
    SkuId: 'VolumeUsage.gp3',
    ConsumedUnit: 'GB-Month',
    BilledCost: by(day, { after: '50', last: [1, '2.105'], before: '2.14' }),
    ConsumedQuantity: by(day, { after: '3', last: [14, '0'], before: '10' }),
  })),
  // 0.99 a day: under the floor of 1.00 a day on average
  ...daily(() => ({
    ResourceId: 'vol-cheap',
    ServiceName: 'Amazon Elastic Block Store',
    SkuId: 'VolumeUsage.gp3',
    BilledCost: '0.99',
    ConsumedQuantity: '0',
  })),
  // used on one day of the 14 (not of the last 7)
  ...daily(day => ({
    ResourceId: 'vol-busy',
    ServiceName: 'Amazon Elastic Block Store',
    SkuId: 'VolumeUsage.gp3',
    BilledCost: '5',
    ConsumedQuantity: day === addDays(AS_OF, -7) ? '0.5' : '0',
  })),

  // previous generation: an m4 instance, a gp2 volume; an m4 under the floor; SageMaker's ml.m4 is no EC2 m4
  ...daily(day => ({
    ResourceId: 'i-m4',
    SkuId: 'BoxUsage:m4.large',
    BilledCost: after(day) ? '1000' : '3.33',
  })),
  ...daily(() => ({
    ResourceId: 'vol-gp2',
    ServiceName: 'Amazon Elastic Block Store',
    SkuId: 'VolumeUsage.gp2',
    BilledCost: '1',
  })),
  ...daily(() => ({
    ResourceId: 'i-m4-small',
    SkuId: 'BoxUsage:m4.large',
    BilledCost: '0.33',
  })),
  ...daily(() => ({
    ResourceId: 'endpoint-ml',
    ServiceName: 'Amazon SageMaker',
    SkuId: 'Host:ml.m4.xlarge',
    BilledCost: '20',
  })),

  // deprecated or removed
  ...daily(day => ({
    ResourceId: 'i-old',
    SkuId: 'BoxUsage:m6i.large',
    BilledCost: after(day) ? '1000' : '4',
  })),
  ...daily(() => ({
    ResourceId: 'i-old-tiny',
    SkuId: 'BoxUsage:t4g.nano',
    BilledCost: '0.03',
  })),
  ...daily(() => ({
    ResourceId: 'i-gone',
    SkuId: 'BoxUsage:m6i.large',
    BilledCost: '2',
  })),
  ...daily(() => ({
    ResourceId: 'db-shared',
    ServiceName: 'Amazon Relational Database Service',
    SkuId: 'InstanceUsage:db.r6g.large',
    BilledCost: '6',
  })),

  // LLM: gpt-4o in a project, gpt-4o-mini in another, gpt-4o under the floor, Claude Opus on Bedrock by tag
  ...daily(day => ({
    ProviderName: 'OpenAI',
    ServiceName: 'OpenAI API',
    BillingAccountId: 'org-1',
    SubAccountId: 'proj_a',
    SkuId: 'gpt-4o-2024-08-06',
    ConsumedUnit: 'Input Tokens',
    ConsumedQuantity: '1000000',
    BilledCost: after(day) ? '1000' : '10',
  })),
  ...daily(() => ({
    ProviderName: 'OpenAI',
    ServiceName: 'OpenAI API',
    BillingAccountId: 'org-1',
    SubAccountId: 'proj_b',
    SkuId: 'gpt-4o-mini',
    BilledCost: '10',
  })),
  ...daily(() => ({
    ProviderName: 'OpenAI',
    ServiceName: 'OpenAI API',
    BillingAccountId: 'org-1',
    SubAccountId: 'proj_c',
    SkuId: 'gpt-4o',
    BilledCost: '1.66',
  })),
  ...daily(() => ({
    ServiceName: 'Amazon Bedrock',
    SubAccountId: '222222222222',
    SkuId: 'USE1-InputTokenCount',
    Tags: '{"x_ModelId": "anthropic.claude-3-opus-20240229-v1:0"}',
    BilledCost: '5',
  })),

  // unattributed spend in an owned account (and attributed spend next to it); another just under the floor
  ...daily(day => ({
    SubAccountId: '555555555555',
    ResourceId: 'i-stray',
    SkuId: 'BoxUsage:m6i.large',
    BilledCost: after(day) ? '1000' : '7',
  })),
  ...daily(() => ({
    SubAccountId: '555555555555',
    ResourceId: 'i-known',
    SkuId: 'BoxUsage:m6i.large',
    BilledCost: '20',
  })),
  ...daily(() => ({
    SubAccountId: '666666666666',
    ResourceId: 'i-stray-2',
    SkuId: 'BoxUsage:m6i.large',
    BilledCost: '3.33',
  })),
];
const csv = [COLUMNS.join(','), ...charges].join('\n');

const accountOwners = {
  '555555555555': 'group:default/team-a',
  '666666666666': 'team-b',
};

describe.each(engineDatabaseIds())(
  'the built-in detectors on %p',
  databaseId => {
    let engine: Awaited<ReturnType<typeof startEngine>>;
    beforeAll(async () => {
      engine = await startEngine({ csv, entities: catalog, databaseId });
    });

    it('reads every charge', () => {
      expect(engine.run.rejected).toBe(0);
    });

    async function run(
      id: DetectorId,
      options: { asOf?: string; config?: DetectorConfigOverrides } = {},
    ): Promise<RecommendationRow[]> {
      const detectors = builtinDetectors({
        knex: engine.knex,
        catalogEntities: async () => catalogNow,
        accountOwners,
        config: { ...options.config, enabled: [id] },
      });
      expect(detectors.map(d => d.id)).toEqual([id]);
      const first = await detectors[0].run({
        asOf: options.asOf ?? AS_OF,
        currency: 'USD',
      });
      // the same finding gets the same id and the same figures on every run
      const again = await detectors[0].run({
        asOf: options.asOf ?? AS_OF,
        currency: 'USD',
      });
      expect(again.rows).toEqual(first.rows);
      return first.rows;
    }
    const ids = (found: RecommendationRow[]) =>
      found.map(r => r.RecommendationId);

    describe('unused-commitment', () => {
      it('finds the unused part of a commitment, per 30 days, exactly', async () => {
        const rows = await run('unused-commitment');
        expect(ids(rows)).toEqual(['sp-1']);
        expect(rows[0]).toMatchObject({
          RecommendationCategory: 'Cost',
          RecommendationSubcategory: 'Other',
          EstimatedMonthlyCostImpact: '-37.03701',
          Currency: 'USD',
          ResourceId: 'sp-1',
          ResourceName: 'Compute Savings Plan',
          DataGeneratorName: 'Costwise unused-commitment detector',
        });
        expect(rows[0].x_Evidence).toMatchObject({
          from: '2025-03-02',
          to: AS_OF,
          days: 30,
          amount: '37.03701',
          figures: expect.objectContaining({
            measure: 'EffectiveCost',
            unusedDays: '30',
          }),
        });
      });

      it('leaves out one just under the floor, and finds it with a lower floor', async () => {
        const rows = await run('unused-commitment', {
          config: { unusedCommitment: { minMonthlyCost: '9.99999' } },
        });
        expect(ids(rows)).toEqual(['sp-1', 'sp-2']);
        expect(rows[1].EstimatedMonthlyCostImpact).toBe('-9.99999');
      });

      it('reads only days up to the as-of day', async () => {
        const rows = await run('unused-commitment', {
          asOf: '2025-03-10',
          config: { unusedCommitment: { days: 10 } },
        });
        // 2025-03-01 to 03-10: 7 on the first day, then 9 days of 1.234567 → 18.111103 per 10 days
        expect(rows[0].x_Evidence).toMatchObject({
          from: '2025-03-01',
          to: '2025-03-10',
          days: 10,
          amount: '18.111103',
        });
        expect(rows[0].EstimatedMonthlyCostImpact).toBe('-54.33');
      });
    });

    describe('idle-resource', () => {
      it('finds a resource billed with no usage for 14 days, scaled to 30 days and rounded half to even', async () => {
        const rows = await run('idle-resource');
        // sp-1 and sp-2 have no usage either, but are unused commitment
        expect(ids(rows)).toEqual(['vol-idle']);
        expect(rows[0]).toMatchObject({
          RecommendationSubcategory: 'Idle Resource Removal',
          ResourceId: 'vol-idle',
          // 13 × 2.14 + 2.105 = 29.925; × 30 / 14 = 64.125 → 64.12
          EstimatedMonthlyCostImpact: '-64.12',
          ServiceName: 'Amazon Elastic Block Store',
        });
        expect(rows[0].x_Evidence).toMatchObject({
          from: '2025-03-18',
          to: AS_OF,
          days: 14,
          amount: '29.925',
          figures: expect.objectContaining({ consumedQuantity: '0' }),
        });
      });

      it('leaves out a resource just under the daily floor, and finds it without one', async () => {
        const rows = await run('idle-resource', {
          config: { idle: { minDailyCost: '0.99' } },
        });
        expect(ids(rows)).toEqual(['vol-cheap', 'vol-idle']);
        expect(rows[0].EstimatedMonthlyCostImpact).toBe('-29.7');
        const floored = await run('idle-resource', {
          config: { idle: { minTotalCost: '29.926' } },
        });
        expect(ids(floored)).toEqual([]);
      });

      it('reads only days up to the as-of day', async () => {
        // its last 14 days to 03-25 include days with usage
        expect(ids(await run('idle-resource', { asOf: '2025-03-25' }))).toEqual(
          [],
        );
        // the usage after the as-of day does not count
        expect(ids(await run('idle-resource', { asOf: AS_OF }))).toEqual([
          'vol-idle',
        ]);
        // the last 7 days: vol-busy was used before them
        const week = await run('idle-resource', {
          config: { idle: { days: 7 } },
        });
        expect(ids(week)).toEqual(['vol-busy', 'vol-idle']);
      });
    });

    describe('previous-generation', () => {
      it('finds an m4 instance and a gp2 volume, at the expected saving ratio', async () => {
        const rows = await run('previous-generation');
        expect(ids(rows)).toEqual(['i-m4#m4', 'vol-gp2#gp2']);
        expect(rows[0]).toMatchObject({
          RecommendationSubcategory: 'Modernization',
          ResourceId: 'i-m4',
          // 30 × 3.33 × 0.04
          EstimatedMonthlyCostImpact: '-3.996',
          ResourceConfigurationDetailsRecommended: '{"generation":"m6i"}',
        });
        expect(rows[0].x_Evidence).toMatchObject({
          from: '2025-03-02',
          to: AS_OF,
          days: 30,
          amount: '99.9',
          figures: expect.objectContaining({
            skus: 'BoxUsage:m4.large',
            savingRatio: '0.04',
          }),
        });
        expect(rows[1].EstimatedMonthlyCostImpact).toBe('-6');
      });

      it('leaves out one under the floor, and takes a configured successor', async () => {
        const rows = await run('previous-generation', {
          config: {
            previousGeneration: {
              minMonthlyCost: '9.9',
              successors: [{ from: 'm4', to: 'm7i', savingRatio: '0.5' }],
            },
          },
        });
        // the configured table replaces the built-in one: no gp2 rule
        expect(ids(rows)).toEqual(['i-m4#m4', 'i-m4-small#m4']);
        expect(rows.map(r => r.EstimatedMonthlyCostImpact)).toEqual([
          '-49.95',
          '-4.95',
        ]);
      });

      it('reads only days up to the as-of day', async () => {
        const rows = await run('previous-generation', { asOf: '2025-03-15' });
        // 2025-02-14 to 03-15
        expect(rows[0].x_Evidence).toMatchObject({
          from: '2025-02-14',
          to: '2025-03-15',
          amount: '99.9',
        });
      });
    });

    describe('deprecated-or-removed', () => {
      it('finds resources of a deprecated entity and of one no longer in the catalog', async () => {
        const rows = await run('deprecated-or-removed');
        // db-shared's consumer old-svc is deprecated, but the database itself is not
        expect(ids(rows)).toEqual(['i-gone', 'i-old']);
        expect(rows[1]).toMatchObject({
          RecommendationSubcategory: 'Idle Resource Removal',
          EstimatedMonthlyCostImpact: '-120',
          ResourceId: 'i-old',
        });
        expect(rows[1].x_Evidence).toMatchObject({
          from: '2025-03-02',
          to: AS_OF,
          days: 30,
          amount: '120',
          figures: expect.objectContaining({
            entities: 'component:default/old-svc',
            reason: 'deprecated',
            lastBilledDay: AS_OF,
          }),
        });
        expect(rows[0].EstimatedMonthlyCostImpact).toBe('-60');
        expect(rows[0].x_Evidence?.figures).toMatchObject({
          entities: 'component:default/gone-svc',
          reason: 'removed',
        });
        expect(rows[0].RecommendationDescription).toMatch(
          /no longer in the catalog/,
        );
      });

      it('leaves out one under the floor, and finds it with a lower one', async () => {
        const rows = await run('deprecated-or-removed', {
          config: { deprecated: { minMonthlyCost: '0.9' } },
        });
        expect(ids(rows)).toEqual(['i-gone', 'i-old', 'i-old-tiny']);
        expect(rows[2].EstimatedMonthlyCostImpact).toBe('-0.9');
      });

      it('reads only days up to the as-of day', async () => {
        const rows = await run('deprecated-or-removed', {
          asOf: '2025-03-05',
          config: { deprecated: { days: 5 } },
        });
        expect(rows.find(r => r.RecommendationId === 'i-old')).toMatchObject({
          // 5 days of 4, per 30 days
          EstimatedMonthlyCostImpact: '-120',
          x_Evidence: expect.objectContaining({ amount: '20', days: 5 }),
        });
      });
    });

    describe('llm-premium-model', () => {
      it('finds premium model spend by SKU and by model tag', async () => {
        const rows = await run('llm-premium-model');
        expect(ids(rows)).toEqual([
          '222222222222#claude-opus',
          'proj_a#gpt-4o',
        ]);
        expect(rows[1]).toMatchObject({
          RecommendationSubcategory: 'Rightsizing',
          ResourceId: 'proj_a',
          SubAccountId: 'proj_a',
          ServiceProviderName: 'OpenAI',
          // 300 × (1 − 0.06)
          EstimatedMonthlyCostImpact: '-282',
          ResourceConfigurationDetailsRecommended: '{"model":"gpt-4o-mini"}',
        });
        expect(rows[1].x_Evidence).toMatchObject({
          from: '2025-03-02',
          to: AS_OF,
          days: 30,
          amount: '300',
          figures: expect.objectContaining({ skus: 'gpt-4o-2024-08-06' }),
        });
        // 150 × (1 − 0.2)
        expect(rows[0].EstimatedMonthlyCostImpact).toBe('-120');
        expect(rows[0].x_Evidence?.figures?.skus).toBe(
          'anthropic.claude-3-opus-20240229-v1:0',
        );
      });

      it('leaves out spend just under the floor', async () => {
        const rows = await run('llm-premium-model', {
          config: { llm: { minMonthlySpend: '49.8' } },
        });
        expect(ids(rows)).toEqual([
          '222222222222#claude-opus',
          'proj_a#gpt-4o',
          'proj_c#gpt-4o',
        ]);
      });

      it('reads only days up to the as-of day', async () => {
        const rows = await run('llm-premium-model', { asOf: '2025-03-20' });
        expect(rows.find(r => r.ResourceId === 'proj_a')).toMatchObject({
          EstimatedMonthlyCostImpact: '-282',
          x_Evidence: expect.objectContaining({ to: '2025-03-20' }),
        });
      });
    });

    describe('unattributed-account-spend', () => {
      it('finds spend attributed to no entity in an owned account', async () => {
        const rows = await run('unattributed-account-spend');
        expect(ids(rows)).toEqual(['555555555555']);
        expect(rows[0]).toMatchObject({
          RecommendationSubcategory: 'Other',
          ResourceId: '555555555555',
          SubAccountId: '555555555555',
          EstimatedMonthlyCostImpact: '0',
        });
        expect(rows[0].RecommendationDescription).toMatch(
          /group:default\/team-a owns.*GET \/api\/finops\/coverage/,
        );
        expect(rows[0].x_Evidence).toMatchObject({
          from: '2025-03-02',
          to: AS_OF,
          days: 30,
          amount: '210',
          figures: expect.objectContaining({
            accountOwner: 'group:default/team-a',
            total: '810',
            attributed: '600',
          }),
        });
      });

      it('leaves out an account just under the floor', async () => {
        const rows = await run('unattributed-account-spend', {
          config: { unattributed: { minMonthlyCost: '99.9' } },
        });
        expect(ids(rows)).toEqual(['555555555555', '666666666666']);
        expect(rows[1].x_Evidence?.figures?.accountOwner).toBe(
          'group:default/team-b',
        );
      });

      it('reads only days up to the as-of day', async () => {
        const rows = await run('unattributed-account-spend', {
          asOf: '2025-03-31',
          config: { unattributed: { days: 60 } },
        });
        // 2025-02-01 to 03-31: 59 days of data in the 60
        expect(rows[0].x_Evidence).toMatchObject({
          amount: String(7 * 59),
          days: 60,
        });
      });

      it('finds nothing without account owners', async () => {
        const [detector] = builtinDetectors({
          knex: engine.knex,
          catalogEntities: async () => catalogNow,
          config: { enabled: ['unattributed-account-spend'] },
        });
        expect(
          (await detector.run({ asOf: AS_OF, currency: 'USD' })).rows,
        ).toEqual([]);
      });
    });

    it('runs every detector, each with sorted rows', async () => {
      const detectors = builtinDetectors({
        knex: engine.knex,
        catalogEntities: async () => catalogNow,
        accountOwners,
      });
      expect(detectors.map(d => d.id)).toEqual([
        'unused-commitment',
        'deprecated-or-removed',
        'idle-resource',
        'previous-generation',
        'unattributed-account-spend',
        'llm-premium-model',
      ]);
      for (const d of detectors) {
        const { rows: found } = await d.run({ asOf: AS_OF, currency: 'USD' });
        expect(found.length).toBeGreaterThan(0);
        expect(ids(found)).toEqual([...ids(found)].sort());
      }
    });

    it('names a finding in another currency apart', async () => {
      const rows = await run('unused-commitment', { asOf: AS_OF });
      const [detector] = builtinDetectors({
        knex: engine.knex,
        catalogEntities: async () => catalogNow,
        config: { enabled: ['unused-commitment'] },
      });
      const inEur = await detector.run({ asOf: AS_OF, currency: 'EUR' });
      expect(ids(inEur.rows)).toEqual(
        rows.map(r => `${r.RecommendationId} (USD)`),
      );
    });
  },
);
