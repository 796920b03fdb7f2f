import type { Config } from '@backstage/config';
import type { LlmModelPrice } from '@costwise/plugin-finops-node';

/** The default base URL of the Anthropic API. @public */
export const ANTHROPIC_API_URL = 'https://api.anthropic.com';

/**
 * The `finops.anthropic` block, with its defaults.
 *
 * @public
 */
export interface AnthropicConfig {
  adminKey: string;
  baseUrl: string;
  organizationId: string;
  organizationName?: string;
  lookbackDays: number;
  /** Pull the Usage and Cost Analytics API (beta) instead of the reports. */
  analytics: boolean;
  anthropicVersion: string;
  /** Extra list prices (`provider: 'anthropic'`), after the built-in ones. */
  prices: LlmModelPrice[];
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  timeoutMs: number;
}

function wholeNumber(
  value: number | undefined,
  fallback: number,
  key: string,
  min = 1,
): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min)
    throw new Error(
      `finops.anthropic.${key} must be a whole number of at least ${min}, got ${n}`,
    );
  return n;
}

/**
 * Checks an API base URL: http(s), without credentials (the key travels
 * in a header). Returns it without a trailing slash.
 */
export function checkAnthropicBaseUrl(text: string, key: string): string {
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
      `${key} must not carry credentials; the admin key goes in finops.anthropic.adminKey`,
    );
  return url.toString().replace(/\/+$/, '');
}

/**
 * Reads `finops.anthropic`; undefined when the block is absent. Throws an
 * error naming the bad key otherwise.
 *
 * @public
 */
export function readAnthropicConfig(
  config: Config,
): AnthropicConfig | undefined {
  const block = config.getOptionalConfig('finops.anthropic');
  if (!block) return undefined;
  const adminKey = block.getString('adminKey').trim();
  if (!adminKey) throw new Error('finops.anthropic.adminKey is empty');
  const retry = block.getOptionalConfig('retry');
  const prices = (block.getOptionalConfigArray('prices') ?? []).map(p => ({
    provider: 'anthropic',
    model: p.getString('model'),
    from: p.getString('from'),
    input: p.getString('input'),
    cachedInput: p.getOptionalString('cachedInput'),
    cacheWrite: p.getOptionalString('cacheWrite'),
    cacheWrite1h: p.getOptionalString('cacheWrite1h'),
    output: p.getOptionalString('output'),
  }));
  return {
    adminKey,
    baseUrl: checkAnthropicBaseUrl(
      block.getOptionalString('baseUrl') ?? ANTHROPIC_API_URL,
      'finops.anthropic.baseUrl',
    ),
    organizationId: block.getOptionalString('organizationId') ?? 'anthropic',
    organizationName: block.getOptionalString('organizationName'),
    lookbackDays: wholeNumber(
      block.getOptionalNumber('lookbackDays'),
      3,
      'lookbackDays',
      0,
    ),
    analytics: block.getOptionalBoolean('analytics') ?? false,
    anthropicVersion:
      block.getOptionalString('anthropicVersion') ?? '2023-06-01',
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
