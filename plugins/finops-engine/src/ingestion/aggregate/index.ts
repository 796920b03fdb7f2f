export { CostAggregator, MAX_RECORDED_REJECTIONS } from './CostAggregator';
export type { DirectKey } from './CostAggregator';
export type { PeriodFacts } from './facts';
export type { AggregatePart, FactColumns } from './parts';
export { DEFAULT_MAX_FACT_GROUPS, TooManyGroupsError } from './groups';
