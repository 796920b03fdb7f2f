export { AttributionStore } from './AttributionStore';
export type {
  AllocationRow,
  AttributionChange,
  AttributionRunRecord,
  FactRow,
  GroupDetails,
  StoredEvidence,
  StoredGroup,
  StoredOverride,
} from './types';
export { SupersededRunError } from './operations/results';
export type { SharedAllocation } from './operations/shared';
