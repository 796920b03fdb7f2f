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
export { BudgetStore } from './BudgetStore';
export type { StoredBudget, StoredBudgetAlert } from './BudgetStore';
export { AiUsageStore } from './AiUsageStore';
export type {
  AiAllocationRow,
  AiFactRow,
  MeasureAmounts,
} from './AiUsageStore';
export { AnomalyStore } from './AnomalyStore';
export type {
  AnomalyFilter,
  AnomalyRow,
  FactQuantity,
  StoredAnomaly,
  StoredAnomalyEvent,
} from './AnomalyStore';
