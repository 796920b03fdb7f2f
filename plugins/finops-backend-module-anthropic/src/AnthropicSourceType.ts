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
  ProviderPage,
  ProviderRequestOptions,
  providerSourceBaseUrl,
  pullWindow,
  PullWindow,
  RetryPolicy,
  windowSpans,
} from '@costwise/plugin-finops-node';
import { ANTHROPIC_API_URL, AnthropicConfig } from './config';
import { parseCosts, parseUsage } from './parse';

/** The beta header the Usage and Cost Analytics API asks for. */
export const ANALYTICS_BETA = 'analytics-usage-cost-2026-08-24';

const USAGE_GROUP_BY = [
  'workspace_id',
  'api_key_id',
  'model',
  'service_tier',
  'context_window',
];
/** The reports' most daily buckets a page. */
const REPORT_PAGE_LIMIT = 31;
/** The analytics API's most rows a page, and most days a query. */
const ANALYTICS_PAGE_LIMIT = 1000;
const ANALYTICS_MAX_DAYS = 31;

/**
 * How {@link createAnthropicSourceType} reads: the `finops.anthropic`
 * settings, and what tests replace.
 *
 * @public
 */
export interface AnthropicSourceOptions
  extends Omit<
    AnthropicConfig,
    'retry' | 'timeoutMs' | 'prices' | 'anthropicVersion'
  > {
  anthropicVersion?: string;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Extra prices, after the built-in ones. */
  prices?: AnthropicConfig['prices'];
  logger?: LoggerService;
  /** The current time; default the clock. */
  now?: () => Date;
  fetch?: typeof fetch;
}

const instant = (day: string) => `${day}T00:00:00Z`;

/** The first-page URLs of one report: the reports take the window whole, analytics 31 days at a time. */
function reportUrls(
  baseUrl: string,
  path: string,
  window: PullWindow,
  analytics: boolean,
  groupBy: string[],
): URL[] {
  if (!analytics)
    return [
      buildProviderUrl(
        baseUrl,
        `v1/organizations/${path}`,
        {
          starting_at: instant(window.start),
          ending_at: instant(window.end),
          bucket_width: '1d',
          group_by: groupBy,
          limit: REPORT_PAGE_LIMIT,
        },
        'brackets',
      ),
    ];
  return windowSpans(window.start, window.end, ANALYTICS_MAX_DAYS).map(span =>
    buildProviderUrl(
      baseUrl,
      `v1/organizations/analytics/${path}`,
      {
        starting_at: instant(span.start),
        ending_at: instant(span.end),
        time_bucket_width: '1d',
        group_by: groupBy,
        limit: ANALYTICS_PAGE_LIMIT,
      },
      'brackets',
    ),
  );
}

/**
 * Reads the whole pull, checks it and only then yields: a pull that fails
 * anywhere yields nothing but the error, so that the ingestion stores
 * nothing and what was stored stays.
 */
async function* readAnthropic(
  options: AnthropicSourceOptions,
  prices: LlmPriceTable,
  read: CostSourceReadOptions,
): AsyncGenerator<CostRecord> {
  const baseUrl = providerSourceBaseUrl(read.location, {
    type: 'anthropic',
    configured: options.baseUrl,
    example: ANTHROPIC_API_URL,
  });
  const window = pullWindow(
    (options.now ?? (() => new Date()))(),
    options.lookbackDays,
  );
  const analytics = options.analytics;
  const request: ProviderRequestOptions = {
    service: 'Anthropic',
    headers: {
      'x-api-key': options.adminKey,
      'anthropic-version': options.anthropicVersion ?? '2023-06-01',
      ...(analytics ? { 'anthropic-beta': ANALYTICS_BETA } : {}),
    },
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    signal: read.signal,
    fetch: options.fetch,
    authHint:
      'Check finops.anthropic.adminKey: it must be an Admin API key (sk-ant-admin…) of the organization',
    onRetry: logProviderRetries('Anthropic', options.logger),
  };
  const files: CostRecord[] = [];
  const pagesOf = async (urls: URL[], format: string) => {
    const pages: ProviderPage[] = [];
    for (const url of urls) {
      files.push({ kind: 'file', file: url.toString(), format });
      pages.push(...(await fetchAllPages(url, request)));
    }
    return pages;
  };

  const rejections: RejectedRow[] = [];
  const costGroups = analytics
    ? ['workspace_id', 'api_key_id', 'model', 'cost_type', 'token_type']
    : ['workspace_id', 'description'];
  const costs = parseCosts(
    await pagesOf(
      reportUrls(
        baseUrl,
        analytics ? 'cost' : 'cost_report',
        window,
        analytics,
        costGroups,
      ),
      analytics ? 'anthropic-analytics-cost' : 'anthropic-cost-report',
    ),
    window,
    analytics,
  );
  rejections.push(...costs.rejections);
  const usage = parseUsage(
    await pagesOf(
      reportUrls(
        baseUrl,
        analytics ? 'usage' : 'usage_report/messages',
        window,
        analytics,
        USAGE_GROUP_BY,
      ),
      analytics ? 'anthropic-analytics-usage' : 'anthropic-usage-report',
    ),
    window,
    analytics,
    prices,
  );
  rejections.push(...usage.rejections);

  yield* finishLlmPull({
    provider: 'Anthropic',
    organizationId: options.organizationId,
    organizationName: options.organizationName,
    currency: read.currency ?? 'USD',
    window,
    files,
    costs: costs.lines as LlmCostLine[],
    usage: usage.lines as LlmUsageLine[],
    rejections,
    logger: options.logger,
    details: { api: analytics ? 'analytics' : 'reports' },
  });
}

/**
 * The `anthropic` cost source type: each ingestion pulls the organization's
 * Admin API cost report (daily billed cost per workspace and description,
 * in cents) and messages usage report (tokens per workspace, API key,
 * model, service tier and context window), or with `analytics` the Usage
 * and Cost Analytics API, for the whole months from `today − lookbackDays`
 * on, and yields FOCUS rows: the billed cost in dollars, split to API keys
 * and models in proportion to usage × list price, with what cannot be
 * split kept visible (see `allocateLlmCosts`). A source's `location` is
 * the API base URL, or `default`.
 * Throws when an extra price is not a price.
 *
 * @public
 */
export function createAnthropicSourceType(
  options: AnthropicSourceOptions,
): CostSourceType {
  const prices = llmPriceTableWith(options.prices, 'finops.anthropic.prices');
  return {
    type: 'anthropic',
    read: read => readAnthropic(options, prices, read),
  };
}
