import type { Entity } from '@backstage/catalog-model';

/**
 * A small organization for the ask engine's tests: two teams, a system
 * with two components, a restricted component of the other team, and cost
 * no rule maps. From 1 to 7 March 2025 the shop's function runs 1 GB-s a
 * day at 2 USD; on Friday 7 March it runs 9 (a retry storm, same price),
 * and a new cache appears.
 */
export const SHOP_ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'shop-team', title: 'Shop team' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'vault-team' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'store', title: 'Store' },
    spec: { owner: 'group:default/shop-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-api',
      title: 'Shop API',
      annotations: {
        'costwise.dev/tags': 'app=shop',
        'costwise.dev/unit-metric': 'orders',
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/shop-team',
      system: 'system:default/store',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-web',
      annotations: { 'costwise.dev/tags': 'app=web' },
    },
    spec: {
      type: 'website',
      owner: 'group:default/shop-team',
      system: 'system:default/store',
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'vault',
      annotations: { 'costwise.dev/tags': 'app=vault' },
    },
    spec: { type: 'service', owner: 'group:default/vault-team' },
  },
];

const HEADER =
  'BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,ProviderName,ServiceName,RegionId,Tags,ResourceId,ResourceName,SkuId,ConsumedQuantity,ConsumedUnit';

function line(
  day: string,
  cost: string,
  service: string,
  tags: string,
  resource: string,
  sku: string,
  quantity: string,
  unit: string,
) {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  const name = resource.split('/').pop();
  return `USD,${day},${next},${cost},${cost},${cost},AWS,${service},eu-west-1,"${tags}",${resource},${name},${sku},${quantity},${unit}`;
}

const DAYS = [
  '2025-03-01',
  '2025-03-02',
  '2025-03-03',
  '2025-03-04',
  '2025-03-05',
  '2025-03-06',
  '2025-03-07',
];

/** The cost file of the small organization. */
export function shopCsv(): string {
  const lines = [HEADER];
  for (const day of DAYS) {
    const storm = day === '2025-03-07';
    lines.push(
      line(
        day,
        storm ? '18' : '2',
        'AWS Lambda',
        '{""app"": ""shop""}',
        'arn:aws:lambda:eu-west-1:1:function/shop-worker',
        'Lambda-GB-Second',
        storm ? '9' : '1',
        'GB-Seconds',
      ),
    );
    lines.push(
      line(
        day,
        '10.25',
        'Amazon Elastic Compute Cloud',
        '{""app"": ""web""}',
        'arn:aws:ec2:eu-west-1:1:instance/i-web',
        'BoxUsage:m5.large',
        '24',
        'Hours',
      ),
    );
    lines.push(
      line(
        day,
        '7',
        'Amazon Relational Database Service',
        '{""app"": ""vault""}',
        'arn:aws:rds:eu-west-1:1:db/vault-db',
        'InstanceUsage:db.r6g.large',
        '24',
        'Hours',
      ),
    );
    lines.push(
      line(
        day,
        '1.5',
        'Amazon Simple Storage Service',
        '{}',
        'arn:aws:s3:::orphan-bucket',
        'TimedStorage',
        '100',
        'GB-Month',
      ),
    );
    if (storm)
      lines.push(
        line(
          day,
          '3',
          'Amazon ElastiCache',
          '{""app"": ""shop""}',
          'arn:aws:elasticache:eu-west-1:1:cluster/shop-cache',
          'NodeUsage:cache.t3.small',
          '24',
          'Hours',
        ),
      );
  }
  return lines.join('\n');
}
