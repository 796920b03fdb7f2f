import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { MetricPoint } from '@costwise/plugin-finops-common';
import type {
  MetricProvider,
  MetricProviderFetchOptions,
} from '@costwise/plugin-finops-node';
import type { PrometheusConfig, PrometheusMetricConfig } from './config';

const DAY_MS = 86_400_000;

/** Why one query gave no value. */
class QueryError extends Error {}

function refOf(entity: Entity) {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();
}

function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let ms = Date.parse(`${from}T00:00:00Z`);
    ms <= Date.parse(`${to}T00:00:00Z`);
    ms += DAY_MS
  )
    out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

/** PromQL label values are double-quoted strings: escape what would end one. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The query with the entity's `{{name}}`, `{{namespace}}`, `{{kind}}` and `{{ref}}`. */
export function renderQuery(template: string, entity: Entity): string {
  const values: Record<string, string> = {
    name: entity.metadata.name,
    namespace: entity.metadata.namespace ?? 'default',
    kind: entity.kind,
    ref: refOf(entity),
  };
  return template.replace(/\{\{\s*(name|namespace|kind|ref)\s*\}\}/g, (_, k) =>
    escapeLabel(values[k]),
  );
}

function matches(entity: Entity, filter: PrometheusMetricConfig['entities']) {
  const kind = entity.kind.toLowerCase();
  const type = String(entity.spec?.type ?? '').toLowerCase();
  if (filter.refs && !filter.refs.includes(refOf(entity))) return false;
  if (filter.kinds && !filter.kinds.includes(kind)) return false;
  if (filter.types && !filter.types.includes(type)) return false;
  return true;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
) {
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) await fn(items[next++]);
    },
  );
  await Promise.all(workers);
}

/**
 * Reads daily metric values from Prometheus: each configured query, for each
 * matching entity and day, as an instant query at the end of the day (UTC).
 * A vector result's samples are summed; an empty result gives no value that
 * day; an error response skips that query with a warning. When Prometheus
 * cannot be reached at all, the run fails.
 *
 * @public
 */
export class PrometheusMetricProvider implements MetricProvider {
  readonly id: string;

  constructor(
    private readonly config: PrometheusConfig,
    private readonly logger: LoggerService,
  ) {
    this.id = config.id;
  }

  private async query(
    promql: string,
    time: number,
    signal?: AbortSignal,
  ): Promise<number | undefined> {
    const url = `${this.config.baseUrl}/api/v1/query?${new URLSearchParams({
      query: promql,
      time: String(time),
    })}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: this.config.headers, signal });
    } catch (error) {
      throw new Error(
        `Prometheus at ${this.config.baseUrl} could not be reached: ${
          (error as Error).message
        }`,
      );
    }
    const text = await response.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new QueryError(
        `HTTP ${response.status}, not a Prometheus API response: ${text.slice(
          0,
          200,
        )}`,
      );
    }
    if (body?.status !== 'success')
      throw new QueryError(
        `${body?.errorType ?? `HTTP ${response.status}`}: ${
          body?.error ?? 'no error message'
        }`,
      );
    const { resultType, result } = body.data ?? {};
    let values: string[];
    if (resultType === 'vector' && Array.isArray(result))
      values = result.map((s: any) => s?.value?.[1]);
    else if (resultType === 'scalar' && Array.isArray(result))
      values = [result[1]];
    else
      throw new QueryError(
        `a ${resultType} result; the query must give an instant vector or a scalar`,
      );
    if (values.length === 0) return undefined;
    const numbers = values.map(Number);
    if (numbers.some(n => !Number.isFinite(n)))
      throw new QueryError(
        `the result is not a finite number: ${values.join(', ')}`,
      );
    return numbers.reduce((a, b) => a + b, 0);
  }

  async fetch(options: MetricProviderFetchOptions): Promise<MetricPoint[]> {
    const days = eachDay(options.from, options.to);
    const jobs: Array<{
      metric: PrometheusMetricConfig;
      entity: Entity;
      day: string;
    }> = [];
    for (const metric of this.config.metrics)
      for (const entity of options.entities.filter(e =>
        matches(e, metric.entities),
      ))
        for (const day of days) jobs.push({ metric, entity, day });

    const points: MetricPoint[] = [];
    const failures: string[] = [];
    await eachLimited(jobs, this.config.concurrency, async job => {
      const promql = renderQuery(job.metric.query, job.entity);
      const end = Date.parse(`${job.day}T00:00:00Z`) / 1000 + 86_400;
      try {
        const value = await this.query(promql, end, options.signal);
        if (value !== undefined)
          points.push({
            entity: refOf(job.entity),
            metric: job.metric.name,
            date: job.day,
            value,
          });
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        failures.push(
          `${job.metric.name} of ${refOf(job.entity)} on ${job.day}: ${
            error.message
          }`,
        );
      }
    });
    for (const failure of failures.slice(0, 10))
      this.logger.warn(`Prometheus query failed: ${failure}`);
    if (failures.length > 10)
      this.logger.warn(`… and ${failures.length - 10} more failed queries`);
    points.sort(
      (a, b) =>
        a.entity.localeCompare(b.entity) ||
        a.metric.localeCompare(b.metric) ||
        a.date.localeCompare(b.date),
    );
    return points;
  }
}
