import type {
  GovernanceKpis,
  GovernanceSpend,
  KpiId,
  KpiValue,
  TeamScorecard,
} from '@costwise/plugin-finops-common';
import type { FinopsCoverage } from '../api';
import { rightsizeDb } from './recommendations';

/** Contract-shaped governance responses, for component tests. */

const DEFINITIONS: Record<
  KpiId,
  Pick<KpiValue, 'title' | 'description' | 'unit' | 'better'>
> = {
  'attribution-coverage': {
    title: 'Attribution coverage',
    description: "Share of the month's cost attributed to a catalog entity.",
    unit: 'ratio',
    better: 'higher',
  },
  'explicit-coverage': {
    title: 'Explicit attribution',
    description: "Share of the month's cost attributed by explicit rules.",
    unit: 'ratio',
    better: 'higher',
  },
  'recommendations-actioned': {
    title: 'Recommendations actioned',
    description: 'Share of the recommendations implemented.',
    unit: 'ratio',
    better: 'higher',
  },
  'time-to-action': {
    title: 'Time from insight to action',
    description: 'Median days from a recommendation first seen to implemented.',
    unit: 'days',
    better: 'lower',
  },
  'unit-cost-trend': {
    title: 'Unit cost trend',
    description: 'Change of the unit cost over the 3 months up to the month.',
    unit: 'change',
    better: 'lower',
  },
  'finops-overhead': {
    title: 'FinOps overhead per $1M',
    description: "The FinOps function's own cost per 1,000,000 of spend.",
    unit: 'per-million',
    better: 'lower',
  },
  'commitment-coverage': {
    title: 'Commitment coverage',
    description: 'Share of eligible usage that commitments covered.',
    unit: 'ratio',
    better: 'higher',
  },
  'commitment-utilization': {
    title: 'Commitment utilization',
    description: 'Share of the commitments’ cost that was used.',
    unit: 'ratio',
    better: 'higher',
  },
  'budget-adherence': {
    title: 'Budget adherence',
    description: 'Share of budgets on track.',
    unit: 'ratio',
    better: 'higher',
  },
  'anomaly-response': {
    title: 'Anomaly response',
    description: 'Median days from an anomaly detected to its first response.',
    unit: 'days',
    better: 'lower',
  },
};

export const MONTH = '2025-11';

/** The 12 months up to November 2025, oldest first. */
const MONTHS = [
  '2024-12',
  ...Array.from(
    { length: 11 },
    (_, i) => `2025-${String(i + 1).padStart(2, '0')}`,
  ),
];

/** A KPI's value in November 2025, with a history that ends on it. */
export function kpi(
  id: KpiId,
  value: number | null,
  rest: Partial<KpiValue> = {},
): KpiValue {
  return {
    id,
    ...DEFINITIONS[id],
    month: MONTH,
    value,
    target: null,
    targetSource: 'default',
    status: value === null ? 'not-measured' : 'met',
    direction: value === null ? null : 'flat',
    history: MONTHS.map((month, i) => ({
      month,
      value: value === null || i < 6 ? null : value * (0.9 + i / 100),
    })),
    ...rest,
  };
}

export const organizationKpis: KpiValue[] = [
  kpi('attribution-coverage', 0.923, {
    target: 0.95,
    status: 'at-risk',
    direction: 'up',
  }),
  kpi('explicit-coverage', 0.91, { target: 0.9, direction: 'up' }),
  kpi('recommendations-actioned', 0.35, {
    target: 0.5,
    targetSource: 'organization',
    status: 'missed',
    direction: 'down',
  }),
  kpi('time-to-action', 12.5, { target: 30, direction: 'down' }),
  kpi('unit-cost-trend', -0.042, { target: 0, direction: 'down' }),
  kpi('finops-overhead', 15000, { target: 20000 }),
  kpi('commitment-coverage', 0.72, { target: 0.7 }),
  kpi('commitment-utilization', 0.97, { target: 0.95 }),
  kpi('budget-adherence', null, {
    target: 0.9,
    message: 'Not measured yet: no budgets exist.',
  }),
  kpi('anomaly-response', null, {
    target: 2,
    message: 'Not measured yet: no anomaly has been detected.',
  }),
];

