import {
  AttributionReport,
  AttributionReportConflict,
  AttributionReportSuggestion,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import type { AttributionResult } from './types';

/** Share of the gross cost that was attributed, 0 to 1. */
function coverage(result: AttributionResult): number {
  // absolute amounts, so that an unattributed credit cannot push coverage above 1
  let gross = Decimal.ZERO;
  let unattributed = Decimal.ZERO;
  const abs = (d: Decimal) => (d.isNegative() ? d.negate() : d);
  for (const ga of result.attributed) gross = gross.add(abs(ga.amount));
  for (const u of result.unattributed)
    unattributed = unattributed.add(abs(u.amount));
  gross = gross.add(unattributed);
  if (gross.isZero()) return 1;
  const share = 1 - unattributed.toNumber() / gross.toNumber();
  return Math.round(share * 10000) / 10000;
}

function summed<T extends { amount: Decimal }>(
  items: T[],
  keyOf: (item: T) => string,
) {
  const out = new Map<string, { first: T; amount: Decimal }>();
  for (const item of items) {
    const key = keyOf(item);
    const found = out.get(key);
    if (found) found.amount = found.amount.add(item.amount);
    else out.set(key, { first: item, amount: item.amount });
  }
  return [...out.values()].sort((a, b) => b.amount.compare(a.amount));
}

/**
 * The summary of an attribution run that `costwise attribute --json` prints:
 * suggestions and conflicts summed over the fact groups with the same
 * entities and evidence, exact amounts as strings.
 *
 * @public
 */
export function toAttributionReport(
  result: AttributionResult,
  options: { measure: CostMeasure; currency: string },
): AttributionReport {
  const suggestions: AttributionReportSuggestion[] = summed(
    result.suggestions,
    s => `${s.entity}\u0000${JSON.stringify(s.evidence)}`,
  ).map(({ first, amount }) => ({
    entity: first.entity,
    confidence: first.confidence,
    amount: amount.toString(),
    evidence: first.evidence,
  }));
  const conflicts: AttributionReportConflict[] = summed(result.conflicts, c =>
    JSON.stringify([
      c.method,
      c.entities,
      c.evidence.map(e => [e.annotation, e.ruleId, e.selector]),
    ]),
  ).map(({ first, amount }) => ({
    method: first.method,
    entities: first.entities,
    amount: amount.toString(),
    evidence: first.evidence,
  }));
  return {
    measure: options.measure,
    currency: options.currency,
    total: result.total.toString(),
    unattributed: result.unattributedTotal.toString(),
    coverage: coverage(result),
    entities: result.entities.map(e => ({
      entity: e.entity,
      direct: e.direct.toString(),
      total: e.total.toString(),
      methods: Object.fromEntries(
        Object.entries(e.methods).map(([method, amount]) => [
          method,
          amount!.toString(),
        ]),
      ),
    })),
    suggestions,
    conflicts,
    warnings: result.warnings,
  };
}
