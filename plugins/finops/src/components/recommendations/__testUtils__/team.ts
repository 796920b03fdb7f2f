import type {
  EntityRecommendations,
  RecommendationKpis,
} from '@costwise/plugin-finops-common';
import {
  entityRecommendations,
  recommendationKpis,
} from '../../../__testUtils__/recommendations';
import { serve, serveRoute } from '../../../__testUtils__/server';

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
