export { AttributionStore } from './AttributionStore';
export type {
  AllocationRow,
  AttributionChange,
  AttributionRunRecord,
  FactRow,
  GroupDetails,
  StoredEvidence,
  StoredOverride,
} from './types';
export { SupersededRunError } from './operations/results';
export type { SharedAllocation } from './operations/shared';
