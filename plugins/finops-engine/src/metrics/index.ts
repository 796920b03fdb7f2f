export { MetricService } from './MetricService';
export type { EntityLookup } from './MetricService';
export { importMetricCsv, MetricFileError } from './csvImport';
export type { MetricImportResult } from './csvImport';
export { isCalendarDay } from './validate';
