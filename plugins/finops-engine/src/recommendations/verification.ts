import {
  CostMeasure,
  Decimal,
  RecommendationVerification,
} from '@costwise/plugin-finops-common';
import { addDays } from '../model';
import type { RecommendationStore, StoredRecommendation } from '../stores';

/** `amount × factor`, exactly (the factor as it prints). @public */
export function timesFactor(amount: Decimal, factor: number): Decimal {
  const text = Decimal.fromNumber(factor).toString();
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const scaled = amount.mulInt(BigInt(`${whole}${fraction}`));
  const product = fraction
    ? scaled.divide(Decimal.parse(`1${'0'.repeat(fraction.length)}`), 12)
    : scaled;
  return factor < 0 ? product.negate() : product;
}

/** What verifying a saving reads and how it decides. */
export interface VerificationDeps {
  store: Pick<RecommendationStore, 'resourceDailyCost'>;
  measure: CostMeasure;
  /** Days compared before and after it was implemented. */
  verifyDays: number;
  /** The share of the estimate the realized saving must reach. */
  verifiedShare: number;
}

/**
 * Whether an implemented recommendation's saving shows in its resource's
 * cost: the `verifyDays` days before the day it was implemented against the
 * days after, once the cost data (up to `asOf`) covers them; exact.
 */
export async function verifySaving(
  deps: VerificationDeps,
  rec: StoredRecommendation,
  at: { asOf: string; checkedAt: string },
): Promise<RecommendationVerification> {
  const days = deps.verifyDays;
  const { checkedAt } = at;
  const implemented = rec.implementedAt!.slice(0, 10);
  if (!rec.resourceId)
    return {
      status: 'pending',
      days,
      checkedAt,
      message:
        'The recommendation names no resource, so its saving cannot be read from the cost data',
    };
  const afterTo = addDays(implemented, days);
  if (at.asOf < afterTo)
    return {
      status: 'pending',
      days,
      checkedAt,
      message: `Verified once the cost data reaches ${afterTo} (${days} days after it was implemented)`,
    };
  const beforeFrom = addDays(implemented, -days);
  const beforeTo = addDays(implemented, -1);
  const daily =
    (
      await deps.store.resourceDailyCost([rec.resourceId], {
        from: beforeFrom,
        to: afterTo,
        measure: deps.measure,
        currency: rec.currency,
      })
    ).get(rec.resourceId) ?? new Map<string, Decimal>();
  let before = Decimal.ZERO;
  let after = Decimal.ZERO;
  for (const [day, amount] of daily) {
    if (day <= beforeTo) before = before.add(amount);
    else if (day > implemented) after = after.add(amount);
  }
  const realized = before
    .sub(after)
    .mulInt(30)
    .divide(Decimal.parse(String(days)), 2);
  const estimate = Decimal.parse(rec.estimatedMonthlySavings);
  const needed = timesFactor(estimate, deps.verifiedShare);
  const verified = estimate.isZero()
    ? realized.compare(Decimal.ZERO) > 0
    : realized.compare(needed) >= 0;
  const seen = `The resource cost ${before.toFixed(
    2,
  )} in the ${days} days before and ${after.toFixed(
    2,
  )} in the ${days} days after: ${realized.toFixed(2)} ${rec.currency} a month`;
  return {
    status: verified ? 'verified' : 'not-realized',
    days,
    before: before.toString(),
    after: after.toString(),
    realizedMonthlySavings: realized.toFixed(2),
    checkedAt,
    message: verified
      ? `${seen} saved`
      : `${seen}, less than ${Math.round(
          deps.verifiedShare * 100,
        )}% of the ${estimate.toFixed(2)} estimated`,
  };
}
