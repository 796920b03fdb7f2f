import type { Entity } from '@backstage/catalog-model';
import {
  AnnotationWarning,
  COST_MAPPING_ANNOTATIONS,
  CostDriver,
  CostGroupBy,
  CostMeasure,
  CostPoint,
  Decimal,
  EmptyCostReason,
  EntityCosts,
  EntityCostSummary,
  EntityResources,
  HiddenMembers,
} from '@costwise/plugin-finops-common';
import type {
  AllocationGrouping,
  AllocationSum,
  AttributionStore,
  GroupDetails,
} from '../../database/AttributionStore';
import type { AttributionReport } from '../attribution/AttributionService';
import {
  addDays,
  daysBetween,
  eachDay,
  eachMonth,
  monthEnd,
  monthStart,
  previousMonthStart,
} from './dates';
import { entityRefOf } from '../../attribution';
import { ViewCache } from './viewCache';

/**
 * Who is asking: `readable` returns the refs, among those given, whose cost
 * the caller may read. Without it every member counts.
 */
export interface CostViewer {
  readable(refs: string[]): Promise<Set<string>>;
}

interface CostsQuery {
  from: string;
  to: string;
  granularity: 'day' | 'month';
  groupBy: CostGroupBy;
  measure?: CostMeasure;
}

interface ResourcesQuery {
  from: string;
  to: string;
  measure?: CostMeasure;
}

type Suggestion = AttributionReport['suggestions'][number];

interface RunIndex {
  warnings: Map<string, AnnotationWarning[]>;
  suggestions: Map<string, Suggestion[]>;
}

interface Scope {
  entity: Entity;
  ref: string;
  /** Member ref to the child it rolls up through; the entity itself included. */
  members: Map<string, string>;
  /** Members left out because the viewer may not read them. */
  hidden: number;
}

function hiddenMembers(count: number): HiddenMembers | undefined {
  if (count === 0) return undefined;
  return {
    count,
    message:
      count === 1
        ? "1 member's cost is left out: you are not allowed to read it."
        : `${count} members' cost is left out: you are not allowed to read it.`,
  };
}

function sumBy<T>(
  rows: T[],
  key: (row: T) => string,
  amount: (row: T) => Decimal,
): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const row of rows) {
    const k = key(row);
    out.set(k, (out.get(k) ?? Decimal.ZERO).add(amount(row)));
  }
  return out;
}

const amountOf = (s: AllocationSum) => s.amount;

/** The column a breakdown sums by besides the date. */
function secondKey(
  byGroup: boolean,
  groupBy: CostGroupBy,
): 'groupId' | 'method' | 'entityRef' {
  if (byGroup) return 'groupId';
  return groupBy === 'method' ? 'method' : 'entityRef';
}

function ratio(part: Decimal, whole: Decimal): number {
  return whole.isZero() ? 0 : part.toNumber() / whole.toNumber();
}

/**
 * Builds the entity views (summary, costs, resources) from stored
 * allocations. Totals are exact sums of the stored amounts; only ratios and
 * the forecast band use binary arithmetic.
 */
export class CostViewService {
  /** The latest run's warnings and suggestions per entity, loaded once per run. */
  private runIndex?: {
    runId?: string;
    index: Promise<RunIndex>;
  };

  private readonly cache: ViewCache;

  constructor(
    private readonly store: AttributionStore,
    private readonly defaults: {
      measure: CostMeasure;
      currency?: string;
      /** Responses kept per data version; 0 turns the cache off. Default 2,000. */
      responseCacheSize?: number;
    },
  ) {
    this.cache = new ViewCache(store, defaults.responseCacheSize);
  }

  /**
   * The latest run's annotation warnings and suggestions per entity. The
   * run's report holds every entity's totals and is large, so it is parsed
   * only when a newer run has finished, not on every request.
   */
  private async latestRunIndex(): Promise<RunIndex> {
    const { runId } = await this.cache.snapshot();
    if (!this.runIndex || this.runIndex.runId !== runId) {
      const index = this.store.latestRun().then(latest => {
        const report = latest?.report as AttributionReport | undefined;
        const warnings = new Map<string, AnnotationWarning[]>();
        for (const w of report?.warnings ?? []) {
          const list = warnings.get(w.entity);
          if (list) list.push(w);
          else warnings.set(w.entity, [w]);
        }
        const suggestions = new Map<string, Suggestion[]>();
        for (const suggestion of report?.suggestions ?? []) {
          const list = suggestions.get(suggestion.entity);
          if (list) list.push(suggestion);
          else suggestions.set(suggestion.entity, [suggestion]);
        }
        return { warnings, suggestions };
      });
      const entry = { runId, index };
      this.runIndex = entry;
      index.catch(() => {
        if (this.runIndex === entry) this.runIndex = undefined;
      });
    }
    return this.runIndex.index;
  }

