import { ConflictError } from '@backstage/errors';
import { Decimal } from '@costwise/plugin-finops-common';
import { ExactSum, FactGroup } from '../model';
import type { CostStore } from '../model';
import type { PeriodFacts } from './aggregate';

/**
 * A replacement refused because it would shrink a billing period a source
 * already stored by more than the allowed share: a half-written export, or
 * a month with only some of its files, would otherwise replace a whole
 * month. Nothing is stored.
 *
 * @public
 */
export class ShrinkError extends ConflictError {
  // answered as a conflict with the stored data (409), as ConflictErrors are
  readonly shrink = true;
}

/**
 * Checks each billing period of a replacement against what the source
 * stored for it: per currency, the new BilledCost total may not be smaller
 * in magnitude than `(1 - maxShrink)` of the stored one.
 */
export async function checkShrink(options: {
  store: Pick<CostStore, 'storedTotals'>;
  sourceId: string;
  periods: Map<string, PeriodFacts>;
  groups: Map<string, FactGroup>;
  maxShrink: number;
}): Promise<void> {
  const { store, sourceId, periods, groups, maxShrink } = options;
  const floor = Decimal.fromNumber(1 - maxShrink);
  const problems: string[] = [];
  for (const [period, { facts }] of periods) {
    const stored = await store.storedTotals(sourceId, [period]);
    if (Object.keys(stored).length === 0) continue;
    const fresh = new Map<string, ExactSum>();
    for (const fact of facts) {
      const currency = groups.get(fact.keyHash)?.currency ?? '';
      let sum = fresh.get(currency);
      if (!sum) fresh.set(currency, (sum = new ExactSum()));
      sum.addSum(fact.billedCost);
    }
    for (const [currency, totals] of Object.entries(stored)) {
      const before = Decimal.parse(totals.BilledCost).abs();
      if (before.isZero()) continue;
      const after = (fresh.get(currency)?.toDecimal() ?? Decimal.ZERO).abs();
      // after < before × (1 - maxShrink), compared exactly
      if (after.compare(limitOf(before, floor)) < 0) {
        const drop = 1 - after.toNumber() / before.toNumber();
        problems.push(
          `${period} ${currency}: BilledCost would drop from ${before} to ${after} (${Math.round(
            drop * 100,
          )}%)`,
        );
      }
    }
  }
  if (problems.length > 0)
    throw new ShrinkError(
      `Refusing to replace what source '${sourceId}' stored: ${problems.join(
        '; ',
      )}, more than finops.ingestion.maxShrink (${Math.round(
        maxShrink * 100,
      )}%) allows. An export may be half written, or a month may lack some of its files. Nothing was stored; ingest again with --allow-shrink (CLI) or allowShrink=true (POST /api/finops/sources/{id}/ingest) if the smaller total is right.`,
    );
}

/** `value × factor`, exactly, for a factor with a few decimals. */
function limitOf(value: Decimal, factor: Decimal): Decimal {
  const scaled = factor.units;
  return Decimal.fromUnits(value.units * scaled, value.scale + factor.scale);
}
