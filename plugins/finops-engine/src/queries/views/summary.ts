import {
  AnnotationWarning,
  CostDriver,
  CostMeasure,
  Decimal,
  EntityCostSummary,
  SourceFreshness,
} from '@costwise/plugin-finops-common';
import {
  addDays,
  daysBetween,
  eachDay,
  monthEnd,
  monthStart,
  previousMonthStart,
} from '../../model';
import type { AttributionStore, GroupDetails } from '../../stores';
import {
  amountOf,
  emptyReason,
  ratio,
  sumBy,
  sumContext,
  ViewDefaults,
} from './context';
import { monthEndForecast } from './forecast';
import type { Scope } from './scope';

/**
 * The entity's cost card: month to date, last month, the change against
 * the same days of last month, the forecast, the last 30 days and their
 * drivers and attribution methods.
 */
export async function computeSummary(
  store: Pick<AttributionStore, 'rollupSums' | 'sumAllocations' | 'loadGroups'>,
  defaults: ViewDefaults,
  scope: Scope,
  query: {
    measure?: CostMeasure;
    asOf: string;
    freshness: SourceFreshness[];
    warnings: AnnotationWarning[];
  },
): Promise<EntityCostSummary> {
  const { entity } = scope;
  const { asOf, freshness, warnings } = query;
  const from =
    previousMonthStart(asOf) < addDays(asOf, -30)
      ? previousMonthStart(asOf)
      : addDays(asOf, -30);
  const last30From = addDays(asOf, -29);
  const ctx = await sumContext(store, defaults, scope, {
    measure: query.measure,
    from,
    to: asOf,
    groupings: [
      { by: ['day'] },
      { by: ['groupId', 'method'], from: last30From },
    ],
  });
  const [days, last30] = ctx.sums;
  const byDay = sumBy(days, r => r.day!, amountOf);
  const sumDays = (a: string, b: string) => {
    let total = Decimal.ZERO;
    for (const [day, value] of byDay)
      if (day >= a && day <= b) total = total.add(value);
    return total;
  };
  const mtdStart = monthStart(asOf);
  const monthToDate = sumDays(mtdStart, asOf);
  const lastStart = previousMonthStart(asOf);
  const lastEnd = monthEnd(lastStart);
  const lastMonth = sumDays(lastStart, lastEnd);
  const sameDaysEnd = addDays(
    lastStart,
    Math.min(daysBetween(mtdStart, asOf), daysBetween(lastStart, lastEnd)),
  );
  const sameDays = sumDays(lastStart, sameDaysEnd);
  const changeAmount = monthToDate.sub(sameDays);

  const last30Total = Decimal.sum(last30.map(amountOf));
  const groups = new Map(
    (await store.loadGroups([...new Set(last30.map(r => r.groupId!))])).map(
      g => [g.id, g],
    ),
  );
  const drivers = (
    dimension: CostDriver['dimension'],
    keyOf: (g: GroupDetails) => [string, string],
  ) =>
    [
      ...sumBy(
        last30,
        r => keyOf(groups.get(r.groupId!)!).join('\u0001'),
        amountOf,
      ),
    ]
      .sort((a, b) => b[1].compare(a[1]))
      .slice(0, 5)
      .map(([k, v]) => {
        const [key, label] = k.split('\u0001');
        return {
          dimension,
          key,
          label,
          amount: v.toString(),
          share: ratio(v, last30Total),
        };
      });
  const byMethod = sumBy(last30, r => r.method!, amountOf);
  const inferred = byMethod.get('inference') ?? Decimal.ZERO;

  return {
    entityRef: ctx.ref,
    measure: ctx.measure,
    currency: ctx.currency,
    asOf,
    monthToDate: monthToDate.toString(),
    lastMonth: lastMonth.toString(),
    change: {
      amount: changeAmount.toString(),
      ratio: sameDays.isZero()
        ? null
        : changeAmount.toNumber() / sameDays.toNumber(),
    },
    forecast: monthEndForecast(byDay, monthToDate, asOf),
    sparkline: eachDay(last30From, asOf).map(date => ({
      date,
      amount: (byDay.get(date) ?? Decimal.ZERO).toString(),
    })),
    topDrivers: [
      ...drivers('service', g => [g.serviceName, g.serviceName]),
      ...drivers('resource', g => [
        g.resourceId ?? g.resourceName ?? `${g.serviceName} (no resource id)`,
        g.resourceName ?? g.resourceId ?? g.serviceName,
      ]),
    ],
    confidence: {
      byMethod: Object.fromEntries(
        [...byMethod].map(([k, v]) => [k, v.toString()]),
      ),
      explicitShare: last30Total.isZero()
        ? 0
        : 1 - ratio(inferred, last30Total),
      warnings: warnings.length,
    },
    warnings,
    freshness,
    hiddenMembers: ctx.hidden,
    empty: ctx.hasData
      ? undefined
      : emptyReason(entity, warnings, ctx.members.size > 1),
  };
}
