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
  FinopsPage,
} from './plugin';
export { isCostAvailable } from './components/mapping';
export { finopsApiRef, FinopsClient } from './api';
export type {
  FinopsAiUsageQuery,
  FinopsApi,
  FinopsAttributionDecision,
  FinopsBenchmarkOptions,
  FinopsCostsQuery,
  FinopsCoverage,
  FinopsCoverageFigures,
  FinopsGovernanceAccess,
  FinopsHealth,
  FinopsMonthOptions,
  FinopsOverrideRule,
  FinopsRecommendationsQuery,
  FinopsAnomaliesQuery,
  FinopsResourcesQuery,
  FinopsStatement,
  FinopsStatementLine,
  FinopsStatementOptions,
  FinopsSummaryOptions,
  FinopsUnitCostQuery,
} from './api';
