import type { Entity } from '@backstage/catalog-model';

const component = (
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', ...spec },
});

/** A small organization: one team owning a system with two services and a shared database. */
export const catalogFixture: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'shop-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'shop', namespace: 'default' },
    spec: { owner: 'group:default/shop-team' },
  },
  component(
    'cart',
    {
      owner: 'group:default/shop-team',
      system: 'shop',
      dependsOn: ['resource:default/shop-db'],
    },
    { 'costwise.dev/tags': 'application=cart' },
  ),
  component(
    'checkout',
    {
      owner: 'group:default/shop-team',
      system: 'shop',
      dependsOn: ['resource:default/shop-db'],
    },
    { 'costwise.dev/tags': 'application=checkout' },
  ),
  component('unmapped', { owner: 'group:default/shop-team', system: 'shop' }),
  component(
    'broken',
    { owner: 'group:default/shop-team' },
    { 'costwise.dev/tags': 'application checkout' },
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'shop-db',
      namespace: 'default',
      annotations: {
        'costwise.dev/resource-ids': 'db-shop-*',
        'costwise.dev/shared-cost':
          'weights: component:default/cart=25, component:default/checkout=75',
      },
    },
    spec: {
      type: 'database',
      owner: 'group:default/shop-team',
      system: 'shop',
    },
  },
];

/** FOCUS rows for the fixture, two days: hand-computed expectations are in the tests. */
export const costFixture = [
  'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,ContractedCost,ProviderName,ServiceName,ResourceId,Tags',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,10.10,10.10,12,12,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-11,2025-03-12,20.20,20.20,24,24,AWS,Amazon EC2,i-cart,"{""application"": ""cart""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,5.05,5.05,6,6,AWS,AWS Lambda,fn-checkout,"{""application"": ""checkout""}"',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,100,100,120,120,AWS,Amazon RDS,db-shop-1,{}',
  '1,USD,2025-03-01,2025-03-10,2025-03-11,7,7,7,7,AWS,Amazon S3,bucket-nobody,{}',
].join('\n');
