import type { Entity } from '@backstage/catalog-model';
import type {
  AnnotationWarning,
  AttributionAllocation,
  AttributionConflict,
  AttributionSuggestion,
  ContestedClaim,
  Decimal,
  EntityCost,
  UnattributedCost,
} from '@costwise/plugin-finops-common';
import type { AttributionSignal } from '@costwise/plugin-finops-node';
import type {
  AttributionAmount,
  AttributionConfig,
  AttributionGroup,
  AttributionOverride,
} from '../model';

export type {
  AttributionAmount,
  AttributionConfig,
  AttributionGroup,
  AttributionOverride,
};

/**
 * What attribution works on.
 *
 * @public
 */
export interface AttributionInput {
  entities: Entity[];
  groups: Iterable<AttributionGroup>;
  /** Per group (one period), or per group and billing period. */
  amounts: ReadonlyMap<string, Decimal> | Iterable<AttributionAmount>;
  config?: Partial<AttributionConfig>;
  overrides?: AttributionOverride[];
  /** Extra matching rules from backend modules, each at its precedence level. */
  signals?: readonly AttributionSignal[];
}

/**
 * The attribution of one fact group's amount in one period. The allocations
 * add up exactly to `amount`.
 *
 * @public
 */
export interface GroupAttribution {
  groupId: string;
  period?: string;
  amount: Decimal;
  allocations: AttributionAllocation<Decimal>[];
}

/**
 * Everything one attribution run found. `total` equals the sum of every
 * entity's `direct` plus `unattributedTotal`, exactly.
 *
 * @public
 */
export interface AttributionResult {
  attributed: GroupAttribution[];
  unattributed: UnattributedCost<Decimal>[];
  suggestions: AttributionSuggestion<Decimal>[];
  conflicts: AttributionConflict<Decimal>[];
  /** Claims held until an admin decides: see `ClaimGuard`. */
  contested: ContestedClaim<Decimal>[];
  warnings: AnnotationWarning[];
  /** Per entity, sorted by ref; entities without any cost are included. */
  entities: EntityCost<Decimal>[];
  total: Decimal;
  attributedTotal: Decimal;
  unattributedTotal: Decimal;
}
