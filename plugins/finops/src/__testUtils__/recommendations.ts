import type {
  EntityRecommendations,
  Recommendation,
  RecommendationDetail,
  RecommendationKpis,
} from '@costwise/plugin-finops-common';
import { serve, serveRoute } from './server';

/** Contract-shaped recommendation responses, for component tests. */

const ENTITY = 'component:default/checkout-api';

export const idleVolume: Recommendation = {
  id: 'costwise-idle:vol-0abc',
  source: 'costwise-idle',
  format: 'detector',
  recommendationId: 'vol-0abc',
  generator: 'Costwise idle-resource detector',
  subcategory: 'Idle Resource Removal',
  description: 'Delete the unattached EBS volume',
  resourceId: 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0abcdef1234567890',
  resourceName: 'checkout-scratch',
  resourceType: 'EBS volume',
  provider: 'AWS',
  region: 'eu-west-1',
  effort: 'Very Low',
  estimatedMonthlyCostImpact: '-412.3456',
  estimatedMonthlySavings: '412.3456',
  currency: 'USD',
  owner: ENTITY,
  ownerEvidence: 'attributed cost of the resource',
  sharedWith: [],
  status: 'open',
  firstSeen: '2025-10-02T04:00:00Z',
  lastSeen: '2025-11-26T04:00:00Z',
  statusChangedAt: '2025-10-02T04:00:00Z',
  evidence: {
    summary: 'billed $412.00 over 14 days with no attachment',
    from: '2025-11-13',
    to: '2025-11-26',
    days: 14,
    amount: '192.43',
  },
};

export const rightsizeDb: Recommendation = {
  id: 'aws-coh:arn:aws:rds:eu-west-1:1:db:checkout',
  source: 'aws-coh',
  format: 'aws-cost-optimization-hub',
  recommendationId: 'rec-123',
  generator: 'AWS Cost Optimization Hub',
  subcategory: 'Rightsizing',
  description: 'Downsize db.r6g.2xlarge to db.r6g.xlarge',
  link: 'https://console.aws.amazon.com/costhub/home#/recommendations/rec-123',
  resourceId: 'arn:aws:rds:eu-west-1:1:db:checkout',
  resourceName: 'checkout-db',
  resourceType: 'RDS instance',
  provider: 'AWS',
  region: 'eu-west-1',
  effort: 'Medium',
  estimatedMonthlyCostImpact: '-250.10',
  estimatedMonthlySavings: '250.10',
  currency: 'USD',
  owner: 'resource:default/orders-db',
  ownerEvidence: 'annotation match on the resource id',
  sharedWith: [
    {
      entityRef: ENTITY,
      share: 0.6,
      estimatedMonthlySavings: '150.06',
    },
    {
      entityRef: 'component:default/orders-api',
      share: 0.4,
      estimatedMonthlySavings: '100.04',
    },
  ],
  status: 'acknowledged',
  firstSeen: '2025-09-10T04:00:00Z',
  lastSeen: '2025-11-26T04:00:00Z',
  lastUpdated: '2025-11-25T00:00:00Z',
  statusChangedAt: '2025-09-12T09:30:00Z',
  currentConfiguration: '{"instanceType":"db.r6g.2xlarge"}',
  recommendedConfiguration: '{"instanceType":"db.r6g.xlarge"}',
};

export const deferredScaling: Recommendation = {
  id: 'gcp-recommender:mig-web',
  source: 'gcp-recommender',
  format: 'gcp-recommender',
  recommendationId: 'mig-web',
  generator: 'Google Cloud Recommender',
  subcategory: 'Scaling',
  description: 'Lower the minimum size of the instance group',
  resourceId: 'projects/shop/zones/europe-west1-b/instanceGroups/web',
  provider: 'Google Cloud',
  effort: 'Low',
  estimatedMonthlyCostImpact: '-35.5',
  estimatedMonthlySavings: '35.5',
  currency: 'USD',
  owner: ENTITY,
  sharedWith: [],
  status: 'deferred',
  deferredUntil: '2026-01-15',
  statusNote: 'after the peak season',
  firstSeen: '2025-08-01T04:00:00Z',
  lastSeen: '2025-11-26T04:00:00Z',
  statusChangedAt: '2025-11-20T10:00:00Z',
};

