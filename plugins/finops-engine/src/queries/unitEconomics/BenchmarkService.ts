import type { Entity } from '@backstage/catalog-model';
import {
  BenchmarkFigure,
  BenchmarkResponse,
  CostMeasure,
  ANNOTATION_UNIT_METRIC,
  Decimal,
  UnitMetric,
} from '@costwise/plugin-finops-common';
import { entityRefOf } from '../../attribution';
import { monthEnd } from '../../model';
import type { CostViewer, CostViewService, ViewCache } from '../views';
import { CohortOptions, cohortOf } from './cohorts';
import { byMonth, trendOf, unitCostOf, UNIT_COST_DIGITS } from './series';
import {
  benchmarkMonths,
  countOf,
  figureOf,
  Measurement,
  MIN_COHORT,
  unranked,
} from './benchmarkFigures';
import type { UnitCostService } from './UnitCostService';
import { unitMetricOf } from './unitMetric';

export { benchmarkMonths, countOf, MIN_COHORT } from './benchmarkFigures';

/** The most members a cohort is compared with by default. */
export const MAX_COHORT = 500;

/**
 * Benchmarks an entity against its cohort on monthly cost, unit cost and the
 * 3-month unit-cost trend. Everyone gets the anonymous distribution; peers
 * are named only where the caller may read their cost.
 *
 * @public
 */
export class BenchmarkService {
  constructor(
    private readonly deps: {
      views: CostViewService;
      unitCosts: UnitCostService;
      /** Every catalog entity, read with the plugin's own credentials. */
      catalog: () => Promise<Entity[]>;
      options: CohortOptions & {
        /** The most members a cohort is compared with (default 500). */
        maxCohort?: number;
      };
      /** Where the peers' figures are kept for the data version (the views' cache). */
      cache?: ViewCache;
    },
  ) {}

  /**
   * The whole-cost figures of a cohort's sampled members, the same for every
   * caller: kept for the data version as one answer, so that a cohort is
   * measured once, not on every request, and stays in the cache as long as
   * anyone in it is benchmarked.
   */
  private async cohortFigures(
    sample: Entity[],
    query: Parameters<BenchmarkService['measure']>[1],
  ): Promise<Map<string, Measurement>> {
    const compute = async () =>
      (await Promise.all(sample.map(m => this.measure(m, query)))).map(
        ({ values }) => ({
          ref: values.ref,
          monthlyCost: values.monthlyCost?.toString(),
          unitCost: values.unitCost?.toString(),
          unitCostTrend: values.unitCostTrend,
        }),
      );
    const kept = this.deps.cache
      ? await this.deps.cache.get(
          [
            'benchmark-cohort',
            sample.map(m => [
              entityRefOf(m),
              m.metadata.annotations?.[ANNOTATION_UNIT_METRIC] ?? '',
            ]),
            query.from,
            query.to,
            query.measure,
            query.currency,
            query.unitMetric,
          ],
          compute,
        )
      : await compute();
    return new Map(
      kept.map(k => [
        k.ref,
        {
          ref: k.ref,
          monthlyCost:
            k.monthlyCost === undefined
              ? undefined
              : Decimal.parse(k.monthlyCost),
          unitCost:
            k.unitCost === undefined ? undefined : Decimal.parse(k.unitCost),
          unitCostTrend: k.unitCostTrend,
        },
      ]),
    );
  }

  private async measure(
    member: Entity,
    query: {
      from: string;
      to: string;
      measure?: CostMeasure;
      currency?: string;
      months: string[];
      unitMetric: UnitMetric | null;
    },
    viewer?: CostViewer,
  ): Promise<{
    ref: string;
    currency: string;
    measure: CostMeasure;
    values: Measurement;
  }> {
    const { views, unitCosts } = this.deps;
    const cost = await views.dailyCost(member, query, viewer);
    const monthly = byMonth(cost.byDay);
    const last = query.months[query.months.length - 1];
    const values: Measurement = {
      ref: cost.ref,
      monthlyCost: monthly.get(last),
    };
    const unit = query.unitMetric;
    const own = unitMetricOf(member);
    // peers compare on the same metric name: declared, or recorded without a declaration
    const eligible =
      unit &&
      (own === undefined || (!('error' in own) && own.metric === unit.metric));
    if (unit && eligible) {
      const metric = await unitCosts.metricSeries(
        cost.ref,
        cost.members.keys(),
        unit.metric,
        query,
      );
      const metricByMonth = byMonth(metric.byDay);
      const unitCostIn = (month: string) =>
        monthly.has(month)
          ? unitCostOf(monthly.get(month)!, metricByMonth.get(month), unit.per)
          : undefined;
      values.unitCost = unitCostIn(last);
      // the same trend as everywhere: the line through the months with usage
      const trend = trendOf(
        query.months.map(month => {
          const u = unitCostIn(month);
          return {
            date: month,
            cost: '0',
            metric: null,
            unitCost: u ? u.toFixed(UNIT_COST_DIGITS) : null,
          };
        }),
      );
      if (values.unitCost && trend.ratio !== null)
        values.unitCostTrend = trend.ratio;
    }
    return {
      ref: cost.ref,
      currency: cost.currency,
      measure: cost.measure,
      values,
    };
  }

