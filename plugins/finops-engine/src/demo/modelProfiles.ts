/** The demo's LLM spend: list prices and volumes per model. */

/** Per-1M-token list prices and typical daily volume of one project on one model. */
export interface ModelProfile {
  input: string;
  cached?: string;
  output?: string;
  dailyInput: number;
  cachedRatio: number;
  outputRatio: number;
}

export const MODEL_PROFILES: Record<string, ModelProfile> = {
  'gpt-4o': {
    input: '2.50',
    cached: '1.25',
    output: '10.00',
    dailyInput: 25_000_000,
    cachedRatio: 0.3,
    outputRatio: 0.12,
  },
  'gpt-4o-mini': {
    input: '0.15',
    cached: '0.075',
    output: '0.60',
    dailyInput: 150_000_000,
    cachedRatio: 0.3,
    outputRatio: 0.15,
  },
  'text-embedding-3-small': {
    input: '0.02',
    dailyInput: 400_000_000,
    cachedRatio: 0,
    outputRatio: 0,
  },
  'claude-sonnet-4-20250514': {
    input: '3.00',
    cached: '0.30',
    output: '15.00',
    dailyInput: 10_000_000,
    cachedRatio: 1.2,
    outputRatio: 0.1,
  },
  'claude-3-5-haiku-20241022': {
    input: '0.80',
    cached: '0.08',
    output: '4.00',
    dailyInput: 40_000_000,
    cachedRatio: 0.5,
    outputRatio: 0.12,
  },
};

export const FALLBACK_MODEL: ModelProfile = {
  input: '1.00',
  cached: '0.50',
  output: '4.00',
  dailyInput: 10_000_000,
  cachedRatio: 0.3,
  outputRatio: 0.1,
};
