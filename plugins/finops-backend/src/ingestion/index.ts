export {
  CostAggregator,
  CurrencyTotals,
  MAX_RECORDED_REJECTIONS,
} from './aggregate';
export type { DailyFact, FactGroup } from './aggregate';
export { IngestionService } from './IngestionService';
export type { IngestionLogger, ProgressListener } from './IngestionService';
export {
  CostFileError,
  readCostFile,
  readCostFiles,
  resolveFiles,
} from './reader';
export type { ReadCostFilesOptions } from './reader';
export { builtinFileSourceTypes, createFileSourceType } from './fileSources';
export { BUILTIN_FORMATS } from './formats';
export type { CostFileFormat, RowMapper } from './formats';
