/**
 * A small hand-written catalog and FOCUS file whose attribution is computed
 * by hand in the tests that use it. Amounts are EffectiveCost, billing
 * period 2025-03 unless noted.
 */

export const SHOP_CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: shop }
spec: { targets: [./elsewhere.yaml] }
---
kind: Group
metadata: { name: org }
spec: { type: organization, children: [team-a, team-b] }
---
kind: Group
metadata: { name: team-a }
spec: { type: team, parent: org }
---
kind: Group
metadata:
  name: team-b
  annotations: { costwise.dev/accounts: '222' }
spec: { type: team, parent: group:default/org }
---
kind: Domain
metadata: { name: shop }
spec: { owner: org }
---
kind: System
metadata: { name: shop-sys }
spec: { owner: team-a, domain: shop }
---
kind: Component
metadata:
  name: checkout
  annotations: { costwise.dev/tags: 'app=checkout, env=prod' }
spec: { owner: team-a, system: shop-sys, dependsOn: [resource:db] }
---
kind: Component
metadata:
  name: payments
  annotations: { backstage.io/kubernetes-namespace: payments }
spec: { owner: team-b, system: shop-sys, dependsOn: [resource:default/db] }
---
kind: Component
metadata:
  name: search
  annotations: { github.com/project-slug: acme/SearchService }
spec: { owner: team-b, system: shop-sys }
---
kind: Component
metadata:
  name: web-a
  annotations: { costwise.dev/tags: team=web }
spec: { owner: team-a }
---
kind: Component
metadata:
  name: web-b
  annotations: { costwise.dev/tags: team=web }
spec: { owner: team-a }
---
kind: Component
metadata:
  name: assistant
  annotations: { costwise.dev/llm: 'openai:proj_1' }
spec: { owner: team-b }
---
kind: Component
metadata:
  name: broken
  annotations: { costwise.dev/tags: nope }
spec: { owner: team-a }
---
kind: Resource
metadata:
  name: db
  annotations:
    costwise.dev/resource-ids: arn:aws:rds:us-east-1:111:db:shop-*
    costwise.dev/shared-cost: proportional
spec: { owner: team-a, system: shop-sys }
---
kind: Resource
metadata:
  name: cache
  annotations: { costwise.dev/resource-ids: 'arn:aws:elasticache:us-east-1:111:cluster:shop-cache' }
spec: { owner: team-b, system: shop-sys }
`;

export const SHOP_CONFIG = `
finops:
  attribution:
    tagKeyAliases:
      app: application
      env: environment
