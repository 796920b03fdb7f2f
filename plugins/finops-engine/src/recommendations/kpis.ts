import {
  Decimal,
  OPEN_RECOMMENDATION_STATUSES,
  RecommendationKpis,
} from '@costwise/plugin-finops-common';
import { eachMonth } from '../model';
import { quantile } from '../queries/unitEconomics/stats';
import type { StoredRecommendation } from '../stores';

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  // instants, not days
  // one decimal: a recommendation acted on within hours is not "0 days"
  return Math.round(((Date.parse(to) - Date.parse(from)) / DAY_MS) * 10) / 10;
}

function medianAndP90(values: number[]): {
  median: number | null;
  p90: number | null;
} {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v: number | null) =>
    v === null ? null : Math.round(v * 10) / 10;
  return {
    median: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
  };
}

function ratio(part: Decimal, whole: Decimal): number | null {
  if (whole.isZero()) return null;
  return Number(part.divide(whole, 6).toString());
}

const dayOf = (instant: string) => instant.slice(0, 10);

/**
 * The recommendation KPIs of a set of recommendations over `from`..`to`
 * (days, both included): of those first seen in the period, how many were
 * implemented (of all that did not expire, by count and by estimated
 * saving), how long it took to implement and to first respond (median and
 * 90th percentile, in days), the open backlog now, and estimated against
 * realized savings, per month too. Amounts are summed exactly, in
 * `currency` (recommendations in another currency are left out of sums).
 *
 * @public
 */
export function recommendationKpis(
  recommendations: StoredRecommendation[],
  query: { from: string; to: string; currency: string },
): RecommendationKpis {
  const { from, to, currency } = query;
  const inPeriod = recommendations.filter(r => {
    const day = dayOf(r.firstSeen);
    return day >= from && day <= to;
  });
  const saving = (r: StoredRecommendation) =>
    r.currency === currency
      ? Decimal.parse(r.estimatedMonthlySavings)
      : Decimal.ZERO;
  const realized = (r: StoredRecommendation) =>
    r.currency === currency &&
    r.verification?.status === 'verified' &&
    r.verification.realizedMonthlySavings
      ? Decimal.parse(r.verification.realizedMonthlySavings)
      : Decimal.ZERO;

  const summarize = (set: StoredRecommendation[]) => {
    const counted = set.filter(r => r.status !== 'expired');
    const implemented = counted.filter(r => r.status === 'implemented');
    return {
      opened: set.length,
      implemented: implemented.length,
      actionedRate: counted.length ? implemented.length / counted.length : null,
      actionedRateBySavings: ratio(
        Decimal.sum(implemented.map(saving)),
        Decimal.sum(counted.map(saving)),
      ),
      estimated: Decimal.sum(implemented.map(saving)),
      realized: Decimal.sum(implemented.map(realized)),
      implementedList: implemented,
    };
  };
  const whole = summarize(inPeriod);
  const backlog = recommendations.filter(r =>
    OPEN_RECOMMENDATION_STATUSES.includes(r.status),
  );

  const months = eachMonth(from, to).map(month => {
    const opened = inPeriod.filter(r => r.firstSeen.slice(0, 7) === month);
    const m = summarize(opened);
    const implementedInMonth = recommendations.filter(
      r => r.status === 'implemented' && r.implementedAt?.slice(0, 7) === month,
    );
    return {
      month,
      opened: opened.length,
      implemented: implementedInMonth.length,
      actionedRate: m.actionedRate,
      realizedSavings: Decimal.sum(implementedInMonth.map(realized)).toFixed(2),
    };
  });

  return {
    from,
    to,
    currency,
    opened: whole.opened,
    implemented: whole.implemented,
    actionedRate: whole.actionedRate,
    actionedRateBySavings: whole.actionedRateBySavings,
    timeToImplementDays: medianAndP90(
      whole.implementedList.map(r =>
        daysBetween(r.firstSeen, r.implementedAt!),
      ),
    ),
    timeToFirstResponseDays: medianAndP90(
      inPeriod
        .filter(r => r.firstResponseAt)
        .map(r => daysBetween(r.firstSeen, r.firstResponseAt!)),
    ),
    backlog: {
      count: backlog.length,
      monthlySavings: Decimal.sum(backlog.map(saving)).toFixed(2),
    },
    estimatedSavingsImplemented: whole.estimated.toFixed(2),
    realizedSavings: whole.realized.toFixed(2),
    months,
  };
}
