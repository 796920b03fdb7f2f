import { AttributionReport, Decimal } from '@costwise/plugin-finops-common';
import { toAttributionReport } from '../report';
import type { AttributionPass } from './compute';

/**
 * The currency a summary shows by default: the one with the largest total
 * (ties by code); undefined when the pass saw no facts.
 *
 * @public
 */
export function largestCurrency(pass: AttributionPass): string | undefined {
  return Object.entries(pass.report.currencies)
    .map(([currency, t]) => [currency, Decimal.parse(t.total)] as const)
    .sort(([a, x], [b, y]) => y.compare(x) || a.localeCompare(b))[0]?.[0];
}

/**
 * The summary `costwise attribute --json` prints, of one currency of an
 * attribution pass (default: {@link largestCurrency}), in the pass's
 * measure: every entity's direct and total cost, the unattributed amount,
 * coverage, suggestions, conflicts and warnings. Its amounts are the sums of
 * the daily allocations the backend stores for the same facts.
 *
 * @public
 */
export function summarizeAttribution(
  pass: AttributionPass,
  options: { currency?: string } = {},
): AttributionReport {
  const currency = options.currency ?? largestCurrency(pass);
  const result = (currency && pass.results.get(currency)) || pass.empty;
  return toAttributionReport(result, {
    measure: pass.report.measure,
    currency: currency ?? '',
  });
}
