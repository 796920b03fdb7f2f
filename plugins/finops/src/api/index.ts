export { finopsApiRef } from './FinopsApi';
export type {
  FinopsApi,
  FinopsBenchmarkOptions,
  FinopsCostsQuery,
  FinopsHealth,
  FinopsRecommendationsQuery,
  FinopsResourcesQuery,
  FinopsSummaryOptions,
  FinopsUnitCostQuery,
} from './FinopsApi';
export { FinopsClient } from './FinopsClient';
