export { applyMigrations, migrationsDir } from './migrations';
export { DatabaseCostStore } from './DatabaseCostStore';
export { AttributionStore } from './AttributionStore';
export type {
  AllocationGrouping,
  AllocationRow,
  AllocationSum,
  AllocationSumKey,
  AttributionChange,
  AttributionRunRecord,
  FactRow,
  GroupDetails,
  StoredOverride,
} from './AttributionStore';
export type { AllocationSumQuery } from './allocationSums';
export { MetricStore } from './MetricStore';
export type { StoredMetric } from './MetricStore';
