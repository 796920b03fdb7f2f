import { dayString } from './focusCsv';
import type { Series } from './series';

/**
 * The direct API usage of one model in one OpenAI project or Anthropic
 * workspace of the demo (a mapping `llm` entry): what the demo data's rows
 * for it hold, so that a fake of the provider's API can serve the same.
 *
 * @public
 */
export interface DemoLlmUsage {
  /** The entity the mapping generates it for. */
  entity: string;
  /** `OpenAI`, `Anthropic`, ... as the mapping names it. */
  provider: string;
  /** The provider's billing account (organization) in the demo data. */
  billingAccount: { id: string; name: string };
  /** The project or workspace id (the rows' SubAccountId). */
  project: string;
  model: string;
  /**
   * Tokens a weekday, before the data's slow trend and day-to-day noise:
   * uncached input, input read from the prompt cache (on top of the
   * uncached input) and output.
   */
  dailyTokens: { input: number; cachedInput: number; output: number };
  /** Days (`YYYY-MM-DD`) whose usage is multiplied: the demo's anomalies. */
  spikes: Array<{ day: string; factor: number }>;
}

const TOKEN_FIELDS: Record<string, keyof DemoLlmUsage['dailyTokens']> = {
  'Input Tokens': 'input',
  'Cached Input Tokens': 'cachedInput',
  'Output Tokens': 'output',
};

/** The LLM series of a demo plan, one entry per provider, project and model. */
export function llmUsageOf(series: Series[]): DemoLlmUsage[] {
  const usage = new Map<string, DemoLlmUsage>();
  for (const s of series) {
    const model = s.meter.model;
    const field = TOKEN_FIELDS[s.meter.unit];
    if (s.origin !== 'llm' || !model || !field || !s.subAccountId) continue;
    const key = `${s.account.provider}|${s.subAccountId}|${model}`;
    let entry = usage.get(key);
    if (!entry) {
      entry = {
        entity: s.entity ?? '',
        provider: s.account.provider,
        billingAccount: { id: s.account.id, name: s.account.name },
        project: s.subAccountId,
        model,
        dailyTokens: { input: 0, cachedInput: 0, output: 0 },
        spikes: [],
      };
      usage.set(key, entry);
    }
    entry.dailyTokens[field] = Math.round(s.daily);
    if (s.spike && !entry.spikes.some(x => x.day === dayString(s.spike!.day)))
      entry.spikes.push({
        day: dayString(s.spike.day),
        factor: s.spike.factor,
      });
  }
  return [...usage.values()];
}
