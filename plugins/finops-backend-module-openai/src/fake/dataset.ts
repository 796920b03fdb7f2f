import { Decimal } from '@costwise/plugin-finops-common';
import { LlmPriceTable, LlmTokenKind } from '@costwise/plugin-finops-node';

/**
 * A model a fake project calls, and how much a day (tokens of input on a
 * weekday, before day-to-day noise).
 *
 * @public
 */
export interface FakeOpenAiModel {
  model: string;
  /** Input tokens a weekday, all keys of the project together. */
  dailyInputTokens?: number;
  /** Share of input tokens read from the prompt cache, 0..1. */
  cachedShare?: number;
  /** Output tokens per input token. */
  outputRatio?: number;
  /** Share of the tokens sent through the Batch API (half price), 0..1. */
  batchShare?: number;
}

/**
 * A fake OpenAI project: its id, the models it calls and its API keys
 * (default two keys, named after the project, using 70% and 30%).
 *
 * @public
 */
export interface FakeOpenAiProject {
  id: string;
  models: Array<string | FakeOpenAiModel>;
  apiKeys?: string[];
}

/** One usage result as the fake records it, before grouping. @public */
export interface FakeOpenAiUsage {
  endpoint: 'completions' | 'embeddings';
  day: string;
  projectId: string;
  apiKeyId: string;
  model: string;
  batch: boolean;
  serviceTier: string;
  inputTokens: number;
  inputCachedTokens: number;
  outputTokens: number;
  requests: number;
}

/** One cost result: a project's amount of one line item on a day. @public */
export interface FakeOpenAiCost {
  day: string;
  projectId: string;
  lineItem: string;
  /** Dollars, exact. */
  amount: string;
  /** Tokens (or calls) the amount is for. */
  quantity?: number;
  quantityUnit?: string;
}

/** What a fake OpenAI organization used and was billed. @public */
export interface FakeOpenAiDataset {
  days: string[];
  usage: FakeOpenAiUsage[];
  costs: FakeOpenAiCost[];
}

/** How the demo's OpenAI projects call their models (the demo generator's volumes). */
const DEFAULT_VOLUMES: Record<
  string,
  Required<Omit<FakeOpenAiModel, 'model'>>
> = {
  'gpt-4o': {
    dailyInputTokens: 25_000_000,
    cachedShare: 0.3,
    outputRatio: 0.12,
    batchShare: 0,
  },
  'gpt-4o-mini': {
    dailyInputTokens: 150_000_000,
    cachedShare: 0.3,
    outputRatio: 0.15,
    batchShare: 0.2,
  },
  'text-embedding-3-small': {
    dailyInputTokens: 400_000_000,
    cachedShare: 0,
    outputRatio: 0,
    batchShare: 0,
  },
};
const FALLBACK_VOLUME = {
  dailyInputTokens: 10_000_000,
  cachedShare: 0.3,
  outputRatio: 0.1,
  batchShare: 0,
};

/**
 * The demo's OpenAI projects (`examples/demo-mapping.json`), each with the
 * models the demo catalog's `costwise.dev/llm` entities call.
 *
 * @public
 */
export const DEMO_OPENAI_PROJECTS: FakeOpenAiProject[] = [
  { id: 'proj_Kq7vN2xLp9RtB4mZc8WdYs3F', models: ['gpt-4o', 'gpt-4o-mini'] },
  { id: 'proj_Hd3sPw8XnQ5vLr2TyB7kMc6J', models: ['gpt-4o'] },
  { id: 'proj_Vb5nTq2WzK8rHm4PxL7cYd9S', models: ['text-embedding-3-small'] },
];

/** A deterministic number in [0, 1) for a seed and a text. */
export function noise(seed: number, text: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

/** The days from `end − days + 1` to `end`, `YYYY-MM-DD`. */
export function dayRange(end: string, days: number): string[] {
  const last = Date.parse(`${end}T00:00:00Z`);
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--)
    out.push(new Date(last - i * 86_400_000).toISOString().slice(0, 10));
  return out;
}

