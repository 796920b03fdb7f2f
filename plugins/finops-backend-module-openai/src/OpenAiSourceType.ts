import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RejectedRow } from '@costwise/plugin-finops-common';
import {
  buildProviderUrl,
  CostRecord,
  CostSourceReadOptions,
  CostSourceType,
  fetchAllPages,
  finishLlmPull,
  LlmCostLine,
  LlmPriceTable,
  llmPriceTableWith,
  LlmUsageLine,
  logProviderRetries,
  ProviderRequestOptions,
  providerSourceBaseUrl,
  pullWindow,
  RetryPolicy,
} from '@costwise/plugin-finops-node';
import { OPENAI_API_URL, OpenAiConfig } from './config';
import { parseCosts, parseUsage } from './parse';

/** The group_by of each usage endpoint: the most detail the endpoint gives. */
const USAGE_GROUP_BY: Record<string, string[]> = {
  completions: ['project_id', 'api_key_id', 'model', 'batch', 'service_tier'],
};
const DEFAULT_USAGE_GROUP_BY = ['project_id', 'api_key_id', 'model'];

/** Buckets per page: the most each endpoint allows for daily buckets. */
const USAGE_PAGE_LIMIT = 31;
const COSTS_PAGE_LIMIT = 180;

/**
 * How {@link createOpenAiSourceType} reads: the `finops.openai` settings,
 * and what tests replace.
 *
 * @public
 */
export interface OpenAiSourceOptions
  extends Omit<OpenAiConfig, 'retry' | 'timeoutMs' | 'prices'> {
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Extra prices, after the built-in ones. */
  prices?: OpenAiConfig['prices'];
  logger?: LoggerService;
  /** The current time; default the clock. */
  now?: () => Date;
  fetch?: typeof fetch;
}

/**
 * Reads the whole pull, checks it and only then yields: a pull that fails
 * anywhere yields nothing but the error, so that the ingestion stores
 * nothing and what was stored stays.
 */
async function* readOpenAi(
  options: OpenAiSourceOptions,
  prices: LlmPriceTable,
  read: CostSourceReadOptions,
): AsyncGenerator<CostRecord> {
  const baseUrl = providerSourceBaseUrl(read.location, {
    type: 'openai',
    configured: options.baseUrl,
    example: OPENAI_API_URL,
  });
  const window = pullWindow(
    (options.now ?? (() => new Date()))(),
    options.lookbackDays,
  );
  const request: ProviderRequestOptions = {
    service: 'OpenAI',
    headers: { Authorization: `Bearer ${options.adminKey}` },
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    signal: read.signal,
    fetch: options.fetch,
    authHint:
      'Check finops.openai.adminKey: it must be an admin key (sk-admin-…) of the organization, allowed to read usage and costs',
    onRetry: logProviderRetries('OpenAI', options.logger),
  };
  const range = {
    start_time: window.startSeconds,
    end_time: window.endSeconds,
    bucket_width: '1d',
  };

  const files: CostRecord[] = [];
  const rejections: RejectedRow[] = [];
  const costsUrl = buildProviderUrl(baseUrl, 'organization/costs', {
    ...range,
    group_by: ['project_id', 'line_item'],
    limit: COSTS_PAGE_LIMIT,
  });
  files.push({
    kind: 'file',
    file: costsUrl.toString(),
    format: 'openai-costs',
  });
  const costs = parseCosts(await fetchAllPages(costsUrl, request), window);
  rejections.push(...costs.rejections);

  const usage: LlmUsageLine[] = [];
  for (const endpoint of options.usageEndpoints) {
    const url = buildProviderUrl(baseUrl, `organization/usage/${endpoint}`, {
      ...range,
      group_by: USAGE_GROUP_BY[endpoint] ?? DEFAULT_USAGE_GROUP_BY,
      limit: USAGE_PAGE_LIMIT,
    });
    files.push({
      kind: 'file',
      file: url.toString(),
      format: `openai-usage-${endpoint}`,
    });
    const parsed = parseUsage(
      endpoint,
      await fetchAllPages(url, request),
      window,
      prices,
    );
    usage.push(...parsed.lines);
    rejections.push(...parsed.rejections);
  }

  yield* finishLlmPull({
    provider: 'OpenAI',
    organizationId: options.organizationId,
    organizationName: options.organizationName,
    currency: read.currency ?? 'USD',
    window,
    files,
    costs: costs.lines as LlmCostLine[],
    usage,
    rejections,
    logger: options.logger,
  });
}

/**
 * The `openai` cost source type: each ingestion pulls the organization's
 * Costs API (daily billed cost per project and line item) and Usage API
 * (tokens per project, API key, model, batch and service tier) for the
 * whole months from `today − lookbackDays` on, and yields FOCUS rows: the
 * billed cost split to API keys and models in proportion to usage × list
 * price, with what cannot be split kept visible (see `allocateLlmCosts`).
 * A source's `location` is the API base URL, or `default`.
 * Throws when an extra price is not a price.
 *
 * @public
 */
export function createOpenAiSourceType(
  options: OpenAiSourceOptions,
): CostSourceType {
  const prices = llmPriceTableWith(options.prices, 'finops.openai.prices');
  return {
    type: 'openai',
    read: read => readOpenAi(options, prices, read),
  };
}
