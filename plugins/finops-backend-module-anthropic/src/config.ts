import type { Config } from '@backstage/config';
import type { LlmModelPrice } from '@costwise/plugin-finops-node';
import {
  checkProviderBaseUrl,
  readProviderApiConfig,
} from '@costwise/plugin-finops-node';

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

/**
 * Checks an API base URL: http(s), without credentials (the key travels
 * in a header). Returns it without a trailing slash.
 */
export function checkAnthropicBaseUrl(text: string, key: string): string {
  return checkProviderBaseUrl(text, key, 'finops.anthropic.adminKey');
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
  return {
    ...readProviderApiConfig(block, {
      provider: 'anthropic',
      defaultBaseUrl: ANTHROPIC_API_URL,
      cacheWrite1h: true,
    }),
    analytics: block.getOptionalBoolean('analytics') ?? false,
    anthropicVersion:
      block.getOptionalString('anthropicVersion') ?? '2023-06-01',
  };
}
