import type { Entity } from '@backstage/catalog-model';
import {
  BenchmarkDimension,
  BenchmarkFigure,
  BenchmarkResponse,
  CostMeasure,
  ANNOTATION_UNIT_METRIC,
  Decimal,
  UnitMetric,
} from '@costwise/plugin-finops-common';
import { entityRefOf } from '../../attribution';
import { monthEnd, previousMonthStart } from '../../model';
import type { CostViewer, CostViewService, ViewCache } from '../views';
import { CohortOptions, cohortOf } from './cohorts';
import { byMonth, trendOf, unitCostOf, UNIT_COST_DIGITS } from './series';
import { percentileAmong, quantile } from './stats';
import type { UnitCostService } from './UnitCostService';
import { unitMetricOf } from './unitMetric';

/** A cohort needs this many members with data before anyone is ranked in it. */
export const MIN_COHORT = 3;

/** The most members a cohort is compared with by default. */
export const MAX_COHORT = 500;

/** One member's values on the three dimensions; undefined where it has none. */
interface Measurement {
  ref: string;
  monthlyCost?: Decimal;
  unitCost?: Decimal;
  unitCostTrend?: number;
}

/** The month compared: the last full month up to `asOf`, and the two before it. */
export function benchmarkMonths(asOf: string): string[] {
  const last =
    asOf === monthEnd(asOf)
      ? `${asOf.slice(0, 7)}-01`
      : previousMonthStart(asOf);
  const middle = previousMonthStart(last);
  const first = previousMonthStart(middle);
  return [first, middle, last].map(d => d.slice(0, 7));
}

/** `3 service components`, `1 service component`, `1 member of cohort x`. */
export function countOf(n: number, label: string): string {
  if (n !== 1) return `${n} ${label}`;
  const words = label.split(' ');
  const plural = words.findIndex(w => /^(?:[a-z]+s|APIs)$/.test(w));
  if (plural >= 0) words[plural] = words[plural].replace(/s$/, '');
  return `1 ${words.join(' ')}`;
}

/** The figures of a dimension on which no one is ranked: no position, no distribution. */
function unranked() {
  return {
    percentile: null,
    distribution: [],
    min: null,
    q1: null,
    median: null,
    q3: null,
    max: null,
  };
}

function round(value: number): number {
  return Math.round(value);
}

/**
 * The percentile in words, among the others (the entity is not its own
 * peer): "cheaper than 75% of the 4 other service components", "cheaper
 * than all 4 other service components".
 */
function verdictOf(
  dimension: BenchmarkDimension,
  percentile: number,
  value: number,
  others: string,
): string {
  const better = percentile >= 50;
  const share = round(better ? percentile : 100 - percentile);
  const than = share === 100 ? `all ${others}` : `${share}% of the ${others}`;
  if (dimension !== 'unitCostTrend')
    return `${better ? 'cheaper' : 'more expensive'} than ${than}`;
  const verb = value < 0 ? 'falling' : 'rising';
  const pace = value < 0 === better ? 'faster' : 'slower';
  return `unit cost ${verb} ${pace} than ${than}`;
}

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

    const figure = (
      dimension: BenchmarkDimension,
      pick: (m: Measurement) => number | undefined,
      text: (m: Measurement) => string | undefined,
      suffix: string,
      withData: string,
    ): BenchmarkFigure => {
      const valued = all
        .map(m => ({ ref: m.ref, value: pick(m) }))
        .filter(
          (m): m is { ref: string; value: number } => m.value !== undefined,
        );
      const members = valued.length;
      const own = valued.find(m => m.ref === ref);
      const cohortText = `${countOf(members, cohort.label)}${suffix}`;
      const othersText = `${countOf(members - 1, cohort.label).replace(
        /^(\d+) /,
        '$1 other ',
      )}${suffix}`;
      const base = {
        dimension,
        members,
        value: text(self.values) ?? null,
      };
      if (members < MIN_COHORT) {
        const notEnoughPeers = `not enough peers (${countOf(
          members,
          cohort.label,
        )} ${withData}; ${MIN_COHORT} needed)`;
        // below 3 members a distribution would show a single peer's figure
        return {
          ...base,
          ...unranked(),
          verdict: notEnoughPeers,
          peers: valued
            .filter(m => readable.has(m.ref))
            .map(m => ({ entityRef: m.ref, value: m.value })),
          notEnoughPeers,
        };
      }
      const sorted = valued.map(m => m.value).sort((a, b) => a - b);
      // with a single peer the caller may not read, the distribution minus
      // the entity and the named peers would be that peer's value, and the
      // position against the named peers would say where that peer stands
      const unnamed = valued.filter(
        m => m.ref !== ref && !readable.has(m.ref),
      ).length;
      const anonymous = unnamed !== 1;
      const percentile =
        own && anonymous
          ? percentileAmong(
              own.value,
              valued.filter(m => m.ref !== ref).map(m => m.value),
            )
          : null;
      const withheld = anonymous
        ? undefined
        : `the position and distribution are withheld: one of the ${countOf(
            members - 1,
            'peers',
          )} is hidden from you, and either would reveal its figure`;
      return {
        ...base,
        percentile,
        distribution: anonymous ? sorted : [],
        min: anonymous ? sorted[0] : null,
        q1: anonymous ? quantile(sorted, 0.25) : null,
        median: anonymous ? quantile(sorted, 0.5) : null,
        q3: anonymous ? quantile(sorted, 0.75) : null,
        max: anonymous ? sorted[sorted.length - 1] : null,
        verdict:
          withheld ??
          (own && percentile !== null
            ? verdictOf(dimension, percentile, own.value, othersText)
            : `no value for this entity in ${months[2]} (${cohortText} ${withData})`),
        peers: valued
          .filter(m => readable.has(m.ref))
          .map(m => ({ entityRef: m.ref, value: m.value })),
        ...(unnamed > 0 ? { hiddenPeers: unnamed } : {}),
        ...(withheld ? { withheld } : {}),
      };
    };

    const perUnit = unitMetric ? ` per ${unitMetric.label}` : '';
    const figures: BenchmarkFigure[] = [
      figure(
        'monthlyCost',
        m => m.monthlyCost?.toNumber(),
        m => m.monthlyCost?.toString(),
        '',
        `with cost in ${months[2]}`,
      ),
    ];
    if (unitMetric) {
      figures.push(
        figure(
          'unitCost',
          m => m.unitCost?.toNumber(),
          m => m.unitCost?.toFixed(UNIT_COST_DIGITS),
          perUnit,
          `with a cost${perUnit} in ${months[2]}`,
        ),
        figure(
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
