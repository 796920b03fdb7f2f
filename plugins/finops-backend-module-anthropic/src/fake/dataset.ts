import { Decimal } from '@costwise/plugin-finops-common';
import { LlmPriceTable, LlmTokenKind } from '@costwise/plugin-finops-node';

/**
 * A model a fake workspace calls, and how much a day.
 *
 * @public
 */
export interface FakeAnthropicModel {
  model: string;
  /** Uncached input tokens a weekday, all keys of the workspace together. */
  dailyInputTokens?: number;
  /** Cache-read tokens per uncached input token. */
  cacheReadRatio?: number;
  /** Output tokens per uncached input token. */
  outputRatio?: number;
  /** Web searches a weekday. */
  dailyWebSearches?: number;
  /** Share of the traffic above 200k tokens of context (long-context prices), 0..1. */
  longContextShare?: number;
}

/**
 * A fake Anthropic workspace (`null`: the default workspace), the models it
 * calls and its API keys (default two keys, 70% and 30%; a little usage
 * from the Console, without a key, besides).
 *
 * @public
 */
export interface FakeAnthropicWorkspace {
  id: string | null;
  models: Array<string | FakeAnthropicModel>;
  apiKeys?: string[];
}

/** One usage record at the finest grain the fake knows. @public */
export interface FakeAnthropicUsage {
  day: string;
  workspaceId: string | null;
  apiKeyId: string | null;
  model: string;
  serviceTier: string;
  contextWindow: string;
  uncachedInputTokens: number;
  cacheReadInputTokens: number;
  cacheCreation5mInputTokens: number;
  cacheCreation1hInputTokens: number;
  outputTokens: number;
  webSearchRequests: number;
  requests: number;
}

/** One cost record at the finest grain the fake knows. @public */
export interface FakeAnthropicCost {
  day: string;
  workspaceId: string | null;
  apiKeyId: string | null;
  model: string | null;
  costType: 'tokens' | 'web_search' | 'code_execution';
  tokenType: string | null;
  serviceTier: string | null;
  contextWindow: string | null;
  description: string;
  /** List amount in cents, exact (a decimal string). */
  listCents: string;
  /** Billed amount in cents after the organization's discount, exact. */
  cents: string;
}

/** What a fake Anthropic organization used and was billed. @public */
export interface FakeAnthropicDataset {
  days: string[];
  usage: FakeAnthropicUsage[];
  costs: FakeAnthropicCost[];
}

const DEFAULT_VOLUMES: Record<
  string,
  Required<Omit<FakeAnthropicModel, 'model'>>
> = {
  'claude-sonnet-4-20250514': {
    dailyInputTokens: 10_000_000,
    cacheReadRatio: 1.2,
    outputRatio: 0.1,
    dailyWebSearches: 60,
    longContextShare: 0.05,
  },
  'claude-3-5-haiku-20241022': {
    dailyInputTokens: 40_000_000,
    cacheReadRatio: 0.5,
    outputRatio: 0.12,
    dailyWebSearches: 0,
    longContextShare: 0,
  },
};
const FALLBACK_VOLUME = {
  dailyInputTokens: 10_000_000,
  cacheReadRatio: 0.3,
  outputRatio: 0.1,
  dailyWebSearches: 0,
  longContextShare: 0,
};

/**
 * The demo's Anthropic workspaces (`examples/demo-mapping.json`), each with
 * the models the demo catalog's `costwise.dev/llm` entities call.
 *
 * @public
 */
