/**
 * Costwise FinOps frontend plugin: cost cards, cost tabs and team views.
 * Legacy frontend system from the package root; new frontend system from `/alpha`.
 *
 * @packageDocumentation
 */
export {
  finopsPlugin,
  EntityCostCard,
  EntityCostContent,
  EntityRecommendationsContent,
  EntityTeamCostContent,
} from './plugin';
export { isCostAvailable } from './components/mapping';
export { finopsApiRef, FinopsClient } from './api';
export type {
  FinopsApi,
  FinopsBenchmarkOptions,
  FinopsCostsQuery,
  FinopsHealth,
  FinopsRecommendationsQuery,
  FinopsResourcesQuery,
  FinopsSummaryOptions,
  FinopsUnitCostQuery,
} from './api';
