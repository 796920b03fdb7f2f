import type { CostMeasure } from '../types';
import type {
  AnnotationWarning,
  AttributionEvidence,
  AttributionMethod,
  EntityCost,
} from './types';

/**
 * Suggestions of one candidate entity for the same evidence, summed over the
 * fact groups they concern.
 *
 * @public
 */
export interface AttributionReportSuggestion {
  entity: string;
  confidence: number;
  amount: string;
  evidence: AttributionEvidence;
}

/**
 * Ties between the same entities on the same selectors, summed over the fact
 * groups they concern.
 *
 * @public
 */
export interface AttributionReportConflict {
  method: AttributionMethod;
  entities: string[];
  amount: string;
  evidence: AttributionEvidence[];
}

/**
 * The summary of one attribution run for one measure and currency, as
 * `costwise attribute --json` prints it. `total` equals the sum of every
 * entity's `direct` plus `unattributed`, exactly.
 *
 * @public
 */
export interface AttributionReport {
  measure: CostMeasure;
  currency: string;
  total: string;
  unattributed: string;
  /** Attributed share of the cost, 0 to 1. */
  coverage: number;
  entities: EntityCost[];
  suggestions: AttributionReportSuggestion[];
  conflicts: AttributionReportConflict[];
  warnings: AnnotationWarning[];
}
