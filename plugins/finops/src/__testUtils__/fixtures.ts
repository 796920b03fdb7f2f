import type { Entity } from '@backstage/catalog-model';
import type {
  BenchmarkResponse,
  EntityCostSummary,
  EntityCosts,
  EntityResources,
  UnitCostResponse,
} from '@costwise/plugin-finops-common';

/** Contract-shaped responses of the finops backend, for component tests. */

export const entity = (
  kind = 'Component',
  name = 'checkout-api',
  annotations: Record<string, string> = {
    'costwise.dev/tags': 'application=checkout-api',
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'group:default/checkout-team' },
});

const days = (n: number, end = '2025-11-26') => {
  const last = Date.parse(`${end}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(last - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
};

export const summary: EntityCostSummary = {
  entityRef: 'component:default/checkout-api',
  measure: 'EffectiveCost',
  currency: 'USD',
  asOf: '2025-11-26',
  monthToDate: '1234.5678',
  lastMonth: '1400.10',
  change: { amount: '120.25', ratio: 0.1079 },
  forecast: { amount: '1420.00', low: '1300.00', high: '1550.00' },
  sparkline: days(30).map((date, i) => ({ date, amount: `${40 + i}.50` })),
  topDrivers: [
    {
      dimension: 'service',
      key: 'AmazonEC2',
      label: 'Amazon EC2',
      amount: '700.00',
      share: 0.567,
    },
    {
      dimension: 'resource',
      key: 'arn:aws:rds:eu-west-1:1:db:checkout',
      label: 'checkout-db',
      amount: '300.00',
      share: 0.243,
    },
  ],
  confidence: {
    byMethod: { tags: '1100.00', inference: '95.50', shared: '39.0678' },
    explicitShare: 0.92,
    warnings: 1,
  },
  warnings: [],
  freshness: [
    {
      sourceId: 'aws-focus',
      lastDay: '2025-11-26',
      ingestedAt: '2025-11-27T03:00:00Z',
    },
  ],
};

export const emptySummary = (
  reason: 'no-annotation' | 'annotation-malformed' | 'no-data-in-range',
  message: string,
): EntityCostSummary => ({
  ...summary,
  monthToDate: '0',
  lastMonth: '0',
  change: { amount: '0', ratio: null },
  forecast: { amount: '0', low: '0', high: '0' },
  sparkline: [],
  topDrivers: [],
  confidence: { byMethod: {}, explicitShare: 0, warnings: 0 },
  warnings:
    reason === 'annotation-malformed'
      ? [
          {
            entity: 'component:default/checkout-api',
            annotation: 'costwise.dev/tags',
            message: "expected key=value, got 'application'",
          },
        ]
      : [],
  empty: { reason, message },
});

export const costs: EntityCosts = {
  entityRef: 'component:default/checkout-api',
  measure: 'EffectiveCost',
  currency: 'USD',
  from: '2025-10-28',
  to: '2025-11-26',
  granularity: 'day',
  groupBy: 'service',
  series: [
    {
      key: 'AmazonEC2',
      label: 'Amazon EC2',
      total: '2000.00',
      points: [
        { date: '2025-11-25', amount: '1000.00' },
        { date: '2025-11-26', amount: '1000.00' },
      ],
    },
    {
      key: 'AmazonRDS',
      label: 'Amazon RDS',
      total: '345.6789',
      points: [{ date: '2025-11-26', amount: '345.6789' }],
    },
  ],
  totals: [
    { date: '2025-11-25', amount: '1000.00' },
    { date: '2025-11-26', amount: '1345.6789' },
  ],
  total: '2345.6789',
  warnings: [],
};

export const resources: EntityResources = {
  entityRef: 'component:default/checkout-api',
  measure: 'EffectiveCost',
  currency: 'USD',
  from: '2025-10-28',
  to: '2025-11-26',
  total: '2345.6789',
  warnings: [],
  items: [
    {
      groupId: 'g1',
      resourceId: 'i-0abc',
      resourceName: 'checkout, "blue" node',
      provider: 'AWS',
      service: 'Amazon EC2',
      region: 'eu-west-1',
      subAccountId: '123456789012',
      chargeCategory: 'Usage',
      amount: '2000.00',
      share: 0.8527,
      method: 'tags',
      evidence: {
        method: 'tags',
        entityRef: 'component:default/checkout-api',
        annotation: 'costwise.dev/tags',
        selector: 'application=checkout-api',
        matched: { 'tag:application': 'checkout-api' },
        confidence: 1,
      },
    },
    {
      groupId: 'g2',
      resourceId: 'arn:aws:rds:eu-west-1:1:db:shared',
      provider: 'AWS',
      service: 'Amazon RDS',
      chargeCategory: 'Usage',
      amount: '345.6789',
      share: 0.1473,
      method: 'shared',
      evidence: {
        method: 'shared',
        entityRef: 'resource:default/shared-db',
        annotation: 'costwise.dev/shared-cost',
        selector: 'even',
        matched: {},
        confidence: 1,
        note: 'split evenly between 2 dependents',
        source: {
          method: 'resource-id',
          entityRef: 'resource:default/shared-db',
          annotation: 'costwise.dev/resource-ids',
          selector: 'arn:aws:rds:eu-west-1:1:db:shared*',
          matched: { resourceId: 'arn:aws:rds:eu-west-1:1:db:shared' },
          confidence: 1,
        },
      },
    },
  ],
};

/** A team whose `child` breakdown holds its systems, a sub-team and itself. */
export const teamCosts: EntityCosts = {
  ...costs,
  entityRef: 'group:default/checkout-team',
  groupBy: 'child',
  series: [
    {
      key: 'system:default/shop',
      label: 'shop',
      total: '1500.00',
      points: [{ date: '2025-11-26', amount: '1500.00' }],
    },
    {
      key: 'group:default/payments-team',
      label: 'payments-team',
      total: '800.25',
      points: [{ date: '2025-11-26', amount: '800.25' }],
    },
    {
      key: 'component:default/checkout-api',
      label: 'checkout-api',
      total: '600.00',
      points: [{ date: '2025-11-26', amount: '600.00' }],
    },
    {
      key: 'group:default/checkout-team',
      label: 'checkout-team',
      total: '45.4289',
      points: [{ date: '2025-11-26', amount: '45.4289' }],
    },
  ],
  totals: [{ date: '2025-11-26', amount: '2345.6789' }],
  total: '2345.6789',
};

/** The same team's cost by system (with what is in no system): adds up to its total. */
export const teamBySystem: EntityCosts = {
  ...teamCosts,
  groupBy: 'system',
  series: [
    {
      key: 'system:default/shop',
      label: 'system:default/shop',
      total: '1500.00',
      points: [{ date: '2025-11-26', amount: '1500.00' }],
    },
    {
      key: 'system:default/platform',
      label: 'system:default/platform',
      total: '600.00',
      points: [{ date: '2025-11-26', amount: '600.00' }],
    },
    {
      key: 'system:default/legacy',
      label: 'system:default/legacy',
      total: '200.25',
      points: [{ date: '2025-11-26', amount: '200.25' }],
    },
    {
      key: '(no system)',
      label: '(no system)',
      total: '45.4289',
      points: [{ date: '2025-11-26', amount: '45.4289' }],
    },
  ],
};

/** By team: a sub-team, and the team's own line. */
export const teamByTeam: EntityCosts = {
  ...teamCosts,
  groupBy: 'team',
  series: [
    {
      key: 'group:default/checkout-team',
      label: 'group:default/checkout-team',
      total: '1545.4289',
      points: [{ date: '2025-11-26', amount: '1545.4289' }],
    },
    {
      key: 'group:default/payments-team',
      label: 'group:default/payments-team',
      total: '800.25',
      points: [{ date: '2025-11-26', amount: '800.25' }],
    },
  ],
};

const requestsPer1000 = {
  metric: 'requests',
  per: 1000,
  label: '1k requests',
};

/**
 * Daily unit cost with a day of zero usage and a day without any value:
 * both must read "no usage", never a division by zero.
 */
export const unitCostDaily: UnitCostResponse = {
  entityRef: 'component:default/checkout-api',
  measure: 'EffectiveCost',
  currency: 'USD',
  from: '2025-11-23',
  to: '2025-11-26',
  granularity: 'day',
  unitMetric: requestsPer1000,
  series: [
    { date: '2025-11-23', cost: '3.00', metric: null, unitCost: null },
    { date: '2025-11-24', cost: '12.50', metric: 25000, unitCost: '0.500000' },
    { date: '2025-11-25', cost: '10.00', metric: 0, unitCost: null },
    {
      date: '2025-11-26',
      cost: '7.3333',
      metric: 30000,
      unitCost: '0.244443',
    },
  ],
  totals: {
    date: '2025-11-23',
    cost: '32.8333',
    metric: 55000,
    unitCost: '0.596969',
  },
  trend: {
    slope: -0.128,
    change: '-0.255557',
    ratio: -0.5111,
    direction: 'down',
    periods: 3,
  },
  metricSources: ['component:default/checkout-api'],
};

export const unitCostMonthly: UnitCostResponse = {
  ...unitCostDaily,
  from: '2025-09-01',
  to: '2025-11-30',
  granularity: 'month',
  series: [
    { date: '2025-09', cost: '410.75', metric: 950500, unitCost: '0.432141' },
    { date: '2025-10', cost: '398.20', metric: 1020000, unitCost: '0.390392' },
    {
      date: '2025-11',
      cost: '0.0042',
      metric: 1234567,
      unitCost: '0.000003',
    },
  ],
  totals: {
    date: '2025-09',
    cost: '808.9542',
    metric: 3205067,
    unitCost: '0.252399',
  },
  trend: {
    slope: -0.2,
    change: '-0.432138',
    ratio: -0.99999,
    direction: 'down',
    periods: 3,
  },
};

export const noUnitMetric: UnitCostResponse = {
  ...unitCostDaily,
  unitMetric: null,
  series: [],
  totals: { date: '2025-11-23', cost: '32.8333', metric: null, unitCost: null },
  trend: { slope: 0, change: null, ratio: null, direction: 'flat', periods: 0 },
  metricSources: [],
  empty: {
    reason: 'no-unit-metric',
    message:
      'component:default/checkout-api has no costwise.dev/unit-metric annotation.',
  },
};

export const benchmark: BenchmarkResponse = {
  entityRef: 'component:default/checkout-api',
  measure: 'EffectiveCost',
  currency: 'USD',
  month: '2025-10',
  cohort: { basis: 'annotation', label: 'tier-1-apis', size: 6 },
  unitMetric: requestsPer1000,
  figures: [
    {
      dimension: 'monthlyCost',
      members: 6,
      value: '398.20',
      percentile: 60,
      distribution: [120, 250.5, 398.2, 512, 900, 1500],
      min: 120,
      q1: 250.5,
      median: 455.1,
      q3: 900,
      max: 1500,
      verdict: 'cheaper than 60% of 6 tier-1-apis',
      peers: [
        { entityRef: 'component:default/payments-api', value: 512 },
        { entityRef: 'component:default/checkout-api', value: 398.2 },
      ],
    },
    {
      dimension: 'unitCost',
      members: 5,
      value: '0.390392',
      percentile: 80,
      distribution: [0.2, 0.390392, 0.61, 0.95, 1.4],
      min: 0.2,
      q1: 0.390392,
      median: 0.61,
      q3: 0.95,
      max: 1.4,
      verdict: 'cheaper than 80% of 5 tier-1-apis per 1k requests',
      peers: [],
    },
    {
      dimension: 'unitCostTrend',
      members: 5,
      value: '-0.0966',
      percentile: 75,
      distribution: [-0.2, -0.0966, 0.01, 0.05, 0.3],
      min: -0.2,
      q1: -0.0966,
      median: 0.01,
      q3: 0.05,
      max: 0.3,
      verdict: 'unit cost falling faster than 75% of 5 tier-1-apis',
      peers: [],
    },
  ],
};

/** A cohort of two: too few to say anything about a percentile. */
export const twoPeers: BenchmarkResponse = {
  ...benchmark,
  cohort: { basis: 'type', label: 'service components', size: 2 },
  figures: benchmark.figures.map(f => ({
    ...f,
    members: 2,
    percentile: null,
    distribution: [],
    min: null,
    q1: null,
    median: null,
    q3: null,
    max: null,
    verdict: 'not enough peers',
    peers: [],
    notEnoughPeers:
      'not enough peers (2 service components with data; 3 needed)',
  })),
  notEnoughPeers: 'not enough peers (2 service components with data; 3 needed)',
};
