export { finopsApiRef } from './FinopsApi';
export type {
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
  FinopsResourcesQuery,
  FinopsStatement,
  FinopsStatementLine,
  FinopsStatementOptions,
  FinopsSummaryOptions,
  FinopsUnitCostQuery,
} from './FinopsApi';
export { FinopsClient } from './FinopsClient';
