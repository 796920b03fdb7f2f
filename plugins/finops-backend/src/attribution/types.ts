import type { Entity } from '@backstage/catalog-model';
import type {
  AnnotationWarning,
  AttributionAllocation,
  AttributionConflict,
  AttributionSuggestion,
  Decimal,
  EntityCost,
  UnattributedCost,
} from '@costwise/plugin-finops-common';
import type { AttributionSignal } from '@costwise/plugin-finops-node';

/**
 * A fact group as attribution sees it: its id in the store and the
 * dimensions rules match on, with its tags as ingested (not normalized).
 * Signals receive it as an `AttributionFactGroup` of
 * `@costwise/plugin-finops-node`, which must stay assignable from it.
 *
 * @public
 */
export interface AttributionGroup {
  id: string;
  provider: string;
  billingAccountId: string;
  subAccountId?: string;
  serviceName: string;
  resourceId?: string;
  resourceName?: string;
  chargeCategory?: string;
  commitmentStatus?: string;
  tags: Record<string, string>;
}

/**
 * The exact amount of one fact group in one billing period. Without a
 * period, all amounts count as one period.
 *
 * @public
 */
export interface AttributionAmount {
  groupId: string;
  period?: string;
  amount: Decimal;
}

/**
 * An administrator's rule, applied at the resource-id level: every given
 * condition must hold. `account` and `resourceIdPattern` accept `*`.
 *
 * @public
 */
export interface AttributionOverride {
  id: string;
  match: {
    /** Billing account or sub account id. */
    account?: string;
    /** ServiceName, compared case-insensitively. */
    service?: string;
    resourceIdPattern?: string;
    tags?: Record<string, string>;
  };
  entityRef: string;
}

/**
 * The attribution settings of the `finops:` config.
 *
 * @public
 */
export interface AttributionConfig {
  tagKeyAliases: Record<string, string>;
  inferenceTagKeys: string[];
  inferenceMinConfidence: number;
}

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
  warnings: AnnotationWarning[];
  /** Per entity, sorted by ref; entities without any cost are included. */
  entities: EntityCost<Decimal>[];
  total: Decimal;
  attributedTotal: Decimal;
  unattributedTotal: Decimal;
}
