export {
  CostAggregator,
  DEFAULT_MAX_FACT_GROUPS,
  MAX_RECORDED_REJECTIONS,
  TooManyGroupsError,
} from './aggregate';
export type { AggregatePart, FactColumns, PeriodFacts } from './aggregate';
export { aggregateRecords } from './parallel';
export type { FileReading, ParallelReadOptions } from './parallel';
export { IngestionService } from './IngestionService';
export type { ProgressListener } from './IngestionService';
export {
  CostFileError,
  readCostFile,
  readCostFileBatches,
  readCostFiles,
  resolveFiles,
} from './reader';
export type {
  CostRecordBatches,
  FileSelection,
  ReadCostFilesOptions,
} from './reader';
export { builtinFileSourceTypes, createFileSourceType } from './fileSources';
export type { FileSourceOptions } from './fileSources';
export { BUILTIN_FORMATS } from './formats';
export { DEFAULT_CSV_LIMITS } from './csv';
export type { CsvLimits } from './csv';
export type { CostFileFormat, RowMapper } from './formats';
export { ShrinkError } from './shrink';