`;

const HEADER =
  'BillingAccountId,SubAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,CommitmentDiscountStatus,BilledCost,EffectiveCost,ProviderName,ServiceName,ResourceId,ResourceName,Tags';

function row(
  day: string,
  cost: string,
  fields: {
    sub?: string;
    currency?: string;
    category?: string;
    status?: string;
    provider?: string;
    service?: string;
    resource?: string;
    tags?: Record<string, string>;
  },
) {
  const tags = JSON.stringify(fields.tags ?? {}).replace(/"/g, '""');
  return [
    '111',
    fields.sub ?? '111',
    fields.currency ?? 'USD',
    `${day.slice(0, 8)}01`,
    `${day}T00:00:00Z`,
    `${day}T23:59:59Z`,
    fields.category ?? 'Usage',
    fields.status ?? '',
    cost,
    cost,
    fields.provider ?? 'AWS',
    fields.service ?? 'Amazon Relational Database Service',
    fields.resource ?? '',
    '',
    `"${tags}"`,
  ].join(',');
}

const D1 = '2025-03-01';
const D2 = '2025-03-02';

export const SHOP_COSTS = [
  HEADER,
  // db (shared, proportional to each day's direct cost of checkout and payments): 180.005
  row(D1, '120.00', { resource: 'arn:aws:rds:us-east-1:111:db:shop-primary' }),
  row(D2, '60.005', { resource: 'arn:aws:rds:us-east-1:111:db:shop-replica' }),
  // checkout by tags, spelled with aliases and odd case: 40
  row(D1, '30.10', {
    service: 'EC2',
    tags: { ' App ': 'Checkout', env: 'PROD' },
  }),
  row(D2, '9.90', {
    service: 'EC2',
    tags: { ' App ': 'Checkout', env: 'PROD' },
  }),
  // payments by Kubernetes namespace: 10
  row(D1, '10', { service: 'EKS', tags: { kubernetes_namespace: 'payments' } }),
  // cache, no policy: 25.25
  row(D1, '25.25', {
    resource: 'arn:aws:elasticache:us-east-1:111:cluster:shop-cache',
  }),
  // a tie between web-a and web-b: 10.01
  row(D1, '10.01', { service: 'CloudFront', tags: { team: 'web' } }),
  // inference, exact on the repository name: 7.77
  row(D1, '7.77', { service: 'ECS', tags: { application: 'SearchService' } }),
  // inference, weak: only a suggestion, 3.33 stays unattributed
  row(D1, '3.33', {
    service: 'ECS',
    tags: { application: 'search-service-canary' },
  }),
  // LLM project: 12.345678901
  row(D1, '12.345678901', {
    sub: 'proj_1',
    provider: 'OpenAI',
    service: 'OpenAI API',
  }),
  // the account team-b owns: 50
  row(D2, '50', { sub: '222', service: 'EC2' }),
  // unattributed: tax 8.50, unused commitment 4.44, credit -20
  row(D1, '8.50', { category: 'Tax', service: 'Tax' }),
  row(D1, '4.44', {
    status: 'Unused',
    service: 'Savings Plans',
    resource: 'arn:aws:savingsplans::111:savingsplan/abc',
  }),
  row(D2, '-20', { category: 'Credit', service: 'EC2' }),
  // another period and another currency, outside a 2025-03 USD run
  row('2025-04-01', '1000', {
    service: 'EC2',
    tags: { app: 'checkout', env: 'prod' },
  }),
  row(D1, '5', {
    currency: 'EUR',
    service: 'EC2',
    tags: { app: 'checkout', env: 'prod' },
  }),
].join('\n');

/**
 * Hand-computed direct and total per entity for 2025-03 in USD. Each day is
 * attributed on its own, so the shared db follows each day's direct cost:
 * on the 1st, 120 × 30.10 / 40.10 = 90.0748129675810… to checkout and
 * 120 × 10 / 40.10 = 29.9251870324189… to payments (12 digits, the last
 * unit to the larger remainder: 90.074812967581 and 29.925187032419); on
 * the 2nd, payments has no direct cost and checkout takes all 60.005.
 */
export const SHOP_CHECKOUT_SHARED = '150.079812967581'; // 90.074812967581 + 60.005
export const SHOP_EXPECTED: Record<string, { direct: string; total: string }> =
  {
    'component:default/checkout': {
      direct: '190.079812967581', // 40 + 150.079812967581
      total: '190.079812967581',
    },
    'component:default/payments': {
      direct: '39.925187032419', // 10 + 29.925187032419
      total: '39.925187032419',
    },
    'resource:default/db': { direct: '0', total: '0' },
    'resource:default/cache': { direct: '25.25', total: '25.25' },
    'component:default/web-a': { direct: '5.005', total: '5.005' },
    'component:default/web-b': { direct: '5.005', total: '5.005' },
    'component:default/search': { direct: '7.77', total: '7.77' },
    'component:default/assistant': {
      direct: '12.345678901',
      total: '12.345678901',
    },
    'component:default/broken': { direct: '0', total: '0' },
    'system:default/shop-sys': { direct: '0', total: '263.025' },
    'domain:default/shop': { direct: '0', total: '263.025' },
    'group:default/team-a': { direct: '0', total: '273.035' },
    // 50 + payments 39.925187032419 + search 7.77 + assistant 12.345678901 + cache 25.25
    'group:default/team-b': { direct: '50', total: '135.290865933419' },
    'group:default/org': { direct: '0', total: '335.380678901' },
  };

export const SHOP_TOTAL = '331.650678901';
export const SHOP_UNATTRIBUTED = '-3.73';