  private async warningsOf(ref: string): Promise<AnnotationWarning[]> {
    return (await this.latestRunIndex()).warnings.get(ref) ?? [];
  }

  /**
   * Unconfirmed suggestions (one per fact group) that point at the entity or
   * its members in scope; the amount sums those in the response's currency.
   */
  private async suggestionsOf(
    scope: Scope,
    currency: string,
  ): Promise<EntityCosts['suggestions']> {
    const index = await this.latestRunIndex();
    const found = [...scope.members.keys()].flatMap(
      ref => index.suggestions.get(ref) ?? [],
    );
    if (found.length === 0) return undefined;
    return {
      count: found.length,
      amount: Decimal.sum(
        found
          .filter(f => f.currency === currency)
          .map(f => Decimal.parse(f.amount)),
      ).toString(),
      currency,
    };
  }

  /** The entity and the members whose cost the viewer may read. */
  private async scope(
    entity: Entity,
    viewer: CostViewer | undefined,
  ): Promise<Scope> {
    const ref = entityRefOf(entity);
    return { entity, ref, ...(await this.visibleMembers(ref, viewer)) };
  }

  /** The entity's members, less those the viewer may not read, and how many those were. */
  private async visibleMembers(
    ref: string,
    viewer: CostViewer | undefined,
  ): Promise<{ members: Map<string, string>; hidden: number }> {
    const members = await this.store.members(ref);
    let hidden = 0;
    if (viewer && members.size > 1) {
      const others = [...members.keys()].filter(r => r !== ref);
      const readable = await viewer.readable(others);
      for (const member of others) {
        if (!readable.has(member)) {
          members.delete(member);
          hidden++;
        }
      }
    }
    return { members, hidden };
  }

  /** How many of a rollup's members the viewer may not read (0 for a plain entity). */
  async hiddenMemberCount(ref: string, viewer: CostViewer): Promise<number> {
    return (await this.visibleMembers(ref, viewer)).hidden;
  }

  /**
   * Answers from the response cache while the data version holds; the key
   * holds everything a view depends on besides the data.
   */
  private cached<T>(
    kind: string,
    scope: Scope,
    args: unknown[],
    compute: () => Promise<T>,
  ): Promise<T> {
    return this.cache.get(
      [
        kind,
        scope.ref,
        args,
        scope.entity.metadata.annotations ?? {},
        [...scope.members.keys()],
      ],
      compute,
    );
  }

  /**
   * Sums the entity's and its members' allocations in each grouping (the
   * first spans the whole period) and keeps the sums in the currency shown.
   */
  private async context(
    scope: Scope,
    measure: CostMeasure | undefined,
    from: string | undefined,
    to: string | undefined,
    groupings: AllocationGrouping[],
    currencyShown?: string,
  ) {
    const { ref, members, hidden } = scope;
    const m = measure ?? this.defaults.measure;
    const query = { from, to, measure: m, groupings };
    // a rollup the viewer sees whole reads the totals stored with the run
    const sums =
      (members.size > 1 && hidden === 0
        ? await this.store.rollupSums(ref, query)
        : undefined) ??
      (await this.store.sumAllocations({
        entityRefs: [...members.keys()],
        ...query,
      }));
    const warnings = await this.warningsOf(ref);
    const currency = currencyShown ?? this.pickCurrency(sums[0]);
    const inCurrency = sums.map(list =>
      list.filter(r => r.currency === currency),
    );
    return {
      ref,
      members,
      sums: inCurrency,
      hasData: inCurrency[0].length > 0,
      measure: m,
      currency,
      warnings,
      hidden: hiddenMembers(hidden),
    };
  }

  private pickCurrency(sums: AllocationSum[]): string {
    const totals = sumBy(
      sums,
      r => r.currency,
      r => r.abs,
    );
    if (this.defaults.currency && totals.has(this.defaults.currency))
      return this.defaults.currency;
    let best = this.defaults.currency ?? 'USD';
    let bestAmount: Decimal | undefined;
    for (const [currency, amount] of totals) {
      if (!bestAmount || amount.compare(bestAmount) > 0) {
        best = currency;
        bestAmount = amount;
      }
    }
    return best;
  }

