import type { Anomaly, AnomalyList } from '@costwise/plugin-finops-common';

/** A one-day Lambda spike on checkout-api, new. */
export const lambdaSpike: Anomaly = {
  id: 'anom_0123456789abcdef0123',
  entityRef: 'component:default/checkout-api',
  resourceId: null,
  groupKey: null,
  scope: 'entity',
  day: '2025-11-26',
  lastDay: '2025-11-26',
  days: 1,
  measure: 'EffectiveCost',
  currency: 'USD',
  expected: '1000.00',
  actual: '1345.68',
  impact: '345.68',
  peakImpact: '345.68',
  score: 12.5,
  rootCauses: [
    {
      dimension: 'service',
      value: 'AWS Lambda',
      contribution: '330.10',
      actual: '377.20',
      expected: '47.10',
    },
    {
      dimension: 'service',
      value: 'Amazon EC2',
      contribution: '15.58',
      actual: '968.48',
      expected: '952.90',
    },
    {
      dimension: 'resource',
      value: 'arn:aws:lambda:us-east-1:123456789012:function:checkout-retry',
      contribution: '330.10',
      actual: '377.20',
      expected: '47.10',
    },
  ],
  newResources: [],
  usageVsPrice: { usage: '330.10', price: '0.00', other: '15.58', lines: 1 },
  explanation:
    'Cost rose to $1,345.68 against $1,000.00 expected (+$345.68), mostly AWS Lambda (+$330.10): usage, not price.',
  status: 'new',
  statusHistory: [
    {
      at: '2025-11-27T06:00:00.000Z',
      actor: 'costwise',
      from: null,
      to: 'new',
    },
  ],
  detectedAt: '2025-11-27T06:00:00.000Z',
  updatedAt: '2025-11-27T06:00:00.000Z',
  parents: ['system:default/shop', 'group:default/checkout-team'],
};

/** The list of a checkout-api page: the spike, which its owners may triage. */
export const anomalyList = (items: Anomaly[] = [lambdaSpike]): AnomalyList => ({
  entityRef: 'component:default/checkout-api',
  items,
  counts: {
    new: items.filter(a => a.status === 'new').length,
    acknowledged: items.filter(a => a.status === 'acknowledged').length,
    resolved: items.filter(a => a.status === 'resolved').length,
    expected: items.filter(a => a.status === 'expected').length,
    'not-anomaly': items.filter(a => a.status === 'not-anomaly').length,
  },
  more: 0,
  canUpdate: true,
});