const isWeekend = (day: string) => {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/** `tokens × price`, exact. */
function costOf(tokens: number, price: Decimal | undefined): Decimal {
  if (!price) return Decimal.ZERO;
  return Decimal.fromUnits(BigInt(tokens) * price.units, price.scale);
}

/**
 * Generates what a fake OpenAI organization used and was billed: per day,
 * project, API key and model, tokens with weekday seasonality and noise;
 * per day, project and line item, the billed amount at list price (the
 * last `costLagDays` days not billed yet), and a small daily web-search
 * cost no usage explains when `unmatchedCosts`.
 *
 * @public
 */
export function generateOpenAiDataset(options: {
  projects: FakeOpenAiProject[];
  days: string[];
  seed: number;
  costLagDays: number;
  unmatchedCosts: boolean;
  emptyDays?: string[];
}): FakeOpenAiDataset {
  const prices = new LlmPriceTable();
  const usage: FakeOpenAiUsage[] = [];
  const costs: FakeOpenAiCost[] = [];
  const billedDays = new Set(
    options.days.slice(
      0,
      Math.max(0, options.days.length - options.costLagDays),
    ),
  );
  const empty = new Set(options.emptyDays ?? []);
  for (const day of options.days) {
    if (empty.has(day)) continue;
    for (const project of options.projects) {
      const keys = project.apiKeys ?? [
        `key_${project.id.slice(5, 11)}Main`,
        `key_${project.id.slice(5, 11)}Jobs`,
      ];
      const lineItems = new Map<
        string,
        { amount: Decimal; quantity: number }
      >();
      const bill = (
        item: string,
        tokens: number,
        price: Decimal | undefined,
      ) => {
        if (tokens <= 0) return;
        const line = lineItems.get(item) ?? {
          amount: Decimal.ZERO,
          quantity: 0,
        };
        line.amount = line.amount.add(costOf(tokens, price));
        line.quantity += tokens;
        lineItems.set(item, line);
      };
      for (const entry of project.models) {
        const spec = typeof entry === 'string' ? { model: entry } : entry;
        const volume = {
          ...(DEFAULT_VOLUMES[spec.model] ?? FALLBACK_VOLUME),
          ...spec,
        };
        const embedding = /embedding/.test(spec.model);
        const weekend = embedding ? 0.35 : 0.72;
        const dayFactor =
          (isWeekend(day) ? weekend : 1) *
          (0.85 +
            0.3 * noise(options.seed, `${day}|${project.id}|${spec.model}`));
        keys.forEach((key, k) => {
          // the first key the most, the others the rest evenly
          let keyShare = 1;
          if (keys.length > 1)
            keyShare = k === 0 ? 0.7 : 0.3 / (keys.length - 1);
          const input = Math.round(
            volume.dailyInputTokens * dayFactor * keyShare,
          );
          const batched = k === keys.length - 1 ? volume.batchShare : 0;
          for (const batch of batched > 0 ? [false, true] : [false]) {
            const share = batch ? batched : 1 - batched;
            const tokens = Math.round(input * share);
            if (tokens === 0) continue;
            const cached = Math.round(tokens * volume.cachedShare);
            const output = Math.round(tokens * volume.outputRatio);
            const requests = Math.max(
              1,
              Math.round(tokens / (embedding ? 2000 : 1500)),
            );
            usage.push({
              endpoint: embedding ? 'embeddings' : 'completions',
              day,
              projectId: project.id,
              apiKeyId: key,
              model: spec.model,
              batch,
              serviceTier: 'default',
              inputTokens: tokens,
              inputCachedTokens: cached,
              outputTokens: output,
              requests,
            });
            const price = (kind: LlmTokenKind) =>
              prices.unitPrice('openai', spec.model, day, kind, { batch });
            const suffix = batch ? ' (batch)' : '';
            bill(
              `${spec.model}, input${suffix}`,
              tokens - cached,
              price({ direction: 'Input' }),
            );
            bill(
              `${spec.model}, cached input${suffix}`,
              cached,
              price({ direction: 'Input', cacheAction: 'Read' }),
            );
            bill(
              `${spec.model}, output${suffix}`,
              output,
              price({ direction: 'Output' }),
            );
          }
        });
      }
      if (!billedDays.has(day)) continue;
      for (const [lineItem, { amount, quantity }] of [...lineItems].sort()) {
        costs.push({
          day,
          projectId: project.id,
          lineItem,
          amount: amount.toString(),
          quantity,
          quantityUnit: 'tokens',
        });
      }
      if (options.unmatchedCosts) {
        const calls =
          20 +
          Math.round(80 * noise(options.seed, `${day}|${project.id}|search`));
        costs.push({
          day,
          projectId: project.id,
          lineItem: 'Web search tool calls',
          // $10 per 1,000 calls
          amount: Decimal.fromUnits(BigInt(calls), 2).toString(),
          quantity: calls,
        });
      }
    }
  }
  return { days: options.days, usage, costs };
}
