import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { RejectedRow } from '@costwise/plugin-finops-common';
import { allocateLlmCosts } from '../llm/allocate';
import { DEFAULT_LLM_PRICES } from '../llm/defaultPrices';
import type { LlmCostLine, LlmUsageLine } from '../llm/lines';
import { LlmModelPrice, LlmPriceTable } from '../llm/prices';
import type { CostRecord } from '../sources';
import type { ProviderRequestOptions } from './request';
import type { PullWindow } from './window';

/**
 * Checks a provider API's base URL: http(s), without credentials (the key
 * travels in a header). Returns it without a trailing slash. `key` names
 * the setting in errors; `adminKeySetting` the setting the key belongs in.
 *
 * @public
 */
export function checkProviderBaseUrl(
  text: string,
  key: string,
  adminKeySetting: string,
): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new Error(`${key} must be an http(s) URL, got '${text}'`);
  if (url.username || url.password)
    throw new Error(
      `${key} must not carry credentials; the admin key goes in ${adminKeySetting}`,
    );
  return url.toString().replace(/\/+$/, '');
}

/**
 * The API base URL an LLM provider source's location names: an http(s)
 * URL, else (empty or `default`) the configured `finops.<type>.baseUrl`.
 * `example` is shown in the error for any other location.
 *
 * @public
 */
