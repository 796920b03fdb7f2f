import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_UNIT_METRIC,
  METRIC_NAME_PATTERN,
  UnitMetric,
} from '@costwise/plugin-finops-common';

const GRAMMAR = /^([^\s]+)(?:\s+per\s+([^\s]+))?$/i;

function labelOf(metric: string, per: number): string {
  const words = metric.replace(/[_.-]+/g, ' ').trim();
  // `active_users` → `active user`: one displayed unit is singular
  const singular = per === 1 ? words.replace(/s$/, '') : words;
  if (per === 1) return singular;
  let scaled = per.toLocaleString('en-US');
  if (per % 1_000_000 === 0) scaled = `${per / 1_000_000}M`;
  else if (per % 1000 === 0) scaled = `${per / 1000}k`;
  return `${scaled} ${words}`;
}

/**
 * Reads `costwise.dev/unit-metric`: `<metric>` or `<metric> per <N>` with N a
 * positive integer, e.g. `requests per 1000` (cost per 1k requests) or
 * `active_users` (cost per active user). Whitespace and case are tolerated.
 *
 * @public
 */
export function parseUnitMetric(value: string): UnitMetric | { error: string } {
  const text = value.trim().replace(/\s+/g, ' ');
  const match = GRAMMAR.exec(text);
  if (!match)
    return {
      error: `'${value}' is not '<metric>' or '<metric> per <N>', e.g. 'requests per 1000'`,
    };
  const metric = match[1].toLowerCase();
  if (!METRIC_NAME_PATTERN.test(metric))
    return {
      error: `'${match[1]}' is not a metric name (a letter, then letters, digits, _ . or -)`,
    };
  let per = 1;
  if (match[2] !== undefined) {
    if (!/^\d+$/.test(match[2]) || Number(match[2]) < 1)
      return {
        error: `'per ${match[2]}' must be a positive integer, e.g. 'requests per 1000'`,
      };
    per = Number(match[2]);
    if (!Number.isSafeInteger(per))
      return { error: `'per ${match[2]}' is too large` };
  }
  return { metric, per, label: labelOf(metric, per) };
}

/**
 * The entity's unit metric, none, or why its annotation could not be read.
 *
 * @public
 */
export function unitMetricOf(
  entity: Entity,
): UnitMetric | { error: string } | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION_UNIT_METRIC];
  if (value === undefined || !value.trim()) return undefined;
  return parseUnitMetric(value);
}
