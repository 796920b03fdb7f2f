import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';

/**
 * A fact group as attribution signals see it: the dimensions every daily
 * fact of the group shares, with its tags as ingested (not normalized).
 * Signals must not modify it: the same object is matched at every level.
 *
 * @public
 */
export interface AttributionFactGroup {
  readonly id: string;
  readonly provider: string;
  readonly billingAccountId: string;
  readonly subAccountId?: string;
  readonly serviceName: string;
  readonly resourceId?: string;
  readonly resourceName?: string;
  readonly chargeCategory?: string;
  readonly commitmentStatus?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A precedence level of attribution, highest first. A signal is consulted
 * together with the built-in rules of its level; a lower level is only
 * reached when nothing at a higher one matched.
 *
 * @public
 */
export type AttributionSignalLevel =
  | 'resource-id'
  | 'tags'
  | 'kubernetes'
  | 'llm'
  | 'accounts'
  | 'inference';

/**
 * An entity a signal attributes a fact group to.
 *
 * @public
 */
export interface AttributionSignalMatch {
  /** A full entity ref with a kind, e.g. `component:default/checkout`. */
  entityRef: string;
  /**
   * Compared with the built-in matches of the same level, greatest wins, an
   * equal value is a tie (the cost is split and reported as a conflict). The
   * built-in measure per level: `resource-id`, the literal prefix length of
   * the id pattern; `tags`, the number of `key=value` pairs; `kubernetes`,
   * the number of conditions; `llm`, 1; `accounts`, 1 for a sub account and
   * 0 for a billing account; `inference`, the confidence. Where a built-in
   * rule refines that measure (an exact id, a longer wildcard pattern), it
   * wins an otherwise equal comparison.
   */
  specificity: number;
  /** What the signal matched on, shown as the evidence's selector. */
  selector: string;
  /** The fact's values that matched, e.g. `{ "tag:team": "payments" }`. */
  matched: Record<string, string>;
  /**
   * From 0 to 1, default 1. At the `inference` level a match below
   * `finops.attribution.inference.minConfidence` is only a suggestion.
   */
  confidence?: number;
}

/**
 * What a signal can read besides the fact group.
 *
 * @public
 */
export interface AttributionSignalContext {
  /** The catalog entities of this attribution run. */
  readonly entities: readonly Entity[];
}

/**
 * An extra way to attribute cost to catalog entities. The engine calls
 * `match` for fact groups that reach the signal's level, synchronously and
 * often (once per group and measure), so it should index what it needs
 * from `context.entities` once rather than scan them per call. Its evidence
 * carries `annotation: 'signal:<id>'`. A signal that throws or returns
 * malformed matches is reported as a warning on `signal:<id>` and ignored.
 *
 * @public
 */
export interface AttributionSignal {
  /** Unique among the signals of a backend; names the signal in evidence and warnings. */
  id: string;
  /** Where the signal sits in the precedence of attribution. */
  level: AttributionSignalLevel;
  /** The entities the group's cost may go to; none is an empty array. */
  match(
    group: AttributionFactGroup,
    context: AttributionSignalContext,
  ): readonly AttributionSignalMatch[];
}

/**
 * Lets modules add attribution signals to the finops backend.
 *
 * @public
 */
export interface AttributionSignalsExtensionPoint {
  /** Adds signals to every attribution run of the backend. */
  addSignal(...signals: AttributionSignal[]): void;
}

/**
 * The extension point for attribution signals.
 *
 * @public
 */
export const attributionSignalsExtensionPoint =
  createExtensionPoint<AttributionSignalsExtensionPoint>({
    id: 'finops.attribution-signals',
  });