/** A team's scorecard: its coverage, actioned share and time to action, ranked. */
export function scorecard(
  name: string,
  values: {
    coverage: number | null;
    actioned: number | null;
    days: number | null;
  },
  ranks: TeamScorecard['ranks'],
): TeamScorecard {
  return {
    team: `group:default/${name}`,
    title: `${name} title`,
    kpis: [
      kpi('attribution-coverage', values.coverage, {
        target: 0.95,
        status:
          values.coverage === null || values.coverage >= 0.95
            ? 'met'
            : 'missed',
      }),
      kpi('recommendations-actioned', values.actioned, { target: 0.5 }),
      kpi('time-to-action', values.days, { target: 30 }),
    ],
    ranks,
  };
}

export const checkoutTeam = scorecard(
  'checkout-team',
  { coverage: 0.97, actioned: 0.2, days: 40 },
  {
    'attribution-coverage': { position: 1, of: 3 },
    'recommendations-actioned': { position: 3, of: 3 },
    'time-to-action': { position: 2, of: 2 },
  },
);

export const paymentsTeam = scorecard(
  'payments-team',
  { coverage: 0.8, actioned: 0.6, days: 10 },
  {
    'attribution-coverage': { position: 3, of: 3 },
    'recommendations-actioned': { position: 1, of: 3 },
    'time-to-action': { position: 1, of: 2 },
  },
);

export const searchTeam = scorecard(
  'search-team',
  { coverage: 0.9, actioned: 0.4, days: null },
  {
    'attribution-coverage': { position: 2, of: 3 },
    'recommendations-actioned': { position: 2, of: 3 },
  },
);

export const governanceKpis: GovernanceKpis = {
  month: MONTH,
  currency: 'USD',
  organization: organizationKpis,
  teams: [paymentsTeam, checkoutTeam, searchTeam],
};

export const governanceSpend: GovernanceSpend = {
  month: MONTH,
  currency: 'USD',
  byProvider: [
    { provider: 'AWS', amount: '12000.50', previous: '10000', change: 0.20005 },
    { provider: 'OpenAI', amount: '800', previous: '1000', change: -0.2 },
  ],
  topMovers: [
    {
      entityRef: 'component:default/checkout-api',
      amount: '3000',
      previous: '2000',
      delta: '1000',
      change: 0.5,
    },
    {
      entityRef: 'system:default/search',
      amount: '500',
      previous: '900',
      delta: '-400',
      change: -0.4444,
    },
  ],
};

const figures = (total: string, attributed: string) => ({
  total,
  attributed,
  unattributed: String(Number(total) - Number(attributed)),
  coverage: Number(attributed) / Number(total),
});

export const coverage: FinopsCoverage = {
  measure: 'EffectiveCost',
  asOf: '2025-11-27T03:10:00Z',
  currencies: { USD: figures('10000', '9230') },
  byPeriod: { 'USD 2025-11': figures('10000', '9230') },
  byProvider: { 'USD aws': figures('10000', '9230') },
  byAccount: {
    'USD 123456789012': figures('6000', '5500'),
    'USD 210987654321': figures('4000', '3730'),
  },
  byOwner: { 'USD group:default/checkout-team': '4000' },
  unattributedByAccountAndService: {
    'USD 123456789012 Amazon Elastic Compute Cloud': '500',
    'USD 210987654321 AmazonS3': '270',
  },
  suggestions: [
    {
      groupId: '42',
      entity: 'component:default/checkout-api',
      confidence: 0.6,
      amount: '120.5',
      currency: 'USD',
      evidence: {
        method: 'inference',
        entityRef: 'component:default/checkout-api',
        selector: 'metadata.name: checkout-api',
        matched: { resourceName: 'checkout-api-cache' },
        confidence: 0.6,
      },
    },
  ],
  contested: [
    {
      groupId: '77',
      entity: 'component:default/search-indexer',
      owner: 'group:default/search-team',
      reason: 'account-owner',
      holder: 'group:default/payments-team',
      attributedTo: [],
      amount: '88',
      currency: 'USD',
      evidence: {
        method: 'tags',
        entityRef: 'component:default/search-indexer',
        selector: 'application=search',
        matched: { 'tag:application': 'search' },
        confidence: 1,
      },
    },
  ],
  conflicts: [],
  warnings: [],
};

export const unownedRecommendations = {
  items: [{ ...rightsizeDb, owner: null, subAccountId: '123456789012' }],
};
