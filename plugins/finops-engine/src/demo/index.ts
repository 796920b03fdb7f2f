export {
  demoDataChanges,
  demoDataResources,
  demoDataEnd,
  demoDataLlmUsage,
  generateDemoData,
  writeDemoData,
} from './generateDemoData';
export type { DemoDataOptions, DemoDataResult } from './generateDemoData';
export type { DemoAnomaly } from './anomalies';
export type { DemoLlmUsage } from './llmUsage';
export type { DemoChange } from './changes';
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
} from './types';
export { generateDemoMetrics } from './metrics';
export { demoMetricsStore } from './storeMetrics';
export type { DemoMetricDeps } from './storeMetrics';
export { seedDemoRecommendations } from './recommendations';
