import type { Config } from '@backstage/config';
import type { LlmModelPrice } from '@costwise/plugin-finops-node';
import {
  checkProviderBaseUrl,
  readProviderApiConfig,
} from '@costwise/plugin-finops-node';

/** The usage endpoints the source can pull. @public */
export const OPENAI_USAGE_ENDPOINTS = [
  'completions',
  'embeddings',
  'moderations',
  'images',
  'audio_speeches',
  'audio_transcriptions',
] as const;

/** One of {@link OPENAI_USAGE_ENDPOINTS}. @public */
export type OpenAiUsageEndpoint = (typeof OPENAI_USAGE_ENDPOINTS)[number];

/** The default base URL of the OpenAI API. @public */
export const OPENAI_API_URL = 'https://api.openai.com/v1';

/**
 * The `finops.openai` block, with its defaults.
 *
 * @public
 */
export interface OpenAiConfig {
  adminKey: string;
  baseUrl: string;
  organizationId: string;
  organizationName?: string;
  lookbackDays: number;
  usageEndpoints: OpenAiUsageEndpoint[];
  /** Extra list prices (`provider: 'openai'`), after the built-in ones. */
  prices: LlmModelPrice[];
  retry: { maxAttempts: number; initialDelayMs: number; maxDelayMs: number };
  timeoutMs: number;
}

/**
 * Checks an API base URL: http(s), without credentials (the key travels
 * in a header). Returns it without a trailing slash.
 *
 * @public
 */
export function checkOpenAiBaseUrl(text: string, key: string): string {
  return checkProviderBaseUrl(text, key, 'finops.openai.adminKey');
}

/**
 * Reads `finops.openai`; undefined when the block is absent. Throws an
 * error naming the bad key otherwise.
 *
 * @public
 */
export function readOpenAiConfig(config: Config): OpenAiConfig | undefined {
  const block = config.getOptionalConfig('finops.openai');
  if (!block) return undefined;
  const shared = readProviderApiConfig(block, {
    provider: 'openai',
    defaultBaseUrl: OPENAI_API_URL,
  });
  const endpoints = block.getOptionalStringArray('usageEndpoints') ?? [
    ...OPENAI_USAGE_ENDPOINTS,
  ];
  for (const endpoint of endpoints)
    if (!(OPENAI_USAGE_ENDPOINTS as readonly string[]).includes(endpoint))
      throw new Error(
        `finops.openai.usageEndpoints: '${endpoint}' is not one of ${OPENAI_USAGE_ENDPOINTS.join(
          ', ',
        )}`,
      );
  return {
    ...shared,
    usageEndpoints: [...new Set(endpoints)] as OpenAiUsageEndpoint[],
  };
}
