/**
 * The figures of a benchmark: the months compared, the percentile and
 * distribution of each dimension, and their verdicts in words.
 */
import {
  BenchmarkDimension,
  BenchmarkFigure,
  Decimal,
} from '@costwise/plugin-finops-common';
import { monthEnd, previousMonthStart } from '../../model';
import { percentileAmong, quantile } from './stats';

/** A cohort needs this many members with data before anyone is ranked in it. */
export const MIN_COHORT = 3;

/** One member's values on the three dimensions; undefined where it has none. */
export interface Measurement {
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
export function unranked() {
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

/** What every figure of one benchmark is computed from. */
export interface FigureContext {
  /** The entity's values first, then its sampled peers'. */
  all: Measurement[];
  /** The entity benchmarked. */
  ref: string;
  self: Measurement;
  /** The cohort's label, e.g. `service components`. */
  label: string;
  /** The peers the caller may see named. */
  readable: Set<string>;
  /** The three months compared, `YYYY-MM`. */
  months: string[];
}

/**
 * One dimension's figure: the entity's value, its percentile among the
 * others and the anonymous distribution when the cohort is large enough
 * and no single hidden peer would be revealed, and the peers the caller
 * may read, named.
 */
export function figureOf(
  { all, ref, self, label, readable, months }: FigureContext,
  dimension: BenchmarkDimension,
  pick: (m: Measurement) => number | undefined,
  text: (m: Measurement) => string | undefined,
  suffix: string,
  withData: string,
): BenchmarkFigure {
  const valued = all
    .map(m => ({ ref: m.ref, value: pick(m) }))
    .filter((m): m is { ref: string; value: number } => m.value !== undefined);
  const members = valued.length;
  const own = valued.find(m => m.ref === ref);
  const cohortText = `${countOf(members, label)}${suffix}`;
  const othersText = `${countOf(members - 1, label).replace(
    /^(\d+) /,
    '$1 other ',
  )}${suffix}`;
  const base = {
    dimension,
    members,
    value: text(self) ?? null,
  };
  if (members < MIN_COHORT) {
    const notEnoughPeers = `not enough peers (${countOf(
      members,
      label,
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
}
