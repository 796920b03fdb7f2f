import type { AskAnswer } from '@costwise/plugin-finops-common';

/** Contract-shaped answers of `POST /ask`, as the backend gives them. */

const days = [
  '2025-03-01',
  '2025-03-02',
  '2025-03-03',
  '2025-03-04',
  '2025-03-05',
  '2025-03-06',
  '2025-03-07',
];

/** checkout-api's retry storm on Friday 7 March. */
export const spikeAnswer: AskAnswer = {
  question: "Why did checkout-api's costs spike?",
  intent: 'change',
  answer:
    "On Fri 7 Mar 2025 checkout-api's cost was $1,021.005, +$1,019.00 against the day before ($2.005). The largest change is AWS Lambda on checkout-worker: +$1,016.00.",
  period: { from: '2025-03-07', to: '2025-03-07' },
  figures: [
    {
      label: 'Cost, Fri 7 Mar 2025',
      entity: 'component:default/checkout-api',
      amount: '1021.005',
      currency: 'USD',
    },
    {
      label: 'Cost, Thu 6 Mar 2025',
      entity: 'component:default/checkout-api',
      amount: '2.005',
      currency: 'USD',
    },
    {
      label: 'Change',
      entity: 'component:default/checkout-api',
      amount: '1019',
      currency: 'USD',
    },
  ],
  breakdown: [
    {
      label: 'AWS Lambda',
      key: 'AWS Lambda',
      amount: '1018',
      change: '1016',
      previous: '2',
      share: 0.997,
    },
    {
      label: 'Amazon ElastiCache',
      key: 'Amazon ElastiCache',
      amount: '3.005',
      change: '3',
      previous: '0.005',
      share: 0.003,
      note: 'new',
    },
  ],
  breakdownBy: 'service',
  sections: [
    {
      title: 'Change by member',
      dimension: 'child',
      rows: [
        {
          label: 'Checkout worker',
          key: 'component:default/checkout-worker',
          amount: '1018',
          change: '1016',
        },
      ],
    },
  ],
  chart: {
    granularity: 'day',
    unit: 'USD',
    points: days.map(date => ({
      date,
      amount: date === '2025-03-07' ? '1021.005' : '2.005',
    })),
    highlight: '2025-03-07',
  },
  freshness: [
    {
      sourceId: 'aws-cur',
      lastDay: '2025-03-07',
      ingestedAt: '2025-03-08T06:10:00.000Z',
    },
  ],
  today: '2025-03-07',
  lineage: {
    measure: 'EffectiveCost',
    currency: 'USD',
    attributionRunId: 'run-42',
    sources: ['allocations', 'facts'],
    scope: {
      entityRef: 'component:default/checkout-api',
      members: 1,
      hiddenMembers: 0,
    },
    evidence: [
      {
        label:
          "checkout-worker → component:default/checkout-api: its tags match costwise.dev/tags ('app=checkout')",
        entityRef: 'component:default/checkout-api',
        method: 'tags',
        annotation: 'costwise.dev/tags',
        selector: 'app=checkout',
        confidence: 1,
        href: '/api/finops/explain?resourceId=checkout-worker',
      },
    ],
    query: {
      intent: 'change',
      entityRef: 'component:default/checkout-api',
      spike: true,
      day: '2025-03-07',
      by: 'service',
    },
    parsedBy: 'engine',
    phrasedBy: 'engine',
  },
  supported: true,
  suggestions: ["What drives checkout-api's cost?"],
};

/** A question the engine cannot answer, with a name it may have meant. */
export const unsupportedAnswer: AskAnswer = {
  question: 'What did checkout-apii-v2 cost?',
  intent: 'unsupported',
  answer:
    "I can't answer that yet. I don't know 'checkout': it is not the name of an entity in the catalog, nor a service, provider, account, region or model of the cost data.",
  period: null,
  figures: [],
  breakdown: [],
  freshness: [
    {
      sourceId: 'aws-cur',
      lastDay: '2025-03-07',
      ingestedAt: '2025-03-08T06:10:00.000Z',
    },
  ],
  today: '2025-03-07',
  lineage: null,
  supported: false,
  suggestions: [
    'What did checkout-api cost last month?',
    "What drives checkout-api's cost?",
  ],
  didYouMean: ['component:default/checkout-api'],
};
