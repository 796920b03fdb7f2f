import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import { engineDatabaseIds, startEngine } from '../../__testUtils__/engine';
import { AiUsageStore } from '../../stores';
import { computeResources } from './resources';
import { scopeOf } from './scope';

jest.setTimeout(120_000);

/*
 * What each row of a resources page consumed: a service's instance hours,
 * a shared database's hours split by weight, storage whose daily quantities
 * a binary sum would not add up exactly, and tokens.
 */

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
  entity(
    'Component',
    'checkout-api',
    {
      type: 'service',
      owner: 'group:default/checkout-team',
      dependsOn: ['resource:default/orders-db'],
    },
    { 'costwise.dev/tags': 'application=checkout' },
  ),
  entity(
    'Component',
    'catalog-api',
    {
      type: 'service',
      owner: 'group:default/checkout-team',
      dependsOn: ['resource:default/orders-db'],
    },
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
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,SkuId,ConsumedQuantity,ConsumedUnit,Tags';
const row = (
  day: string,
  cost: string,
  service: string,
  resource: string,
  sku: string,
  quantity: string,
  unit: string,
  tags = '{}',
) =>
  `1,USD,2025-03-01,${day},${day.replace(/\d\d$/, d =>
    `${Number(d) + 1}`.padStart(2, '0'),
  )},${cost},${cost},AWS,${service},${resource},${sku},${quantity},${unit},"${tags.replace(
    /"/g,
    '""',
  )}"`;
const checkout = '{"application": "checkout"}';
const costs = [
  HEADER,
  row(
    '2025-03-10',
    '24',
    'Amazon EC2',
    'i-checkout',
    'BoxUsage',
    '24',
    'Hours',
    checkout,
  ),
  row(
    '2025-03-11',
    '24',
    'Amazon EC2',
    'i-checkout',
    'BoxUsage',
    '24',
    'Hours',
    checkout,
  ),
  row(
    '2025-03-10',
    '1',
    'Amazon S3',
    'b-checkout',
    'TimedStorage',
    '0.1',
    'GB-Mo',
    checkout,
  ),
  row(
    '2025-03-11',
    '2',
    'Amazon S3',
    'b-checkout',
    'TimedStorage',
    '0.2',
    'GB-Mo',
    checkout,
  ),
  row(
    '2025-03-10',
    '150',
    'Amazon RDS',
    'db-orders',
    'InstanceUsage',
    '24',
    'Hours',
  ),
  row(
    '2025-03-10',
    '3',
    'Amazon Bedrock',
    'm-checkout',
    'InputTokens',
    '1234567',
    'Tokens',
    checkout,
  ),
].join('\n');

const march = { from: '2025-03-01', to: '2025-03-31' };

describe.each(engineDatabaseIds())('resource rows on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  beforeAll(async () => {
    engine = await startEngine({ csv: costs, entities: catalog, databaseId });
  });

  const page = async (ref: string, withQuantities = true) =>
    computeResources(
      engine.attributionStore,
      engine.views.defaults,
      await scopeOf(engine.attributionStore, engine.entity(ref), undefined),
      march,
      [],
      withQuantities ? new AiUsageStore(engine.knex) : undefined,
    );

  it('says what each row consumed, exactly, summed over its days', async () => {
    const { items } = await page('component:default/checkout-api');
    const bySku = Object.fromEntries(
      items.map(i => [i.skuId, [i.consumedQuantity, i.consumedUnit]]),
    );
    expect(bySku).toEqual({
      BoxUsage: ['48', 'Hours'],
      // 0.1 + 0.2, not 0.30000000000000004
      TimedStorage: ['0.3', 'GB-Mo'],
      InputTokens: ['1234567', 'Tokens'],
      // the shared database's 24 hours, 60% of them
      InstanceUsage: ['14.4', 'Hours'],
    });
  });

  it("splits a shared line's quantity as its cost, the parts adding up to the whole", async () => {
    const [checkoutRows, catalogRows] = await Promise.all([
      page('component:default/checkout-api'),
      page('component:default/catalog-api'),
    ]);
    const db = [...checkoutRows.items, ...catalogRows.items].filter(
      i => i.resourceId === 'db-orders',
    );
    expect(db.map(i => i.consumedQuantity).sort()).toEqual(['14.4', '9.6']);
    expect(
      Decimal.sum(db.map(i => Decimal.parse(i.consumedQuantity!))).toString(),
    ).toBe('24');
  });

  it("gives a team's rows their members' quantities", async () => {
    const { items } = await page('group:default/checkout-team');
    const db = items
      .filter(i => i.resourceId === 'db-orders')
      .map(i => i.consumedQuantity)
      .sort();
    expect(db).toEqual(['14.4', '9.6']);
    expect(items.find(i => i.skuId === 'BoxUsage')?.consumedQuantity).toBe(
      '48',
    );
  });

  it('leaves the quantity out where it cannot be read', async () => {
    const { items } = await page('component:default/checkout-api', false);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every(i => i.consumedQuantity === undefined)).toBe(true);
  });
});
