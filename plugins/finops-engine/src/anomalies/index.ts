export { episodesOf, flagDays, trimmedScaleInPlace } from './detector';
export type {
  DayRange,
  DetectorSettings,
  Episode,
  FlaggedDay,
  SeriesFeedback,
} from './detector';
export { passAnomalyData, storedAnomalyData } from './data';
export type { AnomalyData, AnomalyGroup } from './data';
export { detectAnomalies, detectorSettings } from './detect';
export type {
  AnomalyDetection,
  AnomalyDetectionOptions,
  DetectedAnomaly,
} from './detect';
export { seriesKey } from './series';
export { dayWithWeekday, formatAmount } from './wording';
export { AnomalyService } from './AnomalyService';
export type { AnomalyRun } from './AnomalyService';
export {
  ANOMALY_ENGINE_ACTOR,
  ANOMALY_TRANSITIONS,
  anomalyKey,
  anomalyResponseOf,
  anomalyView,
} from './lifecycle';
