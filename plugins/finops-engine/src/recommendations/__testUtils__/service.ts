import type { Entity } from '@backstage/catalog-model';
import type { RecommendationRow } from '@costwise/plugin-finops-common';
import { startEngine } from '../../__testUtils__/engine';
import { addDays, FixedClock } from '../../model';
import { RecommendationStore } from '../../stores';
import { RecommendationService } from '../RecommendationService';

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

/** Two teams' services, and a database of one team that both services share. */
export const catalog: Entity[] = [
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

/**
 * March 2025: i-checkout rightsized on the 14th (10 a day before, 4 a day
 * after), the shared db-orders at 20 a day, i-gone billed the first 5 days.
 */
export function marchCosts(): string {
  const rows: string[] = [HEADER];
  for (let d = 1; d <= 31; d++) {
    const day = `2025-03-${String(d).padStart(2, '0')}`;
    rows.push(
      line(
        day,
        d <= 14 ? '10' : '4',
        'i-checkout',
        '{"application":"checkout"}',
      ),
    );
    rows.push(line(day, '20', 'db-orders', '{}'));
    if (d <= 5)
      rows.push(line(day, '3', 'i-gone', '{"application":"catalog"}'));
  }
  return rows.join('\n');
}

/** A source's recommendation row, a rightsizing unless `extra` says otherwise. */
export const rec = (
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

/**
 * A recommendation service on the engine's store with March's costs, fresh
 * for each test (no recommendations, the clock at 2025-03-10 09:00 UTC):
 * call in a `describe`, read `current()` in the tests.
 */
export function serviceTest(
  databaseId: Parameters<typeof startEngine>[0]['databaseId'],
) {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  const current = {} as {
    clock: FixedClock;
    service: RecommendationService;
    knex: Awaited<ReturnType<typeof startEngine>>['knex'];
  };
  beforeAll(async () => {
    engine = await startEngine({
      csv: marchCosts(),
      entities: catalog,
      databaseId,
    });
    current.knex = engine.knex;
  });
  beforeEach(async () => {
    await engine.knex('finops_recommendation_events').delete();
    await engine.knex('finops_recommendation_entities').delete();
    await engine.knex('finops_recommendations').delete();
    current.clock = new FixedClock('2025-03-10T09:00:00Z');
    current.service = new RecommendationService({
      store: new RecommendationStore(engine.knex),
      catalogEntities: async () => catalog,
      options: { verifyDays: 10 },
      clock: current.clock,
    });
  });
  return current;
}
