export { CostViewService } from './CostViewService';
export type { ViewStore } from './CostViewService';
export type { CostsQuery } from './costs';
export type { QuantityStore, ResourcesQuery } from './resources';
export type { SharedCostQuery } from './shared';
export type { ViewDefaults } from './context';
export type { LimitedRange, ViewLimits } from './ranges';
export { forecastCost, monthEndForecast, periodEndForecast } from './forecast';
export type { CostForecast, ForecastAmounts } from './forecast';
export { CoverageService } from './CoverageService';
export type { CoverageBreakdown } from './CoverageService';
export type { Scope } from './scope';
export { hiddenMembers, visibleMembers } from './scope';
export { lastDayWithData, readDataSnapshot, uncachedViews } from './viewer';
export type {
  CostViewer,
  DataSnapshot,
  DataVersionReads,
  ViewCache,
} from './viewer';