export function providerSourceBaseUrl(
  location: string,
  options: { type: string; configured: string; example: string },
): string {
  const { type } = options;
  const trimmed = location.trim();
  if (/^https?:\/\//i.test(trimmed))
    return checkProviderBaseUrl(
      trimmed,
      `The location of an ${type} source`,
      `finops.${type}.adminKey`,
    );
  if (trimmed === '' || trimmed.toLowerCase() === 'default')
    return options.configured;
  throw new Error(
    `The location of an ${type} source must be the API's base URL (e.g. ${options.example}) or 'default' for finops.${type}.baseUrl; got '${trimmed}'`,
  );
}

/**
 * The settings every LLM provider's `finops.<provider>` block shares, with
 * their defaults.
 *
 * @public
 */
export interface ProviderApiConfig {
  /** The organization's admin key, sent in a header. */
  adminKey: string;
  /** The API base URL, without a trailing slash. */
  baseUrl: string;
  /** The rows' billing account id; default the provider's name. */
  organizationId: string;
  /** The rows' billing account name. */
  organizationName?: string;
  /** Each pull covers the whole months from today minus this many days. */
  lookbackDays: number;
  /** Extra list prices, after the built-in ones. */
  prices: LlmModelPrice[];
  /** How failed requests are retried. */
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  /** How long one request may take. */
  timeoutMs: number;
}

/**
 * Reads the shared settings of the `finops.<provider>` block `block`:
 * `adminKey`, `baseUrl`, `organizationId`, `organizationName`,
 * `lookbackDays` (default 3), `prices`, `retry` and `timeoutSeconds`
 * (default 60). Throws an error naming the bad key.
 *
 * @public
 */
export function readProviderApiConfig(
  block: RootConfigService,
  options: {
    /** The provider, as in `finops.<provider>` and the prices' `provider`. */
    provider: string;
    defaultBaseUrl: string;
    /** Whether a price may carry `cacheWrite1h`. */
    cacheWrite1h?: boolean;
  },
): ProviderApiConfig {
  const { provider } = options;
  const prefix = `finops.${provider}`;
  const wholeNumber = (
    value: number | undefined,
    fallback: number,
    key: string,
    min = 1,
  ): number => {
    const n = value ?? fallback;
    if (!Number.isInteger(n) || n < min)
      throw new Error(
        `${prefix}.${key} must be a whole number of at least ${min}, got ${n}`,
      );
    return n;
  };
  const adminKey = block.getString('adminKey').trim();
  if (!adminKey) throw new Error(`${prefix}.adminKey is empty`);
  const retry = block.getOptionalConfig('retry');
  const prices = (block.getOptionalConfigArray('prices') ?? []).map(p => ({
    provider,
    model: p.getString('model'),
    from: p.getString('from'),
    input: p.getString('input'),
    cachedInput: p.getOptionalString('cachedInput'),
    cacheWrite: p.getOptionalString('cacheWrite'),
    ...(options.cacheWrite1h
      ? { cacheWrite1h: p.getOptionalString('cacheWrite1h') }
      : {}),
    output: p.getOptionalString('output'),
  }));
  return {
    adminKey,
    baseUrl: checkProviderBaseUrl(
      block.getOptionalString('baseUrl') ?? options.defaultBaseUrl,
      `${prefix}.baseUrl`,
      `${prefix}.adminKey`,
    ),
    organizationId: block.getOptionalString('organizationId') ?? provider,
    organizationName: block.getOptionalString('organizationName'),
    lookbackDays: wholeNumber(
      block.getOptionalNumber('lookbackDays'),
      3,
      'lookbackDays',
      0,
    ),
    prices,
    retry: {
      maxAttempts: wholeNumber(
        retry?.getOptionalNumber('maxAttempts'),
        5,
        'retry.maxAttempts',
      ),
      initialDelayMs: wholeNumber(
        retry?.getOptionalNumber('initialDelayMs'),
        1000,
        'retry.initialDelayMs',
        0,
      ),
      maxDelayMs: wholeNumber(
        retry?.getOptionalNumber('maxDelayMs'),
        60_000,
        'retry.maxDelayMs',
        0,
      ),
    },
    timeoutMs:
      wholeNumber(
        block.getOptionalNumber('timeoutSeconds'),
        60,
        'timeoutSeconds',
      ) * 1000,
  };
}

/**
 * The built-in list prices followed by `extra`. Throws, prefixed with
 * `key` (the setting the extra prices come from), when one is not a price.
 *
 * @public
 */
export function llmPriceTableWith(
  extra: readonly LlmModelPrice[] | undefined,
  key: string,
): LlmPriceTable {
  try {
    return new LlmPriceTable([...DEFAULT_LLM_PRICES, ...(extra ?? [])]);
  } catch (error) {
    throw new Error(`${key}: ${(error as Error).message}`);
  }
}

/**
 * A {@link ProviderRequestOptions.onRetry} that warns of each retry of a
 * request to `service` on `logger`.
 *
 * @public
 */
export function logProviderRetries(
  service: string,
  logger: LoggerService | undefined,
): NonNullable<ProviderRequestOptions['onRetry']> {
  return ({ url, attempt, delayMs, reason }) =>
    logger?.warn(
      `${service} ${reason} to ${url}; retrying in ${delayMs} ms (attempt ${
        attempt + 1
      })`,
    );
}

/**
 * Ends an LLM provider's pull: splits the costs to usage (see
 * `allocateLlmCosts`) into rows of `<provider> API`, logs what was pulled
 * and returns the records in the order a source yields them: the files
 * read, the rejections, the rows.
 *
 * @public
 */
export function finishLlmPull(pull: {
  /** The provider's name, e.g. `OpenAI`. */
  provider: string;
  organizationId: string;
  organizationName?: string;
  currency: string;
  window: PullWindow;
  files: CostRecord[];
  costs: LlmCostLine[];
  usage: LlmUsageLine[];
  rejections: RejectedRow[];
  logger?: LoggerService;
  /** Further facts for the log line, after the window's. */
  details?: Record<string, string>;
}): CostRecord[] {
  const rows = allocateLlmCosts({
    costs: pull.costs,
    usage: pull.usage,
    template: {
      billingAccountId: pull.organizationId,
      billingAccountName: pull.organizationName,
      providerName: pull.provider,
      serviceName: `${pull.provider} API`,
      currency: pull.currency,
    },
  });
  pull.logger?.info(`Pulled ${pull.provider} costs and usage`, {
    from: pull.window.start,
    to: pull.window.end,
    months: pull.window.months.join(','),
    ...pull.details,
    costLines: pull.costs.length,
    usageLines: pull.usage.length,
    rows: rows.length,
    rejected: pull.rejections.length,
  });
  return [
    ...pull.files,
    ...pull.rejections.map(
      (rejection): CostRecord => ({ kind: 'rejected', rejection }),
    ),
    ...rows,
  ];
}
