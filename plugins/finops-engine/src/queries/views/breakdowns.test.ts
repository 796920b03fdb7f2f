import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  engineDatabaseIds,
  startEngine,
  viewerDenied,
} from '../../__testUtils__/engine';

jest.setTimeout(120_000);

/*
 * A business unit as the demo's Commerce: a parent group owning a domain
 * whose systems its sub-teams own, a component it owns itself, one another
 * team owns inside its domain, and a database its consumers share by weight.
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
  entity('Group', 'commerce', {
    type: 'business-unit',
    children: ['group:default/checkout-team', 'group:default/catalog-team'],
  }),
  entity('Group', 'checkout-team', {
    type: 'team',
    parent: 'group:default/commerce',
    children: [],
  }),
  entity('Group', 'catalog-team', {
    type: 'team',
    parent: 'group:default/commerce',
    children: [],
  }),
  entity('Group', 'infra-team', { type: 'team', children: [] }),
  entity('Domain', 'commerce', { owner: 'group:default/commerce' }),
  entity('System', 'checkout', {
    owner: 'group:default/checkout-team',
    domain: 'commerce',
  }),
  entity('System', 'catalog', {
    owner: 'group:default/catalog-team',
    domain: 'commerce',
  }),
  entity(
    'Component',
    'checkout-api',
    {
      type: 'service',
      owner: 'group:default/checkout-team',
      system: 'checkout',
      dependsOn: ['resource:default/orders-db'],
    },
    { 'costwise.dev/tags': 'application=checkout' },
  ),
  entity(
    'Component',
    'catalog-api',
    {
      type: 'service',
      owner: 'group:default/catalog-team',
      system: 'catalog',
      dependsOn: ['resource:default/orders-db'],
    },
    { 'costwise.dev/tags': 'application=catalog' },
  ),
  entity(
    'Component',
    'shop-tool',
    { type: 'tool', owner: 'group:default/commerce' },
    { 'costwise.dev/tags': 'application=tool' },
  ),
  entity(
    'Component',
    'payments-worker',
    {
      type: 'service',
      owner: 'group:default/infra-team',
      system: 'checkout',
    },
    { 'costwise.dev/tags': 'application=payments' },
  ),
  entity(
    'Resource',
    'orders-db',
    {
      type: 'database',
      owner: 'group:default/checkout-team',
      system: 'checkout',
    },
    {
      'costwise.dev/resource-ids': 'db-orders',
      'costwise.dev/shared-cost':
        'weights: component:default/checkout-api=60, component:default/catalog-api=40',
    },
  ),
];

const HEADER =
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,SkuId,Tags';
const row = (
  day: string,
  cost: string,
  service: string,
  resource: string,
  sku: string,
  tags: string,
) =>
  `1,USD,2025-03-01,${day},${day.replace(/\d\d$/, d =>
    `${Number(d) + 1}`.padStart(2, '0'),
  )},${cost},${cost},AWS,${service},${resource},${sku},"${tags.replace(
    /"/g,
    '""',
  )}"`;
const costs = [
  HEADER,
  row(
    '2025-03-10',
    '100',
    'Amazon EC2',
    'i-checkout',
    'BoxUsage',
    '{"application": "checkout"}',
  ),
  row(
    '2025-03-10',
    '50',
    'Amazon EC2',
    'i-catalog',
    'BoxUsage',
    '{"application": "catalog"}',
  ),
  row(
    '2025-03-11',
    '10',
    'AWS Lambda',
    'fn-tool',
    'Request',
    '{"application": "tool"}',
  ),
  row(
    '2025-03-11',
    '5',
    'AWS Lambda',
    'fn-payments',
    'Request',
    '{"application": "payments"}',
  ),
  row('2025-03-10', '150', 'Amazon RDS', 'db-orders', 'InstanceUsage', '{}'),
  row('2025-03-11', '50', 'Amazon RDS', 'db-orders', 'StorageUsage', '{}'),
].join('\n');

const march = { from: '2025-03-01', to: '2025-03-31' };
const totalsOf = (series: { key: string; total: string }[]) =>
  Object.fromEntries(series.map(s => [s.key, s.total]));
const sum = (values: string[]) =>
  Decimal.sum(values.map(v => Decimal.parse(v))).toString();

describe.each(engineDatabaseIds())('breakdowns on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  beforeAll(async () => {
    engine = await startEngine({ csv: costs, entities: catalog, databaseId });
  });
  const of = (ref: string) => engine.entity(ref);
  const costsOf = (ref: string, groupBy: 'team' | 'system' | 'child') =>
    engine.views.costs(of(ref), { ...march, granularity: 'day', groupBy });

  it('breaks a parent group down by sub-team, its own line included, summing to its total', async () => {
    const byTeam = await costsOf('group:default/commerce', 'team');
    expect(byTeam.total).toBe('365');
    expect(totalsOf(byTeam.series)).toEqual({
      // checkout-api 100 + 60% of the database's 200
      'group:default/checkout-team': '220',
      'group:default/catalog-team': '130',
      // what commerce owns itself, and another team's worker inside its domain
      'group:default/commerce': '15',
    });
    expect(sum(byTeam.series.map(s => s.total))).toBe(byTeam.total);
  });

  it('breaks it down by system, with a line for what is in none', async () => {
    const bySystem = await costsOf('group:default/commerce', 'system');
    expect(totalsOf(bySystem.series)).toEqual({
      'system:default/checkout': '225',
      'system:default/catalog': '130',
      '(no system)': '10',
    });
    expect(sum(bySystem.series.map(s => s.total))).toBe('365');
    // the child it rolls up through is the domain it owns: true, and all one line
    const byChild = await costsOf('group:default/commerce', 'child');
    expect(sum(byChild.series.map(s => s.total))).toBe('365');
    expect(totalsOf(byChild.series)['domain:default/commerce']).toBe('355');
  });

  it("breaks a system down by its members' owners", async () => {
    const byTeam = await costsOf('system:default/checkout', 'team');
    expect(totalsOf(byTeam.series)).toEqual({
      'group:default/checkout-team': '220',
      'group:default/infra-team': '5',
    });
  });

  it('shows what a shared database pooled and how it was split', async () => {
    const shared = await engine.views.shared(
      of('resource:default/orders-db'),
      march,
    );
    expect(shared).toEqual(
      expect.objectContaining({
        total: '200',
        policy:
          'weights: component:default/checkout-api=60, component:default/catalog-api=40',
        rule: expect.stringMatching(/^split by fixed weights/),
        consumers: [
          {
            entityRef: 'component:default/checkout-api',
            amount: '120',
            share: 0.6,
            weight: '60',
          },
          {
            entityRef: 'component:default/catalog-api',
            amount: '80',
            share: 0.4,
            weight: '40',
          },
        ],
      }),
    );
    // the pooled cost per day adds up to the total
    expect(sum(shared.totals.map(p => p.amount))).toBe('200');
    expect(shared.totals.find(p => p.date === '2025-03-10')?.amount).toBe(
      '150',
    );
    // its consumers' own views hold the same amounts as shared cost
    for (const consumer of shared.consumers) {
      const byMethod = await engine.views.costs(of(consumer.entityRef), {
        ...march,
        granularity: 'day',
        groupBy: 'method',
      });
      expect(totalsOf(byMethod.series).shared).toBe(consumer.amount);
    }
  });

  it('leaves out, and counts, consumers the viewer may not read', async () => {
    const shared = await engine.views.shared(
      of('resource:default/orders-db'),
      march,
      viewerDenied('component:default/catalog-api'),
    );
    expect(shared.total).toBe('120');
    expect(shared.consumers.map(c => c.entityRef)).toEqual([
      'component:default/checkout-api',
    ]);
    expect(shared.hiddenConsumers?.count).toBe(1);
    expect(JSON.stringify(shared)).not.toMatch(/"80"/);
  });

  it('says an entity without a policy passes nothing on', async () => {
    const shared = await engine.views.shared(
      of('component:default/checkout-api'),
      march,
    );
    expect(shared.empty?.reason).toBe('not-shared');
  });

  it("gives a consumer's shared rows the pool they are a part of, and what tells rows apart", async () => {
    const resources = await engine.views.resources(
      of('component:default/checkout-api'),
      march,
    );
    const db = resources.items.filter(i => i.resourceId === 'db-orders');
    expect(db.map(i => [i.skuId, i.amount, i.pooled]).sort()).toEqual([
      ['InstanceUsage', '90', '150'],
      ['StorageUsage', '30', '50'],
    ]);
    // without the right to read the database, the pool is not shown
    const restricted = await engine.views.resources(
      of('component:default/checkout-api'),
      march,
      viewerDenied('resource:default/orders-db'),
    );
    expect(restricted.items.filter(i => i.pooled !== undefined)).toHaveLength(
      0,
    );
  });

  it('marks a month the data covers only in part', async () => {
    const monthly = await engine.views.costs(of('group:default/commerce'), {
      from: '2025-03-01',
      to: '2025-04-30',
      granularity: 'month',
      groupBy: 'team',
    });
    // clamped to the two days with data: March is partial
    expect(monthly.totals).toEqual([
      { date: '2025-03', amount: '365', partial: true },
    ]);
  });
});