export const recommendationKpis: RecommendationKpis = {
  from: '2024-11-27',
  to: '2025-11-26',
  currency: 'USD',
  opened: 14,
  implemented: 6,
  actionedRate: 0.5,
  actionedRateBySavings: 0.6234,
  timeToImplementDays: { median: 12.5, p90: 40 },
  timeToFirstResponseDays: { median: 3, p90: 9.5 },
  backlog: { count: 3, monthlySavings: '697.9456' },
  estimatedSavingsImplemented: '1500.00',
  realizedSavings: '1234.5',
  months: [],
};

export const entityRecommendations: EntityRecommendations = {
  entityRef: ENTITY,
  currency: 'USD',
  items: [idleVolume, rightsizeDb, deferredScaling],
  open: { count: 3, monthlySavings: '697.9456' },
  kpis: recommendationKpis,
  canUpdate: true,
};

export const noRecommendations: EntityRecommendations = {
  entityRef: ENTITY,
  currency: 'USD',
  items: [],
  open: { count: 0, monthlySavings: '0' },
  kpis: {
    ...recommendationKpis,
    opened: 0,
    implemented: 0,
    actionedRate: null,
    actionedRateBySavings: null,
    timeToImplementDays: { median: null, p90: null },
    timeToFirstResponseDays: { median: null, p90: null },
    backlog: { count: 0, monthlySavings: '0' },
    estimatedSavingsImplemented: '0',
    realizedSavings: '0',
  },
  canUpdate: true,
};

/** The detail of a listed recommendation, with a history. */
export const detailOf = (
  item: Recommendation,
  overrides: Partial<RecommendationDetail> = {},
): RecommendationDetail => ({
  ...item,
  events: [
    { at: item.firstSeen, actor: 'costwise', from: null, to: 'open' },
    ...(item.status === 'open'
      ? []
      : [
          {
            at: item.statusChangedAt,
            actor: 'user:default/jane',
            from: 'open' as const,
            to: item.status,
            note: item.statusNote,
            deferredUntil: item.deferredUntil,
          },
        ]),
  ],
  canUpdate: true,
  ...overrides,
});

/** The route of the owning team's recommendations (the fixture entity's owner). */
export const TEAM_ROUTE =
  '/entities/group/default/checkout-team/recommendations';

/** The owning team's KPIs: its members' recommendations, months included. */
export const teamKpis: RecommendationKpis = {
  ...recommendationKpis,
  opened: 40,
  implemented: 18,
  actionedRate: 0.45,
  actionedRateBySavings: 0.7,
  timeToImplementDays: { median: 20, p90: 61 },
  backlog: { count: 11, monthlySavings: '4200.00' },
  realizedSavings: '3100.25',
  months: [
    {
      month: '2025-10',
      opened: 5,
      implemented: 2,
      actionedRate: 0.4,
      realizedSavings: '0',
    },
    {
      month: '2025-11',
      opened: 3,
      implemented: 3,
      actionedRate: 1,
      realizedSavings: '812.5',
    },
  ],
};

export const teamRecommendations: EntityRecommendations = {
  ...entityRecommendations,
  entityRef: 'group:default/checkout-team',
  kpis: teamKpis,
};

/**
 * Serves `body` as the tab's entity's recommendations (recorded in the
 * array returned) and the owning team's apart (recorded in its `team`), so
 * that counts stay the entity's.
 */
export function serveTab(
  body: Parameters<typeof serve>[1],
  team: Parameters<typeof serveRoute>[2] = teamRecommendations,
) {
  const requests = serve('recommendations', body);
  return Object.assign(requests, {
    team: serveRoute('get', TEAM_ROUTE, team),
  });
}