  private emptyReason(
    entity: Entity,
    warnings: AnnotationWarning[],
    hasMembers: boolean,
  ): EmptyCostReason {
    const annotations = entity.metadata.annotations ?? {};
    const mapped = COST_MAPPING_ANNOTATIONS.some(a => annotations[a]?.trim());
    if (!mapped && !hasMembers) {
      return {
        reason: 'no-annotation',
        message:
          'No Costwise annotation maps cost to this entity. Add costwise.dev/tags, costwise.dev/resource-ids or costwise.dev/accounts to its catalog-info.yaml.',
      };
    }
    if (warnings.length > 0) {
      return {
        reason: 'annotation-malformed',
        message: `The entity's cost annotations could not be read: ${warnings
          .map(w => `${w.annotation}: ${w.message}`)
          .join('; ')}`,
      };
    }
    return {
      reason: 'no-data-in-range',
      message:
        'No cost matched this entity in the period. Check that a cost source covering it has been ingested.',
    };
  }

  /**
   * The entity's cost per day (its members' included, as in every view), in
   * the currency shown, or in `currency` when given so that peers compare
   * in one currency.
   */
  async dailyCost(
    entity: Entity,
    query: {
      from: string;
      to: string;
      measure?: CostMeasure;
      currency?: string;
    },
    viewer?: CostViewer,
  ): Promise<{
    ref: string;
    members: Map<string, string>;
    measure: CostMeasure;
    currency: string;
    byDay: Map<string, Decimal>;
  }> {
    const ctx = await this.context(
      await this.scope(entity, viewer),
      query.measure,
      query.from,
      query.to,
      [{ by: ['day'] }],
      query.currency,
    );
    return {
      ref: ctx.ref,
      members: ctx.members,
      measure: ctx.measure,
      currency: ctx.currency,
      byDay: sumBy(ctx.sums[0], r => r.day!, amountOf),
    };
  }

  /** The last day any source has data for, or today. */
  async asOf(): Promise<string> {
    const { freshness } = await this.cache.snapshot();
    return (
      freshness.reduce((max, f) => (f.lastDay > max ? f.lastDay : max), '') ||
      new Date().toISOString().slice(0, 10)
    );
  }

  async summary(
    entity: Entity,
    measure?: CostMeasure,
    viewer?: CostViewer,
  ): Promise<EntityCostSummary> {
    const scope = await this.scope(entity, viewer);
    return this.cached('summary', scope, [measure], () =>
      this.computeSummary(scope, measure),
    );
  }

