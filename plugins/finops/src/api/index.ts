export { finopsApiRef } from './FinopsApi';
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
} from './FinopsApi';
export { FinopsClient } from './FinopsClient';
