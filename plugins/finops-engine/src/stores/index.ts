export { applyMigrations } from './migrations';
export { DatabaseCostStore } from './costs/DatabaseCostStore';
export * from './attribution';
export type {
  AllocationGrouping,
  AllocationSum,
  AllocationSumKey,
  AllocationSumQuery,
} from './allocationSums';
export { MetricStore } from './MetricStore';
export type { StoredMetric } from './MetricStore';
export { RollupAccumulator, rollupRecord } from './rollupTotals';
export type { MeasureTexts, RollupInput, RollupRow } from './rollupTotals';
export { RecommendationStore } from './RecommendationStore';
export type {
  RecommendationFilter,
  ResourceAllocation,
  StoredRecommendation,
  StoredRecommendationEvent,
} from './RecommendationStore';
export { GovernanceStore } from './GovernanceStore';
export type { MonthAllocation, StoredKpiValue } from './GovernanceStore';
