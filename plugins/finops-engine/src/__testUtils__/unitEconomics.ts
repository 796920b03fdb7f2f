import type { Entity } from '@backstage/catalog-model';
import { addDays, eachDay } from '../model';

const component = (
  name: string,
  options: {
    type?: string;
    system?: string;
    annotations?: Record<string, string>;
  } = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'costwise.dev/tags': `application=${name}`,
      ...options.annotations,
    },
  },
  spec: {
    type: options.type ?? 'service',
    lifecycle: 'production',
    owner: 'group:default/team',
    ...(options.system ? { system: options.system } : {}),
  },
});

const perThousand = { 'costwise.dev/unit-metric': 'requests per 1000' };

/**
 * Five services with `requests per 1000` (a cohort by type), two in an
 * explicit cohort of two, entities with a malformed, an unrecorded and no
 * unit metric, and a System that aggregates two services' requests.
 */
export const unitCatalog: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'platform',
      namespace: 'default',
      annotations: perThousand,
    },
    spec: { owner: 'group:default/team' },
  },
  component('svc-a', { system: 'platform', annotations: perThousand }),
  component('svc-b', { system: 'platform', annotations: perThousand }),
  component('svc-c', { annotations: perThousand }),
  component('svc-d', { annotations: perThousand }),
  component('svc-e', { annotations: perThousand }),
  ...['pair-1', 'pair-2'].map(name =>
    component(name, {
      annotations: {
        'costwise.dev/unit-metric': 'orders',
        'costwise.dev/benchmark-cohort': 'pair',
      },
    }),
  ),
  component('odd', {
    type: 'worker',
    annotations: { 'costwise.dev/unit-metric': 'requests per thousand' },
  }),
  component('quiet', {
    type: 'worker',
    annotations: { 'costwise.dev/unit-metric': 'signups' },
  }),
  component('plain', { type: 'worker' }),
];

/** Daily cost of each component, the same every day. */
export const DAILY_COST: Record<string, string> = {
  'svc-a': '10',
  'svc-b': '20',
  'svc-c': '30.5',
  'svc-d': '40',
  'svc-e': '50',
  'pair-1': '5',
  'pair-2': '6',
  odd: '1',
  quiet: '2',
  plain: '3',
};

/** Daily requests of each service per month (2025-01, 2025-02, 2025-03). */
export const DAILY_REQUESTS: Record<string, [number, number, number]> = {
  'svc-a': [10000, 10000, 12500],
  'svc-b': [10000, 10000, 10000],
  'svc-c': [10000, 15000, 20000],
  'svc-d': [40000, 40000, 32000],
  'svc-e': [25000, 25000, 25000],
};

export const FIRST_DAY = '2025-01-01';
/** The data ends on April 1st, so March is the last full month. */
export const LAST_DAY = '2025-04-01';
/** A day without usage: svc-a recorded 0 requests. */
export const IDLE_DAY = '2025-03-15';

export function unitCostCsv(): string {
  const lines = [
    'BillingAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,ContractedCost,ProviderName,ServiceName,ResourceId,Tags',
  ];
  for (const day of eachDay(FIRST_DAY, LAST_DAY)) {
    for (const [name, cost] of Object.entries(DAILY_COST)) {
      lines.push(
        `1,USD,${day.slice(0, 7)}-01,${day},${addDays(
          day,
          1,
        )},${cost},${cost},${cost},${cost},AWS,Amazon EC2,i-${name},"{""application"": ""${name}""}"`,
      );
    }
  }
  return lines.join('\n');
}

/** The metric points of the fixture, as `POST /metrics` takes them. */
export function unitMetricPoints() {
  const points: Array<{
    entity: string;
    metric: string;
    date: string;
    value: number;
  }> = [];
  for (const day of eachDay(FIRST_DAY, '2025-03-31')) {
    const month = Number(day.slice(5, 7)) - 1;
    for (const [name, requests] of Object.entries(DAILY_REQUESTS)) {
      points.push({
        entity: `component:default/${name}`,
        metric: 'requests',
        date: day,
        value: name === 'svc-a' && day === IDLE_DAY ? 0 : requests[month],
      });
    }
    for (const name of ['pair-1', 'pair-2'])
      points.push({
        entity: `component:default/${name}`,
        metric: 'orders',
        date: day,
        value: 100,
      });
  }
  return points;
}
