import type {
  BenchmarkDimension,
  BenchmarkFigure,
  UnitMetric,
} from '@costwise/plugin-finops-common';
import { ResponseError } from '@backstage/errors';

/** "1k requests" for `requests per 1000`; the metric name when unlabelled. */
export function unitLabel(unitMetric: UnitMetric | null | undefined): string {
  if (!unitMetric) return 'unit';
  return unitMetric.label || unitMetric.metric;
}

/** Titles of the benchmark's dimensions, naming the unit where there is one. */
export function dimensionTitle(
  dimension: BenchmarkDimension,
  unitMetric: UnitMetric | null | undefined,
): string {
  switch (dimension) {
    case 'monthlyCost':
      return 'Monthly cost';
    case 'unitCost':
      return `Cost per ${unitLabel(unitMetric)}`;
    case 'unitCostTrend':
      return 'Unit-cost trend (3 months)';
    default:
      return dimension;
  }
}

/**
 * The percentile as a plain claim, good or bad: lower is better on every
 * dimension, so the percentile is the share of peers the entity beats; below
 * 50 the claim turns round, as the verdict does ("more expensive than 70%").
 */
export function percentileClaim(
  figure: BenchmarkFigure,
): { text: string; good: boolean } | undefined {
  if (figure.percentile === null || figure.notEnoughPeers) return undefined;
  const good = figure.percentile >= 50;
  const percent = Math.round(
    good ? figure.percentile : 100 - figure.percentile,
  );
  // the entity is not its own peer: 100% of them is all the others
  const peers = figure.members - 1;
  let of = `${percent}% of peers`;
  if (percent === 100) of = peers === 1 ? 'its one peer' : `all ${peers} peers`;
  if (figure.dimension === 'unitCostTrend') {
    return { text: `${good ? 'better' : 'worse'} trend than ${of}`, good };
  }
  return { text: `${good ? 'cheaper' : 'more expensive'} than ${of}`, good };
}

/** Whether the backend refused because the caller may not read the cost. */
export function isForbidden(error: Error | undefined): boolean {
  return (error as Partial<ResponseError> | undefined)?.statusCode === 403;
}
