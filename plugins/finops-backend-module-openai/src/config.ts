import type { Config } from '@backstage/config';
import type { LlmModelPrice } from '@costwise/plugin-finops-node';

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

function positiveInteger(
  value: number | undefined,
  fallback: number,
  key: string,
  min = 1,
): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min)
    throw new Error(
      `finops.openai.${key} must be a whole number of at least ${min}, got ${n}`,
    );
  return n;
}

/**
 * Checks an API base URL: http(s), without credentials (the key travels
 * in a header). Returns it without a trailing slash.
 *
 * @public
 */
export function checkOpenAiBaseUrl(text: string, key: string): string {
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
      `${key} must not carry credentials; the admin key goes in finops.openai.adminKey`,
    );
  return url.toString().replace(/\/+$/, '');
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
  const adminKey = block.getString('adminKey').trim();
  if (!adminKey) throw new Error('finops.openai.adminKey is empty');
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
  const retry = block.getOptionalConfig('retry');
  const prices = (block.getOptionalConfigArray('prices') ?? []).map(p => ({
    provider: 'openai',
    model: p.getString('model'),
    from: p.getString('from'),
    input: p.getString('input'),
    cachedInput: p.getOptionalString('cachedInput'),
    cacheWrite: p.getOptionalString('cacheWrite'),
    output: p.getOptionalString('output'),
  }));
  return {
    adminKey,
    baseUrl: checkOpenAiBaseUrl(
      block.getOptionalString('baseUrl') ?? OPENAI_API_URL,
      'finops.openai.baseUrl',
    ),
    organizationId: block.getOptionalString('organizationId') ?? 'openai',
    organizationName: block.getOptionalString('organizationName'),
    lookbackDays: positiveInteger(
      block.getOptionalNumber('lookbackDays'),
      3,
      'lookbackDays',
      0,
    ),
    usageEndpoints: [...new Set(endpoints)] as OpenAiUsageEndpoint[],
    prices,
    retry: {
      maxAttempts: positiveInteger(
        retry?.getOptionalNumber('maxAttempts'),
        5,
        'retry.maxAttempts',
      ),
      initialDelayMs: positiveInteger(
        retry?.getOptionalNumber('initialDelayMs'),
        1000,
        'retry.initialDelayMs',
        0,
      ),
      maxDelayMs: positiveInteger(
        retry?.getOptionalNumber('maxDelayMs'),
        60_000,
        'retry.maxDelayMs',
        0,
      ),
    },
    timeoutMs:
      positiveInteger(
        block.getOptionalNumber('timeoutSeconds'),
        60,
        'timeoutSeconds',
      ) * 1000,
  };
}
