import type { Entity } from '@backstage/catalog-model';
import {
  CostMeasure,
  Decimal,
  EmptyUnitCostReason,
  UnitCostResponse,
  UnitMetric,
} from '@costwise/plugin-finops-common';
import type { MetricStore } from '../../stores/MetricStore';
import type { CostViewer, CostViewService } from '../views';
import { entityRefOf } from '../../attribution';
import { outsideMessage } from '../views/ranges';
import { buildUnitCostSeries, trendOf } from './series';
import { unitMetricOf } from './unitMetric';

/**
 * An entity's daily values of one metric and the entities they came from.
 *
 * @public
 */
export interface MetricSeries {
  sources: string[];
  byDay: Map<string, Decimal>;
}

/**
 * Unit cost: the entity's cost over its business metric. A Group's or
 * System's metric is the sum of its members' values, unless values were
 * recorded on the aggregate itself, which then stand alone (summing both
 * would count the same usage twice).
 *
 * @public
 */
export class UnitCostService {
  constructor(
    private readonly views: CostViewService,
    private readonly metrics: MetricStore,
  ) {}

  /** The daily values of `metric` for an entity whose cost members are `members`. */
  async metricSeries(
    ref: string,
    members: Iterable<string>,
    metric: string,
    range: { from?: string; to?: string },
  ): Promise<MetricSeries> {
    const refs = [...new Set([ref, ...members])];
    const names = await this.metrics.metricNames(refs);
    const sources = names.get(ref)?.has(metric)
      ? [ref]
      : refs.filter(r => r !== ref && names.get(r)?.has(metric));
    const byDay = new Map<string, Decimal>();
    if (sources.length > 0) {
      const values = await this.metrics.values({
        entityRefs: sources,
        metrics: [metric],
        ...range,
      });
      for (const v of values) {
        byDay.set(
          v.date,
          (byDay.get(v.date) ?? Decimal.ZERO).add(Decimal.fromNumber(v.value)),
        );
      }
    }
    return { sources: sources.sort(), byDay };
  }

  /** The last day with data, which default ranges end on. */
  asOf(): Promise<string> {
    return this.views.asOf();
  }

  async unitCost(
    entity: Entity,
    asked: {
      from: string;
      to: string;
      granularity: 'day' | 'month';
      measure?: CostMeasure;
    },
    viewer?: CostViewer,
  ): Promise<UnitCostResponse> {
    const parsed = unitMetricOf(entity);
    // clamped to the days with data; a range without any is answered empty
    const range = await this.views.limit(asked);
    if (range.outside)
      return {
        entityRef: entityRefOf(entity),
        measure: asked.measure ?? this.views.defaults.measure,
        currency: this.views.defaults.currency ?? 'USD',
        from: asked.from,
        to: asked.to,
        granularity: asked.granularity,
        unitMetric: parsed && !('error' in parsed) ? parsed : null,
        series: [],
        totals: {
          date: `${asked.from}/${asked.to}`,
          cost: '0',
          metric: null,
          unitCost: null,
        },
        trend: trendOf([]),
        metricSources: [],
        empty: { reason: 'range-outside-data', message: outsideMessage(range) },
      };
    const query = { ...asked, from: range.from, to: range.to };
    const cost = await this.views.dailyCost(entity, query, viewer);
    let unitMetric: UnitMetric | null = null;
    let empty: EmptyUnitCostReason | undefined;
    let metric: MetricSeries | undefined;
    if (parsed === undefined) {
      empty = {
        reason: 'no-unit-metric',
        message:
          "This entity declares no unit metric. Add the annotation costwise.dev/unit-metric (e.g. 'requests per 1000', 'active_users', 'orders' or 'deployments') to its catalog-info.yaml.",
      };
    } else if ('error' in parsed) {
      empty = {
        reason: 'unit-metric-malformed',
        message: `The annotation costwise.dev/unit-metric could not be read: ${parsed.error}.`,
      };
    } else {
      unitMetric = parsed;
      metric = await this.metricSeries(
        cost.ref,
        cost.members.keys(),
        parsed.metric,
        query,
      );
      if (metric.sources.length === 0) {
        // no value in the range: was the metric ever recorded?
        const ever = await this.metricSeries(
          cost.ref,
          cost.members.keys(),
          parsed.metric,
          {},
        );
        if (ever.sources.length === 0)
          empty = {
            reason: 'no-metric-data',
            message: `No value of the metric '${
              parsed.metric
            }' was ever recorded for ${cost.ref}${
              cost.members.size > 1 ? ' or its members' : ''
            }. Send daily values with POST /api/finops/metrics ({"points": [{"entity": "${
              cost.ref
            }", "metric": "${
              parsed.metric
            }", "date": "YYYY-MM-DD", "value": 123}]}) or import a CSV with 'costwise metrics import <file.csv>' (columns entity,metric,date,value).`,
          };
      }
    }
    if (!empty && cost.byDay.size === 0) {
      empty = {
        reason: 'no-cost-data',
        message:
          'No cost matched this entity in the period, so there is no unit cost to show. Check its cost annotations and that a cost source covering it has been ingested.',
      };
    }
    const built = buildUnitCostSeries({
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      costByDay: cost.byDay,
      metricByDay: metric?.byDay,
      per: unitMetric?.per,
    });
    return {
      entityRef: cost.ref,
      measure: cost.measure,
      currency: cost.currency,
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      unitMetric,
      ...built,
      metricSources: metric?.sources ?? [],
      ...(empty ? { empty } : {}),
    };
  }
}
