/**
 * The default LLM price table: list prices of OpenAI and Anthropic models,
 * kept apart from the code that reads it, to be checked against the
 * providers' price pages.
 */
import type { LlmModelPrice, LlmTokenPrices } from './prices';

/**
 * The day the default list prices were read from the providers' price pages.
 *
 * @public
 */
export const DEFAULT_LLM_PRICES_AS_OF = '2025-11-01';

const sonnetLong: LlmTokenPrices = {
  input: '6',
  cachedInput: '0.60',
  cacheWrite: '7.50',
  cacheWrite1h: '12',
  output: '22.50',
};

/**
 * List prices (USD per 1M tokens) of current OpenAI and Anthropic models,
 * as of {@link DEFAULT_LLM_PRICES_AS_OF}. They weigh a project's or a
 * workspace's billed cost across its API keys and models, and estimate
 * list cost; the bill itself always comes from the provider's cost API.
 *
 * @public
 */
export const DEFAULT_LLM_PRICES: readonly LlmModelPrice[] = [
  // OpenAI (Batch API and the flex tier: half price)
  {
    provider: 'openai',
    model: 'gpt-5',
    from: '2025-08-07',
    input: '1.25',
    cachedInput: '0.125',
    output: '10',
  },
  {
    provider: 'openai',
    model: 'gpt-5-mini',
    from: '2025-08-07',
    input: '0.25',
    cachedInput: '0.025',
    output: '2',
  },
  {
    provider: 'openai',
    model: 'gpt-5-nano',
    from: '2025-08-07',
    input: '0.05',
    cachedInput: '0.005',
    output: '0.40',
  },
  {
    provider: 'openai',
    model: 'gpt-4.1',
    from: '2025-04-14',
    input: '2',
    cachedInput: '0.50',
    output: '8',
  },
  {
    provider: 'openai',
    model: 'gpt-4.1-mini',
    from: '2025-04-14',
    input: '0.40',
    cachedInput: '0.10',
    output: '1.60',
  },
  {
    provider: 'openai',
    model: 'gpt-4.1-nano',
    from: '2025-04-14',
    input: '0.10',
    cachedInput: '0.025',
    output: '0.40',
  },
  {
    provider: 'openai',
    model: 'gpt-4o',
    from: '2024-08-06',
    input: '2.50',
    cachedInput: '1.25',
    output: '10',
  },
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    from: '2024-07-18',
    input: '0.15',
    cachedInput: '0.075',
    output: '0.60',
  },
  {
    provider: 'openai',
    model: 'o3',
    from: '2025-06-10',
    input: '2',
    cachedInput: '0.50',
    output: '8',
  },
  {
    provider: 'openai',
    model: 'o4-mini',
    from: '2025-04-16',
    input: '1.10',
    cachedInput: '0.275',
    output: '4.40',
  },
  {
    provider: 'openai',
    model: 'o3-mini',
    from: '2025-01-31',
    input: '1.10',
    cachedInput: '0.55',
    output: '4.40',
  },
  {
    provider: 'openai',
    model: 'o1',
    from: '2024-12-17',
    input: '15',
    cachedInput: '7.50',
    output: '60',
  },
  {
    provider: 'openai',
    model: 'gpt-4-turbo',
    from: '2024-04-09',
    input: '10',
    output: '30',
  },
  {
    provider: 'openai',
    model: 'gpt-3.5-turbo',
    from: '2024-01-25',
    input: '0.50',
    output: '1.50',
  },
  {
    provider: 'openai',
    model: 'text-embedding-3-small',
    from: '2024-01-25',
    input: '0.02',
  },
  {
    provider: 'openai',
    model: 'text-embedding-3-large',
    from: '2024-01-25',
    input: '0.13',
  },
  {
    provider: 'openai',
    model: 'text-embedding-ada-002',
    from: '2022-12-15',
    input: '0.10',
  },
  {
    provider: 'openai',
    model: 'omni-moderation',
    from: '2024-09-26',
    input: '0',
  },
  {
    provider: 'openai',
    model: 'text-moderation',
    from: '2022-08-10',
    input: '0',
  },
  // Anthropic (cache writes: 5 minutes 1.25×, 1 hour 2× input; batch: half price)
  {
    provider: 'anthropic',
    model: 'claude-opus-4-5',
    from: '2025-11-24',
    input: '5',
    cachedInput: '0.50',
    cacheWrite: '6.25',
    cacheWrite1h: '10',
    output: '25',
  },
  {
    provider: 'anthropic',
    model: 'claude-opus-4-1',
    from: '2025-08-05',
    input: '15',
    cachedInput: '1.50',
    cacheWrite: '18.75',
    cacheWrite1h: '30',
    output: '75',
  },
  {
    provider: 'anthropic',
    model: 'claude-opus-4',
    from: '2025-05-22',
    input: '15',
    cachedInput: '1.50',
    cacheWrite: '18.75',
    cacheWrite1h: '30',
    output: '75',
  },
  {
    provider: 'anthropic',
    model: 'claude-3-opus',
    from: '2024-02-29',
    input: '15',
    cachedInput: '1.50',
    cacheWrite: '18.75',
    cacheWrite1h: '30',
    output: '75',
  },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    from: '2025-09-29',
    input: '3',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
    output: '15',
    longContext: sonnetLong,
  },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4',
    from: '2025-05-22',
    input: '3',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
    output: '15',
    longContext: sonnetLong,
  },
  {
    provider: 'anthropic',
    model: 'claude-3-7-sonnet',
    from: '2025-02-24',
    input: '3',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
    output: '15',
  },
  {
    provider: 'anthropic',
    model: 'claude-3-5-sonnet',
    from: '2024-06-20',
    input: '3',
    cachedInput: '0.30',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
    output: '15',
  },
  {
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    from: '2025-10-15',
    input: '1',
    cachedInput: '0.10',
    cacheWrite: '1.25',
    cacheWrite1h: '2',
    output: '5',
  },
  {
    provider: 'anthropic',
    model: 'claude-3-5-haiku',
    from: '2024-10-22',
    input: '0.80',
    cachedInput: '0.08',
    cacheWrite: '1',
    cacheWrite1h: '1.60',
    output: '4',
  },
  {
    provider: 'anthropic',
    model: 'claude-3-haiku',
    from: '2024-03-07',
    input: '0.25',
    cachedInput: '0.03',
    cacheWrite: '0.30',
    cacheWrite1h: '0.50',
    output: '1.25',
  },
];
