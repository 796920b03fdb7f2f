export { BenchmarkService } from './BenchmarkService';
export { UnitCostService } from './UnitCostService';
export type { MetricSeries } from './UnitCostService';
export { cohortOf } from './cohorts';
export type { CohortCandidates, CohortOptions } from './cohorts';
export { parseUnitMetric, unitMetricOf } from './unitMetric';
