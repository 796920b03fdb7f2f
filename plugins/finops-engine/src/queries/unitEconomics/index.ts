export {
  BenchmarkService,
  benchmarkMonths,
  MIN_COHORT,
} from './BenchmarkService';
export { UnitCostService } from './UnitCostService';
export type { MetricSeries } from './UnitCostService';
export { cohortOf } from './cohorts';
export type { CohortCandidates, CohortOptions } from './cohorts';
export {
  buildUnitCostSeries,
  trendOf,
  unitCostOf,
  UNIT_COST_DIGITS,
} from './series';
export { leastSquaresSlope, percentileAmong, quantile } from './stats';
export { parseUnitMetric, unitMetricOf } from './unitMetric';
