import type {
  BudgetStatus,
  EntityBudgetResponse,
} from '@costwise/plugin-finops-common';

/** checkout-api's $3,000 monthly budget on 26 Nov: at risk. */
export const checkoutBudget: BudgetStatus = {
  budget: {
    entityRef: 'component:default/checkout-api',
    amount: '3000',
    currency: 'USD',
    period: 'monthly',
    source: 'annotation',
    text: '3000 USD monthly',
  },
  period: { from: '2025-11-01', to: '2025-11-30', label: '2025-11' },
  asOf: '2025-11-26',
  closed: false,
  spent: '2600.52',
  remaining: '399.48',
  forecast: { amount: '3010.40', low: '2950.10', high: '3072.88' },
  burnRate: '100.02',
  allowedPerDay: '99.87',
  daysElapsed: 26,
  daysLeft: 4,
  shareSpent: 0.8668,
  shareForecast: 1.0035,
  status: 'at-risk',
  message:
    '$2,600.52 of $3,000.00 spent (87%); the forecast of $3,010.40 reaches the budget.',
  thresholdsCrossed: [{ kind: 'spend', share: 0.8 }],
  series: [
    { date: '2025-11-25', spent: '2500.50', pace: '2500.00' },
    { date: '2025-11-26', spent: '2600.52', pace: '2600.00' },
    {
      date: '2025-11-30',
      forecast: { amount: '3010.40', low: '2950.10', high: '3072.88' },
      pace: '3000.00',
    },
  ],
  owner: 'group:default/checkout-team',
};

export const checkoutBudgetResponse: EntityBudgetResponse = {
  entityRef: 'component:default/checkout-api',
  budget: checkoutBudget.budget,
  current: checkoutBudget,
  history: [
    {
      period: { from: '2025-10-01', to: '2025-10-31', label: '2025-10' },
      spent: '2890.00',
      shareSpent: 0.9633,
      status: 'on-track',
    },
  ],
  warnings: [],
};

export const noBudget: EntityBudgetResponse = {
  entityRef: 'component:default/checkout-api',
  history: [],
  warnings: [],
  empty: {
    reason: 'no-budget',
    message:
      'No budget. Add the annotation costwise.dev/budget: "1200 USD monthly" to the entity, or ask a FinOps admin to set one.',
  },
};
