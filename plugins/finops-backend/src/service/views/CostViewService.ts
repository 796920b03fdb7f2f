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
} from '@costwise/plugin-finops-common';
import type {
  AllocationRow,
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

const MEASURE_FIELD: Record<
  CostMeasure,
  'billedCost' | 'effectiveCost' | 'listCost' | 'contractedCost'
> = {
  BilledCost: 'billedCost',
  EffectiveCost: 'effectiveCost',
  ListCost: 'listCost',
  ContractedCost: 'contractedCost',
};

function refOf(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();
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

function ratio(part: Decimal, whole: Decimal): number {
  return whole.isZero() ? 0 : part.toNumber() / whole.toNumber();
}

/**
 * Builds the entity views (summary, costs, resources) from stored
 * allocations. Totals are exact sums of the stored amounts; only ratios and
 * the forecast band use binary arithmetic.
 */
export class CostViewService {
  constructor(
    private readonly store: AttributionStore,
    private readonly defaults: { measure: CostMeasure; currency?: string },
  ) {}

  private async context(
    entity: Entity,
    measure: CostMeasure | undefined,
    from?: string,
    to?: string,
  ) {
    const ref = refOf(entity);
    const members = await this.store.members(ref);
    const rows = await this.store.allocations({
      entityRefs: [...members.keys()],
      from,
      to,
    });
    const latest = await this.store.latestRun();
    const report = latest?.report as AttributionReport | undefined;
    const warnings = (report?.warnings ?? []).filter(w => w.entity === ref);
    const m = measure ?? this.defaults.measure;
    const field = MEASURE_FIELD[m];
    const currency = this.pickCurrency(rows, field);
    const inCurrency = rows.filter(r => r.currency === currency);
    return {
      ref,
      members,
      rows: inCurrency,
      measure: m,
      field,
      currency,
      warnings,
    };
  }

  private pickCurrency(
    rows: AllocationRow[],
    field: keyof AllocationRow,
  ): string {
    const totals = sumBy(
      rows,
      r => r.currency,
      r => Decimal.parse(String(r[field])).abs(),
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

  async summary(
    entity: Entity,
    measure?: CostMeasure,
  ): Promise<EntityCostSummary> {
    const freshness = await this.store.freshness();
    const asOf =
      freshness.reduce((max, f) => (f.lastDay > max ? f.lastDay : max), '') ||
      new Date().toISOString().slice(0, 10);
    const from =
      addDays(previousMonthStart(asOf), 0) < addDays(asOf, -30)
        ? previousMonthStart(asOf)
        : addDays(asOf, -30);
    const ctx = await this.context(entity, measure, from, asOf);
    const amount = (r: AllocationRow) => Decimal.parse(r[ctx.field]);
    const byDay = sumBy(ctx.rows, r => r.day, amount);
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

    const last30From = addDays(asOf, -29);
    const last30 = ctx.rows.filter(r => r.day >= last30From);
    const last30Total = Decimal.sum(last30.map(amount));
    const groups = new Map(
      (
        await this.store.loadGroups([...new Set(last30.map(r => r.groupId))])
      ).map(g => [g.id, g]),
    );
    const drivers = (
      dimension: CostDriver['dimension'],
      keyOf: (g: GroupDetails) => [string, string],
    ) =>
      [
        ...sumBy(
          last30,
          r => keyOf(groups.get(r.groupId)!).join('\u0001'),
          amount,
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
    const byMethod = sumBy(last30, r => r.method, amount);
    const inferred = byMethod.get('inference') ?? Decimal.ZERO;

    const hasData = ctx.rows.length > 0;
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
      empty: hasData
        ? undefined
        : this.emptyReason(entity, ctx.warnings, ctx.members.size > 1),
    };
  }

  async costs(
    entity: Entity,
    query: {
      from: string;
      to: string;
      granularity: 'day' | 'month';
      groupBy: CostGroupBy;
      measure?: CostMeasure;
    },
  ): Promise<EntityCosts> {
    const ctx = await this.context(entity, query.measure, query.from, query.to);
    const amount = (r: AllocationRow) => Decimal.parse(r[ctx.field]);
    const groups = new Map(
      (
        await this.store.loadGroups([...new Set(ctx.rows.map(r => r.groupId))])
      ).map(g => [g.id, g]),
    );
    const keyOf = (r: AllocationRow): string => {
      const g = groups.get(r.groupId)!;
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
          return r.method;
        case 'child':
        default:
          return ctx.members.get(r.entityRef) ?? r.entityRef;
      }
    };
    const dateOf = (r: AllocationRow) =>
      query.granularity === 'month' ? r.day.slice(0, 7) : r.day;
    const dates =
      query.granularity === 'month'
        ? eachMonth(query.from, query.to)
        : eachDay(query.from, query.to);
    const bySeries = new Map<string, Map<string, Decimal>>();
    for (const r of ctx.rows) {
      const k = keyOf(r);
      let points = bySeries.get(k);
      if (!points) bySeries.set(k, (points = new Map()));
      const d = dateOf(r);
      points.set(d, (points.get(d) ?? Decimal.ZERO).add(amount(r)));
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
    const totals = sumBy(ctx.rows, dateOf, amount);
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
      empty: ctx.rows.length
        ? undefined
        : this.emptyReason(entity, ctx.warnings, ctx.members.size > 1),
    };
  }

  async resources(
    entity: Entity,
    query: { from: string; to: string; measure?: CostMeasure },
  ): Promise<EntityResources> {
    const ctx = await this.context(entity, query.measure, query.from, query.to);
    const amount = (r: AllocationRow) => Decimal.parse(r[ctx.field]);
    const byGroup = sumBy(
      ctx.rows,
      r => `${r.groupId}|${r.entityRef}|${r.method}`,
      amount,
    );
    const total = Decimal.sum(byGroup.values());
    const groupIds = [...new Set(ctx.rows.map(r => r.groupId))];
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
      empty: ctx.rows.length
        ? undefined
        : this.emptyReason(entity, ctx.warnings, ctx.members.size > 1),
    };
  }
}
