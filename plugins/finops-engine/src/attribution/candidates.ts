import type {
  AttributionEvidence,
  AttributionMethod,
} from '@costwise/plugin-finops-common';
import { compareSpecificity } from './patterns';

/** What a rule says about where its matches go, before any fact is seen. */
export interface RuleSource {
  entity: string;
  method: AttributionMethod;
  annotation?: string;
  ruleId?: string;
  selector: string;
}

/** One entity a fact group matched at some level. */
export interface Candidate {
  entity: string;
  /** Compared element by element; the greatest wins. */
  specificity: number[];
  evidence: AttributionEvidence;
}

export function candidate(
  rule: RuleSource,
  specificity: number[],
  matched: Record<string, string>,
  confidence = 1,
): Candidate {
  const evidence: AttributionEvidence = {
    method: rule.method,
    entityRef: rule.entity,
    selector: rule.selector,
    matched,
    confidence,
  };
  if (rule.annotation) evidence.annotation = rule.annotation;
  if (rule.ruleId) evidence.ruleId = rule.ruleId;
  return { entity: rule.entity, specificity, evidence };
}

/**
 * The most specific candidates, one per entity (an entity matched twice at
 * the same specificity keeps its first evidence). More than one entity back
 * means a true tie.
 */
export function mostSpecific(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= 1) return candidates;
  let best: Candidate[] = [];
  for (const c of candidates) {
    const cmp =
      best.length === 0
        ? 1
        : compareSpecificity(c.specificity, best[0].specificity);
    if (cmp > 0) best = [c];
    else if (cmp === 0 && !best.some(b => b.entity === c.entity)) best.push(c);
  }
  return best;
}
