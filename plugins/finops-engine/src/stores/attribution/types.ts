import type {
  AttributionEvidence,
  AttributionMethod,
} from '@costwise/plugin-finops-common';
import type { AttributionGroup, AttributionOverride } from '../../model';

/**
 * One stored allocation: a fact group's cost on one day attributed to one entity.
 *
 * @public
 */
export interface AllocationRow {
  currency: string;
  day: string;
  billingPeriod: string;
  groupId: string;
  entityRef: string;
  method: AttributionMethod;
  confidence: number;
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  contractedCost: string;
  /** For a `shared` allocation: the shared Resource it came through. */
  sharedFrom?: string;
}

/**
 * A daily fact as attribution reads it.
 *
 * @public
 */
export interface FactRow {
  day: string;
  billingPeriod: string;
  groupId: string;
  currency: string;
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  contractedCost: string;
}

/**
 * A recorded attribution run.
 *
 * @public
 */
export interface AttributionRunRecord {
  id: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed';
  error?: string;
  startedAt: string;
  finishedAt?: string;
  catalogFingerprint?: string;
  report: Record<string, unknown>;
}

/**
 * How much cost moved to or from an entity in a run.
 *
 * @public
 */
export interface AttributionChange {
  runId: string;
  createdAt: string;
  currency: string;
  entityRef: string;
  previous: string;
  current: string;
  delta: string;
  reason: string;
}

/**
 * An override rule as stored.
 *
 * @public
 */
export interface StoredOverride extends AttributionOverride {
  createdBy: string;
  createdAt: string;
  note?: string;
}

/**
 * A fact group's dimensions, for views.
 *
 * @public
 */
export interface GroupDetails extends AttributionGroup {
  serviceCategory?: string;
  region?: string;
  pricingCategory?: string;
  skuId?: string;
  consumedUnit?: string;
  currency: string;
}

/**
 * A fact group as the store reads it: the dimensions views read, and those
 * only the FOCUS-shaped export shows (so that every reader of the store,
 * the CLI's included, exports the same columns).
 *
 * @public
 */
export interface StoredGroup extends GroupDetails {
  /** FOCUS SubAccountName, where the export has it. */
  subAccountName?: string;
  /** FOCUS ResourceType, where the export has it. */
  resourceType?: string;
  /** FOCUS CommitmentDiscountId, where the export has it. */
  commitmentId?: string;
}

/**
 * One allocation's evidence, once per fact group, entity and method.
 *
 * @public
 */
export interface StoredEvidence {
  groupId: string;
  entityRef: string;
  method: AttributionMethod;
  evidence: AttributionEvidence;
}

/** A value read from a nullable column. */
export function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}