  private async computeSummary(
    scope: Scope,
    measure: CostMeasure | undefined,
  ): Promise<EntityCostSummary> {
    const { entity } = scope;
    const { freshness } = await this.cache.snapshot();
    const asOf =
      freshness.reduce((max, f) => (f.lastDay > max ? f.lastDay : max), '') ||
      new Date().toISOString().slice(0, 10);
    const from =
      addDays(previousMonthStart(asOf), 0) < addDays(asOf, -30)
        ? previousMonthStart(asOf)
        : addDays(asOf, -30);
    const last30From = addDays(asOf, -29);
    const ctx = await this.context(scope, measure, from, asOf, [
      { by: ['day'] },
      { by: ['groupId', 'method'], from: last30From },
    ]);
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

    const trailing = eachDay(addDays(asOf, -13), asOf).map(d =>
      (byDay.get(d) ?? Decimal.ZERO).toNumber(),
    );
    const mean = trailing.reduce((a, b) => a + b, 0) / trailing.length;
    const sd = Math.sqrt(
      trailing.reduce((a, b) => a + (b - mean) ** 2, 0) /
        Math.max(1, trailing.length - 1),
    );
    const remaining = daysBetween(asOf, monthEnd(asOf));
    const forecast = monthToDate.toNumber() + mean * remaining;
    const band = 1.645 * sd * Math.sqrt(remaining);

    const last30Total = Decimal.sum(last30.map(amountOf));
    const groups = new Map(
      (
        await this.store.loadGroups([...new Set(last30.map(r => r.groupId!))])
      ).map(g => [g.id, g]),
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

    const hasData = ctx.hasData;
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
      forecast: {
        amount: forecast.toFixed(2),
        low: Math.max(monthToDate.toNumber(), forecast - band).toFixed(2),
        high: (forecast + band).toFixed(2),
      },
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
        warnings: ctx.warnings.length,
      },
      warnings: ctx.warnings,
      freshness,
      hiddenMembers: ctx.hidden,
      empty: hasData
        ? undefined
        : this.emptyReason(entity, ctx.warnings, ctx.members.size > 1),
    };
  }

  async costs(
    entity: Entity,
    query: CostsQuery,
    viewer?: CostViewer,
  ): Promise<EntityCosts> {
    const scope = await this.scope(entity, viewer);
    return this.cached('costs', scope, [query], () =>
      this.computeCosts(scope, query),
    );
  }

  private async computeCosts(
    scope: Scope,
    query: CostsQuery,
  ): Promise<EntityCosts> {
    const { entity } = scope;
    // the series key needs the fact group's dimensions, the method or the entity
    const byGroup = query.groupBy !== 'method' && query.groupBy !== 'child';
    const dateKey = query.granularity === 'month' ? 'month' : 'day';
    const ctx = await this.context(scope, query.measure, query.from, query.to, [
      {
        by: [dateKey, secondKey(byGroup, query.groupBy)],
      },
    ]);
    const [rows] = ctx.sums;
    const groups = new Map(
      byGroup
        ? (
            await this.store.loadGroups([...new Set(rows.map(r => r.groupId!))])
          ).map(g => [g.id, g])
        : [],
    );
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
    const toPoints = (points: Map<string, Decimal>): CostPoint[] =>
      dates.map(date => ({
        date,
        amount: (points.get(date) ?? Decimal.ZERO).toString(),
      }));
    const series = [...bySeries]
      .map(([key, points]) => ({
        key,
        label: key,
        total: Decimal.sum(points.values()),
        points,
      }))
      .sort((a, b) => b.total.compare(a.total))
      .map(s => ({
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
      warnings: ctx.warnings,
      hiddenMembers: ctx.hidden,
      suggestions: await this.suggestionsOf(scope, ctx.currency),
      empty: ctx.hasData
        ? undefined
        : this.emptyReason(entity, ctx.warnings, ctx.members.size > 1),
    };
  }

  async resources(
    entity: Entity,
    query: ResourcesQuery,
    viewer?: CostViewer,
  ): Promise<EntityResources> {
    const scope = await this.scope(entity, viewer);
    return this.cached('resources', scope, [query], () =>
      this.computeResources(scope, query),
    );
  }

  private async computeResources(
    scope: Scope,
    query: ResourcesQuery,
  ): Promise<EntityResources> {
    const { entity } = scope;
    const ctx = await this.context(scope, query.measure, query.from, query.to, [
      { by: ['groupId', 'entityRef', 'method'] },
    ]);
    const [rows] = ctx.sums;
    const byGroup = sumBy(
      rows,
      r => `${r.groupId}|${r.entityRef}|${r.method}`,
      amountOf,
    );
    const total = Decimal.sum(byGroup.values());
    const groupIds = [...new Set(rows.map(r => r.groupId!))];
    const groups = new Map(
      (await this.store.loadGroups(groupIds)).map(g => [g.id, g]),
    );
    const evidence = new Map(
      (
        await this.store.evidence({
          groupIds,
          entityRefs: [...ctx.members.keys()],
        })
      ).map(e => [`${e.groupId}|${e.entityRef}|${e.method}`, e.evidence]),
    );
    const items = [...byGroup]
      .sort((a, b) => b[1].compare(a[1]))
      .map(([key, value]) => {
        const [groupId, entityRef, method] = key.split('|');
        const g = groups.get(groupId)!;
        return {
          groupId,
          resourceId: g.resourceId,
          resourceName: g.resourceName,
          provider: g.provider,
          service: g.serviceName,
          region: g.region,
          subAccountId: g.subAccountId,
          chargeCategory: g.chargeCategory ?? 'Usage',
          amount: value.toString(),
          share: ratio(value, total),
          method: method as EntityResources['items'][number]['method'],
          evidence: evidence.get(key) ?? {
            method: method as any,
            entityRef,
            selector: '',
            matched: {},
            confidence: 0,
          },
        };
      });
    return {
      entityRef: ctx.ref,
      measure: ctx.measure,
      currency: ctx.currency,
      from: query.from,
      to: query.to,
      total: total.toString(),
      items,
      warnings: ctx.warnings,
      hiddenMembers: ctx.hidden,
      empty: ctx.hasData
        ? undefined
        : this.emptyReason(entity, ctx.warnings, ctx.members.size > 1),
    };
  }
}