  async benchmark(
    entity: Entity,
    query: {
      measure?: CostMeasure;
      /** Who asks: peers are named, and members counted, only where they may read the cost. */
      viewer: CostViewer;
    },
  ): Promise<BenchmarkResponse> {
    const { views } = this.deps;
    const { viewer } = query;
    const months = benchmarkMonths(await views.asOf());
    const from = `${months[0]}-01`;
    const to = monthEnd(`${months[2]}-01`);
    const parsed = unitMetricOf(entity);
    const unitMetric = parsed && !('error' in parsed) ? parsed : null;
    const range = { from, to, measure: query.measure, months, unitMetric };

    // the entity's own figures leave out members the caller may not read
    const self = await this.measure(entity, range, viewer);
    const ref = self.ref;
    const cohort = cohortOf(
      entity,
      await this.deps.catalog(),
      this.deps.options,
    );
    // a large cohort is compared on its first members by name, the same for
    // everyone (an entity outside them takes the last one's place)
    const maxCohort = this.deps.options.maxCohort ?? MAX_COHORT;
    const byName = [...cohort.members].sort((a, b) =>
      entityRefOf(a).localeCompare(entityRefOf(b)),
    );
    const sample = byName.slice(0, maxCohort);
    const peers = sample
      .filter(m => entityRefOf(m) !== ref)
      .slice(0, maxCohort - 1);
    const measured = await this.cohortFigures(sample, {
      ...range,
      currency: self.currency,
    });
    const all = [self.values, ...peers.map(m => measured.get(entityRefOf(m))!)];
    const membersWithData = all.filter(
      m =>
        m.monthlyCost !== undefined ||
        m.unitCost !== undefined ||
        m.unitCostTrend !== undefined,
    );
    const size = membersWithData.length;

    const peerRefs = membersWithData.map(m => m.ref).filter(r => r !== ref);
    const readablePeers = await viewer.readable(peerRefs);
    const allowed = peerRefs.filter(r => readablePeers.has(r));
    // a team or system is named only when none of its members is hidden from
    // the caller: its value includes them all
    const hidden = await views.hiddenMemberCounts(allowed, viewer);
    const readable = new Set(allowed.filter(r => hidden.get(r) === 0));

    const context = {
      all,
      ref,
      self: self.values,
      label: cohort.label,
      readable,
      months,
    };
    const perUnit = unitMetric ? ` per ${unitMetric.label}` : '';
    const figures: BenchmarkFigure[] = [
      figureOf(
        context,
        'monthlyCost',
        m => m.monthlyCost?.toNumber(),
        m => m.monthlyCost?.toString(),
        '',
        `with cost in ${months[2]}`,
      ),
    ];
    if (unitMetric) {
      figures.push(
        figureOf(
          context,
          'unitCost',
          m => m.unitCost?.toNumber(),
          m => m.unitCost?.toFixed(UNIT_COST_DIGITS),
          perUnit,
          `with a cost${perUnit} in ${months[2]}`,
        ),
        figureOf(
          context,
          'unitCostTrend',
          m => m.unitCostTrend,
          m =>
            m.unitCostTrend === undefined ? undefined : String(m.unitCostTrend),
          ` (unit cost${perUnit}, ${months[0]} to ${months[2]})`,
          `with a cost${perUnit} in both ${months[0]} and ${months[2]}`,
        ),
      );
    } else {
      const why =
        parsed && 'error' in parsed
          ? `the annotation costwise.dev/unit-metric could not be read: ${parsed.error}`
          : 'no unit metric declared: add the annotation costwise.dev/unit-metric';
      for (const dimension of ['unitCost', 'unitCostTrend'] as const)
        figures.push({
          dimension,
          members: 0,
          value: null,
          ...unranked(),
          verdict: why,
          peers: [],
        });
    }
    return {
      entityRef: ref,
      measure: self.measure,
      currency: self.currency,
      month: months[2],
      cohort: {
        basis: cohort.basis,
        label: cohort.label,
        size,
        ...(peers.length + 1 < cohort.members.length
          ? {
              capped: `compared with ${peers.length + 1} of its ${
                cohort.members.length
              } members (finops.benchmarks.maxCohort), the first by name`,
            }
          : {}),
      },
      unitMetric,
      figures,
      ...(size < MIN_COHORT
        ? {
            notEnoughPeers: `not enough peers (${countOf(
              size,
              cohort.label,
            )} with data; ${MIN_COHORT} needed)`,
          }
        : {}),
    };
  }
}
