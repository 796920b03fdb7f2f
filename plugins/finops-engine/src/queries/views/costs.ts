import {
  AnnotationWarning,
  CostGroupBy,
  CostMeasure,
  CostPoint,
  Decimal,
  EntityCosts,
} from '@costwise/plugin-finops-common';
import { eachDay, eachMonth, isPartialMonth } from '../../model';
import type { AllocationSum, AttributionStore } from '../../stores';
import {
  amountOf,
  emptyReason,
  sumBy,
  sumContext,
  ViewDefaults,
} from './context';
import { LimitedRange, outsideMessage } from './ranges';
import { hiddenMembers, Scope } from './scope';

/**
 * What the Costs tab asks for.
 *
 * @public
 */
export interface CostsQuery {
  from: string;
  to: string;
  granularity: 'day' | 'month';
  groupBy: CostGroupBy;
  measure?: CostMeasure;
}

/** A costs query whose range was limited: see `limitRange`. */
type LimitedCostsQuery = CostsQuery & Pick<LimitedRange, 'outside'>;

/** The column a breakdown sums by besides the date. */
function secondKey(
  byGroup: boolean,
  groupBy: CostGroupBy,
): 'groupId' | 'method' | 'entityRef' {
  if (byGroup) return 'groupId';
  return groupBy === 'method' ? 'method' : 'entityRef';
}

/** The entity's cost per day or month, broken down by one dimension. */
export async function computeCosts(
  store: Pick<
    AttributionStore,
    'rollupSums' | 'sumAllocations' | 'loadGroups' | 'memberKeys'
  >,
  defaults: ViewDefaults,
  scope: Scope,
  query: LimitedCostsQuery,
  extra: {
    warnings: AnnotationWarning[];
    suggestions: (currency: string) => Promise<EntityCosts['suggestions']>;
    /** Series kept; the smallest others are summed into `(other)`. */
    maxSeries: number;
  },
): Promise<EntityCosts> {
  const { entity } = scope;
  if (query.outside)
    return {
      entityRef: scope.ref,
      measure: query.measure ?? defaults.measure,
      currency: defaults.currency ?? 'USD',
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      groupBy: query.groupBy,
      series: [],
      totals: [],
      total: '0',
      warnings: extra.warnings,
      hiddenMembers: hiddenMembers(scope.hidden),
      empty: { reason: 'range-outside-data', message: outsideMessage(query) },
    };
  // the series key needs the fact group's dimensions, the method or the entity
  const byMember = ['child', 'team', 'system'].includes(query.groupBy);
  const byGroup = query.groupBy !== 'method' && !byMember;
  const dateKey = query.granularity === 'month' ? 'month' : 'day';
  const ctx = await sumContext(store, defaults, scope, {
    measure: query.measure,
    from: query.from,
    to: query.to,
    groupings: [{ by: [dateKey, secondKey(byGroup, query.groupBy)] }],
  });
  const [rows] = ctx.sums;
  const groups = new Map(
    byGroup
      ? (await store.loadGroups([...new Set(rows.map(r => r.groupId!))])).map(
          g => [g.id, g],
        )
      : [],
  );
  // each member's team or system line
  const lines =
    query.groupBy === 'team' || query.groupBy === 'system'
      ? await store.memberKeys(scope.ref)
      : undefined;
  const keyOf = (r: AllocationSum): string => {
    const g = groups.get(r.groupId!)!;
    switch (query.groupBy) {
      case 'service':
        return g.serviceName;
      case 'provider':
        return g.provider;
      case 'region':
        return g.region ?? '(no region)';
      case 'resource':
        return g.resourceId ?? g.resourceName ?? '(no resource id)';
      case 'chargeCategory':
        return g.chargeCategory ?? 'Usage';
      case 'method':
        return r.method!;
      case 'team':
        return lines?.get(r.entityRef!)?.team ?? '(no team)';
      case 'system':
        return lines?.get(r.entityRef!)?.system ?? '(no system)';
      case 'child':
      default:
        return ctx.members.get(r.entityRef!) ?? r.entityRef!;
    }
  };
  const dateOf = (r: AllocationSum) => r[dateKey]!;
  const dates =
    query.granularity === 'month'
      ? eachMonth(query.from, query.to)
      : eachDay(query.from, query.to);
  const bySeries = new Map<string, Map<string, Decimal>>();
  for (const r of rows) {
    const k = keyOf(r);
    let points = bySeries.get(k);
    if (!points) bySeries.set(k, (points = new Map()));
    const d = dateOf(r);
    points.set(d, (points.get(d) ?? Decimal.ZERO).add(r.amount));
  }
  const partial = new Set(
    query.granularity === 'month'
      ? dates.filter(m => isPartialMonth(m, query.from, query.to))
      : [],
  );
  const toPoints = (points: Map<string, Decimal>): CostPoint[] =>
    dates.map(date => ({
      date,
      amount: (points.get(date) ?? Decimal.ZERO).toString(),
      ...(partial.has(date) ? { partial: true } : {}),
    }));
  const sorted = [...bySeries]
    .map(([key, points]) => ({
      key,
      label: key,
      total: Decimal.sum(points.values()),
      points,
    }))
    .sort((a, b) => b.total.compare(a.total));
  // the largest series, and the rest as one: a view never draws thousands
  let otherSeries: number | undefined;
  if (sorted.length > extra.maxSeries) {
    const rest = sorted.splice(Math.max(1, extra.maxSeries - 1));
    otherSeries = rest.length;
    const points = new Map<string, Decimal>();
    for (const s of rest)
      for (const [d, v] of s.points)
        points.set(d, (points.get(d) ?? Decimal.ZERO).add(v));
    sorted.push({
      key: '(other)',
      label: `Other (${rest.length})`,
      total: Decimal.sum(rest.map(s => s.total)),
      points,
    });
  }
  const series = sorted.map(s => ({
    key: s.key,
    label: s.label,
    total: s.total.toString(),
    points: toPoints(s.points),
  }));
  const totals = sumBy(rows, dateOf, amountOf);
  const total = Decimal.sum(totals.values());
  return {
    entityRef: ctx.ref,
    measure: ctx.measure,
    currency: ctx.currency,
    from: query.from,
    to: query.to,
    granularity: query.granularity,
    groupBy: query.groupBy,
    series,
    totals: toPoints(totals),
    total: total.toString(),
    warnings: extra.warnings,
    hiddenMembers: ctx.hidden,
    suggestions: await extra.suggestions(ctx.currency),
    otherSeries,
    empty: ctx.hasData
      ? undefined
      : emptyReason(entity, extra.warnings, ctx.members.size > 1),
  };
}
