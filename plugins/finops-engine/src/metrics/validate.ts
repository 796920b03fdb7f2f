import { parseEntityRef } from '@backstage/catalog-model';
import {
  METRIC_NAME_PATTERN,
  MetricPoint,
  MetricRejection,
} from '@costwise/plugin-finops-common';

/** What a batch of metric points checks each point against. */
export interface MetricCheckOptions {
  /** The last allowed day, `YYYY-MM-DD` (today, UTC). */
  today: string;
  /** Lower-case refs of the entities that exist; when absent, existence is not checked. */
  knownEntities?: Set<string>;
  /** Metrics this caller may not send, with the reason. */
  refusedMetrics?: Map<string, string>;
  /** Position of the first point: 0 for a request body, 2 for a CSV's first data line. */
  firstIndex?: number;
}

const NUMBER_TEXT = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * `2026-02-30` is not a day; a regex alone would let it through.
 *
 * @public
 */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(text);
}

/** The lower-case `kind:namespace/name` of a reference, or an error message. */
export function readEntityRef(value: unknown): string | { error: string } {
  if (typeof value !== 'string' || !value.trim())
    return { error: 'entity is missing' };
  try {
    const { kind, namespace, name } = parseEntityRef(value.trim());
    return `${kind}:${namespace}/${name}`.toLowerCase();
  } catch {
    return {
      error: `entity '${value}' is not an entity reference (kind:namespace/name)`,
    };
  }
}

function readValue(value: unknown): number | { error: string } {
  if (typeof value === 'string') {
    const text = value.trim();
    if (!NUMBER_TEXT.test(text)) {
      return text.startsWith('-') && NUMBER_TEXT.test(text.slice(1))
        ? { error: `value ${text} is negative` }
        : { error: `value '${value}' is not a number` };
    }
    return readValue(Number(text));
  }
  if (typeof value !== 'number')
    return {
      error:
        value === undefined || value === null
          ? 'value is missing'
          : `value ${JSON.stringify(value)} is not a number`,
    };
  if (!Number.isFinite(value)) return { error: `value ${value} is not finite` };
  if (value < 0) return { error: `value ${value} is negative` };
  return value;
}

function checkOne(
  raw: unknown,
  options: MetricCheckOptions,
): MetricPoint | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return 'a point must be an object with entity, metric, date and value';
  const input = raw as Record<string, unknown>;
  const reasons: string[] = [];

  const entity = readEntityRef(input.entity);
  if (typeof entity !== 'string') reasons.push(entity.error);
  else if (options.knownEntities && !options.knownEntities.has(entity))
    reasons.push(`entity ${entity} is not in the catalog`);

  const metric =
    typeof input.metric === 'string' ? input.metric.trim().toLowerCase() : '';
  if (!metric) reasons.push('metric is missing');
  else if (!METRIC_NAME_PATTERN.test(metric))
    reasons.push(
      `metric '${input.metric}' is not a metric name (a letter, then letters, digits, _ . or -, at most 100)`,
    );
  else if (options.refusedMetrics?.has(metric))
    reasons.push(options.refusedMetrics.get(metric)!);

  const date = typeof input.date === 'string' ? input.date.trim() : '';
  if (!date) reasons.push('date is missing');
  else if (!isCalendarDay(date))
    reasons.push(`date '${input.date}' is not a calendar date YYYY-MM-DD`);
  else if (date > options.today)
    reasons.push(`date ${date} is in the future (today is ${options.today})`);

  const value = readValue(input.value);
  if (typeof value !== 'number') reasons.push(value.error);

  if (reasons.length > 0) return reasons.join('; ');
  return {
    entity: entity as string,
    metric,
    date,
    value: value as number,
  };
}

/**
 * Checks a batch of metric points: a known entity, a metric name, a calendar
 * day not in the future, a finite value that is not negative. Every bad point
 * is rejected with all its reasons; good points are never dropped because of
 * a bad one.
 */
export function checkMetricPoints(
  raw: unknown[],
  options: MetricCheckOptions,
): { accepted: MetricPoint[]; rejected: MetricRejection[] } {
  const accepted: MetricPoint[] = [];
  const rejected: MetricRejection[] = [];
  raw.forEach((input, i) => {
    const result = checkOne(input, options);
    if (typeof result === 'string') {
      const point =
        input && typeof input === 'object' && !Array.isArray(input)
          ? (input as Partial<MetricPoint>)
          : undefined;
      rejected.push({
        index: i + (options.firstIndex ?? 0),
        reason: result,
        point,
      });
    } else accepted.push(result);
  });
  return { accepted, rejected };
}

/** Today (UTC) as `YYYY-MM-DD`. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
