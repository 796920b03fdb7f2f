/**
 * The Costwise FinOps backend plugin.
 *
 * @packageDocumentation
 */
export { finopsPlugin as default } from './plugin';
export { catalogModuleFinopsPermissionRules } from './catalogModule';
export { DatabaseCostStore } from './database/DatabaseCostStore';
export type {
  CostStore,
  PeriodReplacement,
  SourcePeriod,
} from './database/CostStore';
export { applyMigrations } from './database/migrations';
export {
  aggregateRecords,
  CostAggregator,
  CostFileError,
  ExactSum,
  IngestionService,
  builtinFileSourceTypes,
  readCostFile,
  readCostFileBatches,
  readCostFiles,
  resolveFiles,
} from './ingestion';
export type {
  AggregatePart,
  CostFileFormat,
  CostRecordBatches,
  FileReading,
  ParallelReadOptions,
  DailyFact,
  FactColumns,
  FactGroup,
  IngestionLogger,
  ParsedDecimal,
  PeriodFacts,
  ProgressListener,
  ReadCostFilesOptions,
  RowMapper,
} from './ingestion';
export { CurrencyTotals } from './ingestion';
export { readFinopsConfig } from './config';
export { MetricStore } from './database/MetricStore';
export type { StoredMetric } from './database/MetricStore';
export { MetricService } from './metrics/MetricService';
export type { EntityLookup } from './metrics/MetricService';
export { importMetricCsv, MetricFileError } from './metrics/csvImport';
export type { MetricImportResult } from './metrics/csvImport';
export type { FinopsConfig, SourceConfig } from './config';
export { generateDemoData, writeDemoData } from './demo';
export type {
  DemoAccountEntry,
  DemoCloudPlacement,
  DemoInferenceEntry,
  DemoKubernetesEntry,
  DemoLlmEntry,
  DemoMalformedEntry,
  DemoMapping,
  DemoResourceIdEntry,
  DemoTagEntry,
  DemoUnattributedEntry,
} from './demo';
export type { DemoAnomaly, DemoDataOptions, DemoDataResult } from './demo';
export {
  attribute,
  CatalogFileError,
  entityRefOf,
  loadAttributionInput,
  normalizeEntityRef,
  parseCatalogYaml,
  readCatalogFiles,
  readFinopsConfigFiles,
  readRelations,
  toAttributionReport,
} from './attribution';
export type {
  AttributionAmount,
  AttributionConfig,
  AttributionGroup,
  AttributionInput,
  AttributionOverride,
  AttributionResult,
  EntityRelations,
  GroupAttribution,
  LoadAttributionOptions,
  LoadedAttributionInput,
} from './attribution';
export { rollupMembers } from './attribution';
