/**
 * Result shapes of cost attribution, shared by the backend, its API, the CLI
 * and the frontend. Amounts are generic so that the engine can carry exact
 * `Decimal`s while the wire format carries exact decimal strings.
 */

/**
 * How an amount reached an entity, in order of precedence (`shared` is not a
 * matching level: it is the hop from a shared Resource to its dependents).
 *
 * @public
 */
export const ATTRIBUTION_METHODS = [
  'resource-id',
  'override',
  'tags',
  'kubernetes',
  'llm',
  'accounts',
  'inference',
  'shared',
] as const;

/** One of {@link ATTRIBUTION_METHODS}. @public */
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];

/**
 * Why an amount was attributed: which rule or annotation on which entity,
 * the selector text, the values of the fact that matched it, and how sure
 * the engine is.
 *
 * @public
 */
export interface AttributionEvidence {
  method: AttributionMethod;
  /** The entity whose annotation matched, or the target of an override rule. */
  entityRef: string;
  /** The annotation key that matched, e.g. `costwise.dev/tags`. */
  annotation?: string;
  /** The override rule that matched. */
  ruleId?: string;
  /** The selector text: an id pattern, a `k=v,k=v` group, a policy. */
  selector: string;
  /** The fact's values that matched, e.g. `{ "tag:application": "checkout" }`. */
  matched: Record<string, string>;
  /** 1 for explicit rules; the inference score for inferred matches. */
  confidence: number;
  /** For `shared`: how the cost reached the shared Resource in the first place. */
  source?: AttributionEvidence;
  /** A remark on how the amount was split, e.g. a fallback to an even split. */
  note?: string;
}

/**
 * A part of a fact group's cost attributed to one entity.
 *
 * @public
 */
export interface AttributionAllocation<M = string> {
  entity: string;
  amount: M;
  method: AttributionMethod;
  confidence: number;
  evidence: AttributionEvidence;
}

/**
 * A weak inferred match, below the configured confidence: a candidate owner
 * for a fact group that nothing attributed.
 *
 * @public
 */
export interface AttributionSuggestion<M = string> {
  groupId: string;
  period?: string;
  entity: string;
  confidence: number;
  amount: M;
  evidence: AttributionEvidence;
}

/**
 * A true tie between entities at the same precedence level and specificity;
 * the amount was split evenly among them.
 *
 * @public
 */
export interface AttributionConflict<M = string> {
  groupId: string;
  period?: string;
  method: AttributionMethod;
  entities: string[];
  amount: M;
  evidence: AttributionEvidence[];
}

/**
 * A claim on a fact group's cost that attribution holds instead of applying:
 * the claiming entity's owner is not the group that owns the cost's account
 * (`finops.attribution.accountOwners`), or the claim would take cost from an
 * entity whose cost is restricted to its owners. The cost stays where the
 * other rules put it until an admin confirms the claim (an override) or
 * rejects it.
 *
 * @public
 */
export interface ContestedClaim<M = string> {
  groupId: string;
  period?: string;
  /** The entity that claims the cost. */
  entity: string;
  /** Its owner, when it has one. */
  owner?: string;
  reason: 'account-owner' | 'restricted-entity';
  /** The account's owner, or the restricted entity the cost would leave. */
  holder: string;
  /** Where the cost went instead (empty: unattributed). */
  attributedTo: string[];
  amount: M;
  evidence: AttributionEvidence;
}

/**
 * A malformed annotation (or override rule), ignored by attribution.
 *
 * @public
 */
export interface AnnotationWarning {
  entity: string;
  annotation: string;
  message: string;
}

/**
 * An entity's attributed cost: `direct` is what was attributed to it,
 * `total` adds what rolls up to it through the catalog (System members,
 * a Domain's systems, everything a Group owns and its child groups).
 *
 * @public
 */
export interface EntityCost<M = string> {
  entity: string;
  direct: M;
  total: M;
  /** The direct amount by method. */
  methods: Partial<Record<AttributionMethod, M>>;
}

/**
 * A fact group's cost that no rule attributed.
 *
 * @public
 */
export interface UnattributedCost<M = string> {
  groupId: string;
  period?: string;
  amount: M;
}
