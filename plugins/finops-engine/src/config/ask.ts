import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * An optional language model for Ask Costwise (`finops.ask.llm`): an
 * OpenAI-compatible chat-completions endpoint or the Anthropic messages
 * API. It turns a question into the engine's query and may phrase the
 * answer; every number it writes must be one the engine returned.
 *
 * @public
 */
export interface AskLlmConfig {
  provider: 'openai' | 'anthropic';
  /**
   * The API's base URL: for `openai` the part before `/chat/completions`
   * (default `https://api.openai.com/v1`), for `anthropic` the part before
   * `/v1/messages` (default `https://api.anthropic.com`).
   */
  baseUrl: string;
  model: string;
  apiKey: string;
  /** How long one call to the model may take before the engine answers alone. */
  timeoutMs: number;
}

/**
 * Ask Costwise settings (`finops.ask`).
 *
 * @public
 */
export interface AskConfig {
  /** The IANA time zone plain-word dates are read in when no day is given ("today"). Default UTC. */
  timeZone: string;
  llm?: AskLlmConfig;
}

const DEFAULT_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

/**
 * Reads and checks `finops.ask`; throws an `InputError` naming the bad key.
 *
 * @public
 */
export function readAskConfig(finops: Config | undefined): AskConfig {
  const ask = finops?.getOptionalConfig('ask');
  const timeZone = ask?.getOptionalString('timeZone') ?? 'UTC';
  try {
    Intl.DateTimeFormat('en-US', { timeZone }).format(0);
  } catch {
    throw new InputError(
      `finops.ask.timeZone must be an IANA time zone such as Europe/Berlin, got '${timeZone}'`,
    );
  }
  const llm = ask?.getOptionalConfig('llm');
  if (!llm) return { timeZone };
  const provider = llm.getString('provider');
  if (provider !== 'openai' && provider !== 'anthropic')
    throw new InputError(
      `finops.ask.llm.provider must be 'openai' or 'anthropic', got '${provider}'`,
    );
  const baseUrl = (
    llm.getOptionalString('baseUrl') ?? DEFAULT_BASE_URLS[provider]
  ).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl))
    throw new InputError(
      `finops.ask.llm.baseUrl must be an http(s) URL, got '${baseUrl}'`,
    );
  const timeoutMs = llm.getOptionalNumber('timeoutMs') ?? 20_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 300_000)
    throw new InputError(
      `finops.ask.llm.timeoutMs must be a whole number of milliseconds from 100 to 300000, got ${timeoutMs}`,
    );
  return {
    timeZone,
    llm: {
      provider,
      baseUrl,
      model: llm.getString('model'),
      apiKey: llm.getString('apiKey'),
      timeoutMs,
    },
  };
}
