import type {
  AnnotationWarning,
  AttributionEvidence,
  AttributionMethod,
  ContestedClaim,
  CostMeasure,
} from '@costwise/plugin-finops-common';

/**
 * What an attribution run found, kept with the run for the coverage and
 * entity views.
 *
 * @public
 */
export interface AttributionRunReport {
  /** Per currency, in the run's measure. */
  currencies: Record<
    string,
    { total: string; attributed: string; unattributed: string }
  >;
  measure: CostMeasure;
  warnings: AnnotationWarning[];
  conflicts: {
    groupId: string;
    entities: string[];
    method: AttributionMethod;
    amount: string;
    currency: string;
  }[];
  suggestions: {
    groupId: string;
    entity: string;
    confidence: number;
    amount: string;
    currency: string;
    evidence: AttributionEvidence;
  }[];
  /** Claims held until an admin decides, summed over the days, per fact group and claimant. */
  contested?: (Omit<ContestedClaim, 'period'> & { currency: string })[];
  /** Direct cost per entity and currency over all data, in the run's measure. */
  entityTotals: Record<string, Record<string, string>>;
  /** A fingerprint of each entity's cost-relevant fields, to explain changes. */
  entityFingerprints: Record<string, string>;
  facts: number;
  allocations: number;
}