export const DEMO_ANTHROPIC_WORKSPACES: FakeAnthropicWorkspace[] = [
  {
    id: 'wrkspc_01JQ8mVx2KpTn7RbLc4WzHf9',
    models: ['claude-sonnet-4-20250514'],
  },
  {
    id: 'wrkspc_01JR3tYp6WqZm9XcVb2NkLd5',
    models: ['claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022'],
  },
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

/** `Claude Sonnet 4` from `claude-sonnet-4-20250514`. */
function displayName(model: string): string {
  return model
    .replace(/-\d{8}$/, '')
    .split('-')
    .map(w => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

const TOKEN_TYPES: Array<{
  field: keyof FakeAnthropicUsage;
  tokenType: string;
  kind: LlmTokenKind;
  label: string;
}> = [
  {
    field: 'uncachedInputTokens',
    tokenType: 'uncached_input_tokens',
    kind: { direction: 'Input' },
    label: 'Input Tokens',
  },
  {
    field: 'cacheReadInputTokens',
    tokenType: 'cache_read_input_tokens',
    kind: { direction: 'Input', cacheAction: 'Read' },
    label: 'Cache Read',
  },
  {
    field: 'cacheCreation5mInputTokens',
    tokenType: 'cache_creation.ephemeral_5m_input_tokens',
    kind: { direction: 'Input', cacheAction: 'Write', cacheTtl: '5m' },
    label: 'Cache Write (5m)',
  },
  {
    field: 'cacheCreation1hInputTokens',
    tokenType: 'cache_creation.ephemeral_1h_input_tokens',
    kind: { direction: 'Input', cacheAction: 'Write', cacheTtl: '1h' },
    label: 'Cache Write (1h)',
  },
  {
    field: 'outputTokens',
    tokenType: 'output_tokens',
    kind: { direction: 'Output' },
    label: 'Output Tokens',
  },
];

/** `value × 100 × (1 − discount)`, exactly, in cents. */
function centsOf(dollars: Decimal, discountPercent: number): [string, string] {
  const list = Decimal.fromUnits(dollars.units * 100n, dollars.scale);
  const billed = Decimal.fromUnits(
    list.units * BigInt(100 - discountPercent),
    list.scale + 2,
  );
  return [list.toString(), billed.toString()];
}

/**
 * Generates what a fake Anthropic organization used and was billed: per
 * day, workspace, API key (or none: the Console), model and context
 * window, tokens of each type and web searches with weekday seasonality
 * and noise; per the same and token type, the cost at list price in cents
 * (the billed amount 5% below it), a daily code-execution cost in the
 * first workspace that no usage explains, and the last `costLagDays` days
 * not billed yet.
 *
 * @public
 */
export function generateAnthropicDataset(options: {
  workspaces: FakeAnthropicWorkspace[];
  days: string[];
  seed: number;
  costLagDays: number;
  emptyDays?: string[];
}): FakeAnthropicDataset {
  const prices = new LlmPriceTable();
  const usage: FakeAnthropicUsage[] = [];
  const costs: FakeAnthropicCost[] = [];
  const billed = new Set(
    options.days.slice(
      0,
      Math.max(0, options.days.length - options.costLagDays),
    ),
  );
  const empty = new Set(options.emptyDays ?? []);
  for (const day of options.days) {
    if (empty.has(day)) continue;
    options.workspaces.forEach((workspace, w) => {
      const name = workspace.id ?? 'default';
      const keys: Array<string | null> = [
        ...(workspace.apiKeys ?? [
          `apikey_${name.slice(-8)}App`,
          `apikey_${name.slice(-8)}Eval`,
        ]),
        null,
      ];
      for (const entry of workspace.models) {
        const spec = typeof entry === 'string' ? { model: entry } : entry;
        const volume = {
          ...(DEFAULT_VOLUMES[spec.model] ?? FALLBACK_VOLUME),
          ...spec,
        };
        const dayFactor =
          (isWeekend(day) ? 0.7 : 1) *
          (0.85 + 0.3 * noise(options.seed, `${day}|${name}|${spec.model}`));
        keys.forEach((key, k) => {
          // the Console a little, the first key the most, the others the rest
          let keyShare = 0.02;
          if (key !== null) keyShare = k === 0 ? 0.7 : 0.28 / (keys.length - 2);
          for (const contextWindow of volume.longContextShare > 0
            ? ['0-200k', '200k-1M']
            : ['0-200k']) {
            const share =
              contextWindow === '200k-1M'
                ? volume.longContextShare
                : 1 - volume.longContextShare;
            const input = Math.round(
              volume.dailyInputTokens * dayFactor * keyShare * share,
            );
            if (input === 0) continue;
            const record: FakeAnthropicUsage = {
              day,
              workspaceId: workspace.id,
              apiKeyId: key,
              model: spec.model,
              serviceTier: 'standard',
              contextWindow,
              uncachedInputTokens: input,
              cacheReadInputTokens: Math.round(input * volume.cacheReadRatio),
              cacheCreation5mInputTokens: Math.round(input * 0.05),
              cacheCreation1hInputTokens: spec.model.includes('sonnet')
                ? Math.round(input * 0.01)
                : 0,
              outputTokens: Math.round(input * volume.outputRatio),
              webSearchRequests:
                key !== null && contextWindow === '0-200k'
                  ? Math.round(volume.dailyWebSearches * dayFactor * keyShare)
                  : 0,
              requests: Math.max(1, Math.round(input / 3000)),
            };
            usage.push(record);
            if (!billed.has(day)) continue;
            const long = contextWindow === '200k-1M' ? ' (Long Context)' : '';
            for (const t of TOKEN_TYPES) {
              const tokens = record[t.field] as number;
              const price = prices.unitPrice(
                'anthropic',
                spec.model,
                day,
                t.kind,
                { contextWindow },
              );
              if (tokens === 0 || !price) continue;
              const [listCents, cents] = centsOf(
                Decimal.fromUnits(BigInt(tokens) * price.units, price.scale),
                5,
              );
              costs.push({
                day,
                workspaceId: workspace.id,
                apiKeyId: key,
                model: spec.model,
                costType: 'tokens',
                tokenType: t.tokenType,
                serviceTier: 'standard',
                contextWindow,
                description: `${displayName(spec.model)} Usage - ${
                  t.label
                }${long}`,
                listCents,
                cents,
              });
            }
            if (record.webSearchRequests > 0) {
              // $10 per 1,000 searches: a cent each
              const [listCents, cents] = centsOf(
                Decimal.fromUnits(BigInt(record.webSearchRequests), 2),
                5,
              );
              costs.push({
                day,
                workspaceId: workspace.id,
                apiKeyId: key,
                model: spec.model,
                costType: 'web_search',
                tokenType: null,
                serviceTier: null,
                contextWindow: null,
                description: 'Web Search Usage',
                listCents,
                cents,
              });
            }
          }
        });
      }
      if (w === 0 && billed.has(day)) {
        const hours =
          1 + Math.round(4 * noise(options.seed, `${day}|${name}|code`));
        const [listCents, cents] = centsOf(
          Decimal.fromUnits(BigInt(hours * 5), 2),
          0,
        );
        costs.push({
          day,
          workspaceId: workspace.id,
          apiKeyId: null,
          model: null,
          costType: 'code_execution',
          tokenType: null,
          serviceTier: null,
          contextWindow: null,
          description: 'Code Execution Usage',
          listCents,
          cents,
        });
      }
    });
  }
  return { days: options.days, usage, costs };
}
