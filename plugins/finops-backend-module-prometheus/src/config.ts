import type { Config } from '@backstage/config';
import { METRIC_NAME_PATTERN } from '@costwise/plugin-finops-common';

/** One configured PromQL query. @public */
export interface PrometheusMetricConfig {
  name: string;
  query: string;
  entities: { kinds?: string[]; types?: string[]; refs?: string[] };
}

/** The `finops.prometheus` block. @public */
export interface PrometheusConfig {
  id: string;
  baseUrl: string;
  headers: Record<string, string>;
  concurrency: number;
  metrics: PrometheusMetricConfig[];
}

const lower = (values?: string[]) => values?.map(v => v.trim().toLowerCase());

/** A URL as it may be logged: without the credentials it may carry. */
function redacted(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/, '//***@');
}

/**
 * Reads `finops.prometheus`; undefined when the block is absent. Throws an
 * error naming the bad key otherwise.
 *
 * @public
 */
export function readPrometheusConfig(
  config: Config,
): PrometheusConfig | undefined {
  const block = config.getOptionalConfig('finops.prometheus');
  if (!block) return undefined;
  let url: URL;
  try {
    url = new URL(block.getString('baseUrl'));
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(
      `finops.prometheus.baseUrl must be an http(s) URL, got '${redacted(
        block.getString('baseUrl'),
      )}'`,
    );
  const headersConfig = block.getOptionalConfig('headers');
  const headers: Record<string, string> = {};
  for (const key of headersConfig?.keys() ?? [])
    headers[key] = headersConfig!.getString(key);
  // credentials in the URL become a header: the URL is logged, a header never
  if (url.username || url.password) {
    const hasAuthorization = Object.keys(headers).some(
      k => k.toLowerCase() === 'authorization',
    );
    if (!hasAuthorization)
      headers.Authorization = `Basic ${Buffer.from(
        `${decodeURIComponent(url.username)}:${decodeURIComponent(
          url.password,
        )}`,
      ).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  const baseUrl = url.toString().replace(/\/+$/, '');
  const concurrency = block.getOptionalNumber('concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error(
      `finops.prometheus.concurrency must be an integer from 1 to 64, got ${concurrency}`,
    );
  const metrics = block.getConfigArray('metrics').map((m, i) => {
    const name = m.getString('name').trim().toLowerCase();
    if (!METRIC_NAME_PATTERN.test(name))
      throw new Error(
        `finops.prometheus.metrics[${i}].name '${name}' is not a metric name (a letter, then letters, digits, _ . or -)`,
      );
    const filter = m.getOptionalConfig('entities');
    return {
      name,
      query: m.getString('query'),
      entities: {
        kinds: lower(filter?.getOptionalStringArray('kinds')) ?? ['component'],
        types: lower(filter?.getOptionalStringArray('types')),
        refs: lower(filter?.getOptionalStringArray('refs')),
      },
    };
  });
  return {
    id: block.getOptionalString('id') ?? 'prometheus',
    baseUrl,
    headers,
    concurrency,
    metrics,
  };
}
