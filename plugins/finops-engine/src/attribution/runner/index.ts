export { AttributionRunner } from './AttributionRunner';
export type {
  AttributionRunnerOptions,
  AttributionRunSummary,
  EntitySource,
} from './AttributionRunner';
export { attributeFacts, attributeStoredFacts } from './compute';
export type {
  AllocationEvidence,
  AttributionPass,
  AttributionPassInput,
  FactRange,
} from './compute';
export { catalogFingerprint } from './fingerprint';
export type { AttributionRunReport } from './report';
export { pairMoves } from './moves';
export type { AttributionMove } from './moves';
export { largestCurrency, summarizeAttribution } from './summary';
