import type { FinopsStatement } from '../api';

/** Contract-shaped statements of the finops backend, for component tests. */

/**
 * The checkout team's November: two systems and an entity in none, two
 * currencies, a sub-team with its own statement, and amounts whose exact
 * sums a float would get wrong (0.1 + 0.2).
 */
export const teamStatement: FinopsStatement = {
  entity: 'group:default/checkout-team',
  kind: 'group',
  month: '2025-11',
  measure: 'EffectiveCost',
  asOf: '2025-11-30',
  partial: false,
  statements: [
    {
      currency: 'USD',
      total: '1300.6',
      lines: [
        {
          entity: 'component:default/checkout-api',
          service: 'Amazon EC2',
          method: 'tags',
          amount: '1000.1',
          team: 'group:default/checkout-team',
          system: 'system:default/shop',
        },
        {
          entity: 'component:default/checkout-api',
          service: 'Amazon RDS',
          method: 'resource-id',
          amount: '0.2',
          team: 'group:default/checkout-team',
          system: 'system:default/shop',
        },
        {
          entity: 'component:default/cart',
          service: 'Amazon S3',
          method: 'inference',
          amount: '200.15',
          team: 'group:default/checkout-team',
          system: 'system:default/shop',
        },
        {
          entity: 'resource:default/shared-db',
          service: 'Amazon RDS',
          method: 'shared',
          amount: '100.15',
          team: 'group:default/checkout-team',
          system: '(no system)',
        },
      ],
    },
    {
      currency: 'EUR',
      total: '12.345',
      lines: [
        {
          entity: 'component:default/payments',
          service: 'Hetzner Cloud',
          method: 'override',
          amount: '12.345',
          team: 'group:default/checkout-team',
          system: 'system:default/payments',
        },
      ],
    },
  ],
  totals: { USD: '1300.6', EUR: '12.345' },
  subTeams: [
    {
      team: 'group:default/checkout-mobile',
      parent: 'group:default/checkout-team',
      totals: { USD: '50.05' },
    },
  ],
  totalWithSubTeams: { USD: '1350.65', EUR: '12.345' },
};

/** A System's statement of the current month, to date. */
export const systemStatement: FinopsStatement = {
  entity: 'system:default/shop',
  kind: 'system',
  month: '2025-12',
  measure: 'EffectiveCost',
  asOf: '2025-12-14',
  partial: true,
  statements: [
    {
      currency: 'USD',
      total: '310.3',
      lines: [
        {
          entity: 'component:default/checkout-api',
          service: 'Amazon EC2',
          method: 'tags',
          amount: '300.1',
          team: 'group:default/checkout-team',
          system: 'system:default/shop',
        },
        {
          entity: 'system:default/shop',
          service: 'Amazon CloudFront',
          method: 'accounts',
          amount: '10.2',
          team: 'group:default/checkout-team',
          system: 'system:default/shop',
        },
      ],
    },
  ],
  totals: { USD: '310.3' },
  subTeams: [],
  totalWithSubTeams: { USD: '310.3' },
  hiddenMembers: {
    count: 1,
    message: "1 member's cost is left out: you are not allowed to read it.",
  },
};

/** The CSV the backend sends for {@link teamStatement}, shortened. */
export const statementCsv =
  'team,system,entity,service,method,currency,amount\n' +
  'group:default/checkout-team,system:default/shop,component:default/checkout-api,Amazon EC2,tags,USD,1000.1\n';
