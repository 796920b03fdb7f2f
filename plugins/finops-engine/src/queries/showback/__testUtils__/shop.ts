import type { Entity } from '@backstage/catalog-model';
import { NO_OWNER } from '../types';

/*
 * The shop of the showback tests, its cost rows and who they go to.
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
const tagged = (application: string) => ({
  'costwise.dev/tags': `application=${application}`,
});

/*
 * A business unit with two sub-teams, a team that owns an account, a
 * service a user owns, one nobody owns, and a database two teams' services
 * share by weight.
 */
export const catalog: Entity[] = [
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
  entity(
    'Group',
    'infra-team',
    { type: 'team', children: [] },
    { 'costwise.dev/accounts': '999' },
  ),
  entity('System', 'checkout', { owner: 'group:default/checkout-team' }),
  entity('System', 'catalog', { owner: 'group:default/catalog-team' }),
  entity(
    'Component',
    'checkout-api',
    {
      type: 'service',
      owner: 'checkout-team',
      system: 'checkout',
      dependsOn: ['resource:default/orders-db'],
    },
    tagged('checkout'),
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
    tagged('catalog'),
  ),
  entity(
    'Component',
    'payments-worker',
    { type: 'service', owner: 'group:default/infra-team', system: 'checkout' },
    tagged('payments'),
  ),
  entity(
    'Component',
    'shop-tool',
    { type: 'tool', owner: 'group:default/commerce' },
    tagged('tool'),
  ),
  entity(
    'Component',
    'jane-tool',
    { type: 'tool', owner: 'user:default/jane' },
    tagged('jane'),
  ),
  entity('Component', 'orphan', { type: 'tool' }, tagged('orphan')),
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

/** Who owns each entity of the catalog, written out rather than read. */
export const OWNERS: Record<string, string> = {
  'component:default/checkout-api': 'group:default/checkout-team',
  'component:default/catalog-api': 'group:default/catalog-team',
  'component:default/payments-worker': 'group:default/infra-team',
  'component:default/shop-tool': 'group:default/commerce',
  'component:default/jane-tool': 'user:default/jane',
  'component:default/orphan': NO_OWNER,
  'group:default/infra-team': 'group:default/infra-team',
};

export interface Row {
  account: string;
  currency: 'USD' | 'EUR';
  day: string;
  billed: string;
  effective: string;
  provider: string;
  service: string;
  resource: string;
  category: 'Usage' | 'Credit' | 'Tax' | 'Purchase';
  application?: string;
  /** Where the row's cost goes: entity, method and share in percent. */
  to: Array<[string, string, number]>;
}

const usage = (
  currency: Row['currency'],
  day: string,
  cost: string,
  service: string,
  resource: string,
  application: string | undefined,
  to: Row['to'],
  category: Row['category'] = 'Usage',
): Row => ({
  account: currency === 'USD' ? '1' : '2',
  currency,
  day,
  billed: cost,
  effective: cost,
  provider: currency === 'USD' ? 'AWS' : 'Microsoft',
  service,
  resource,
  category,
  application,
  to,
});
const api = (name: string): [string, string, number] => [
  `component:default/${name}`,
  'tags',
  100,
];
const db: Row['to'] = [
  ['component:default/checkout-api', 'shared', 60],
  ['component:default/catalog-api', 'shared', 40],
];

export const ROWS: Row[] = [
  usage('USD', '2025-03-10', '100.10', 'Amazon EC2', 'i-checkout', 'checkout', [
    api('checkout-api'),
  ]),
  usage(
    'USD',
    '2025-03-11',
    '0.333333333333',
    'Amazon EC2',
    'i-checkout',
    'checkout',
    [api('checkout-api')],
  ),
  usage(
    'USD',
    '2025-03-12',
    '-12.5',
    'Amazon EC2',
    'i-checkout',
    'checkout',
    [api('checkout-api')],
    'Credit',
  ),
  usage('USD', '2025-03-10', '50.05', 'Amazon EC2', 'i-catalog', 'catalog', [
    api('catalog-api'),
  ]),
  usage('USD', '2025-03-10', '150', 'Amazon RDS', 'db-orders', undefined, db),
  usage('USD', '2025-03-11', '50.01', 'Amazon RDS', 'db-orders', undefined, db),
  usage('USD', '2025-03-15', '8.25', 'Tax', '', undefined, [], 'Tax'),
  usage('USD', '2025-03-20', '3.3', 'AWS Lambda', 'fn-jane', 'jane', [
    api('jane-tool'),
  ]),
  usage('USD', '2025-03-20', '1.7', 'AWS Lambda', 'fn-orphan', 'orphan', [
    api('orphan'),
  ]),
  usage('USD', '2025-03-21', '10', 'AWS Lambda', 'fn-tool', 'tool', [
    api('shop-tool'),
  ]),
  usage('USD', '2025-03-21', '7', 'Amazon S3', 'bucket-nobody', undefined, []),
  // outside March: before and after
  usage('USD', '2025-02-28', '2000', 'Amazon EC2', 'i-checkout', 'checkout', [
    api('checkout-api'),
  ]),
  usage('USD', '2025-04-01', '1000', 'Amazon EC2', 'i-checkout', 'checkout', [
    api('checkout-api'),
  ]),
  // the team's account: a commitment bought (billed, not amortized), usage it covers (amortized, not billed)
  {
    ...usage(
      'USD',
      '2025-03-01',
      '500',
      'Savings Plans',
      'sp-1',
      undefined,
      [['group:default/infra-team', 'accounts', 100]],
      'Purchase',
    ),
    account: '999',
    effective: '0',
  },
  {
    ...usage('USD', '2025-03-05', '0', 'Amazon EC2', 'i-payments', 'payments', [
      api('payments-worker'),
    ]),
    account: '999',
    effective: '40.4',
  },
  {
    ...usage('USD', '2025-03-05', '0.07', 'Amazon EC2', 'i-build', undefined, [
      ['group:default/infra-team', 'accounts', 100],
    ]),
    account: '999',
  },
  usage(
    'EUR',
    '2025-03-10',
    '30.30',
    'Virtual Machines',
    'vm-catalog',
    'catalog',
    [api('catalog-api')],
  ),
  usage(
    'EUR',
    '2025-03-11',
    '-2.02',
    'Virtual Machines',
    'vm-catalog',
    'catalog',
    [api('catalog-api')],
    'Credit',
  ),
  usage('EUR', '2025-03-10', '5.757', 'Tax', '', undefined, [], 'Tax'),
  usage('EUR', '2025-03-12', '9.99', 'Virtual Machines', 'vm-x', undefined, []),
];

export const HEADER =
  'BillingAccountId,SubAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,RegionId,ResourceId,ChargeCategory,Tags';
const next = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
export const COSTS = [
  HEADER,
  ...ROWS.map(r =>
    [
      r.account,
      `${r.account}-sub`,
      r.currency,
      `${r.day.slice(0, 7)}-01`,
      r.day,
      next(r.day),
      r.billed,
      r.effective,
      r.provider,
      r.service,
      r.currency === 'USD' ? 'us-east-1' : 'westeurope',
      r.resource,
      r.category,
      r.application ? `"{""application"": ""${r.application}""}"` : '{}',
    ].join(','),
  ),
].join('\n');
