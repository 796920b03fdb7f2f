import type { HiddenMembers } from './api';
import type { CostMeasure } from './types';
import type { UnitMetric } from './unitEconomics';

/**
 * AI spend: the response shapes of
 * `/entities/{kind}/{namespace}/{name}/ai-usage`,
 * `/entities/{kind}/{namespace}/{name}/ai-whatif` and `/ai/spend`.
 *
 * Amounts of money are exact decimal strings; token and request counts are
 * whole numbers as strings (they can exceed a double's exact range); shares
 * and ratios are numbers.
 */

/**
 * The token types of LLM usage: uncached input, input read from a prompt
 * cache, input written to a prompt cache, and output.
 *
 * @public
 */
export const AI_TOKEN_TYPES = [
  'input',
  'cachedInput',
  'cacheWrite',
  'output',
] as const;

/** One of {@link AI_TOKEN_TYPES}. @public */
export type AiTokenType = (typeof AI_TOKEN_TYPES)[number];

/**
 * The type of one line of AI spend: a token type, or `other` for AI spend
 * that is not priced per token (web searches, tools, a provider's cost that
 * no usage explains).
 *
 * @public
 */
export type AiLineType = AiTokenType | 'other';

/** What kind of model: one that writes text, or one that embeds it. @public */
export type AiModelKind = 'chat' | 'embedding';

/** The cost and tokens of one token type of a model. @public */
export interface AiTokenLine {
  type: AiLineType;
  cost: string;
  tokens: string;
}

/** An entity's spend on one model over the period. @public */
export interface AiModelSpend {
  /** The model as the provider names it, e.g. `gpt-4o-2024-08-06`. */
  model: string;
  provider: string;
  /**
   * The model's key in {@link AiDailyPoint.byModel}: the model, or
   * `model (provider)` where two providers serve models of the same name
   * (OpenAI's and Azure's `gpt-4o`).
   */
  key: string;
  cost: string;
  /** Share of the entity's AI spend, 0..1. */
  share: number;
  tokens: string;
  /** By token type, in the order of {@link AI_TOKEN_TYPES}, then `other`. */
  lines: AiTokenLine[];
  /** Model requests, where the provider's usage data counts them. */
  requests?: string;
  /** Cost per 1,000 requests, where requests are counted. */
  costPerThousandRequests?: string;
}

/** One day of AI spend. @public */
export interface AiDailyPoint {
  date: string;
  cost: string;
  tokens: string;
  /** Cost per model (by {@link AiModelSpend.key}) that had any that day. */
  byModel: Record<string, string>;
}

/**
 * Cost per 1,000 model requests: over the models whose usage data counts
 * requests, or why it is not available.
 *
 * @public
 */
export type AiRequestCost =
  | {
      available: true;
      requests: string;
      /** The spend on the models with request counts. */
      cost: string;
      perThousand: string;
      /** The share of the AI spend those models are, 0..1. */
      coveredShare: number;
      models: string[];
    }
  | { available: false; reason: string };

/**
 * AI spend per unit of the entity's unit metric
 * (`costwise.dev/unit-metric`), or why it is not available.
 *
 * @public
 */
export type AiUnitCost =
  | {
      available: true;
      unitMetric: UnitMetric;
      /** The metric's total over the period. */
      metric: number;
      cost: string;
      /** Cost per displayed unit (`per` units of the metric), 6 decimals. */
      perUnit: string;
      metricSources: string[];
    }
  | { available: false; reason: string; unitMetric?: UnitMetric };

/** A team's spend on one model. @public */
export interface AiTeamModelSpend {
  /** A Group's ref; `(no team)` for entities without an owner. */
  team: string;
  model: string;
  provider: string;
  cost: string;
  tokens: string;
}

/** Why there is no AI spend to show. @public */
export interface AiEmptyReason {
  reason: 'no-ai-spend' | 'range-outside-data';
  message: string;
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/ai-usage`: the AI spend of the
 * entity and its members over a period, in the currency shown.
 *
 * @public
 */
export interface AiUsageResponse {
  entityRef: string;
  from: string;
  to: string;
  measure: CostMeasure;
  currency: string;
  /** The exact sum of the AI spend. */
  total: string;
  tokens: { total: string; byType: Record<AiTokenType, string> };
  /** Largest cost first. */
  models: AiModelSpend[];
  /** Every day of the period. */
  daily: AiDailyPoint[];
  /**
   * Input tokens read from a prompt cache as a share of all input tokens
   * (uncached, read from and written to the cache); null without input.
   */
  cache: {
    hitShare: number | null;
    cachedInputTokens: string;
    inputTokens: string;
  };
  requests: AiRequestCost;
  unitCost: AiUnitCost;
  /**
   * A Group's or System's spend by team line and model: a Group's sub-teams
   * (and itself), otherwise each member's owner. Absent for other kinds.
   */
  byTeam?: AiTeamModelSpend[];
  hiddenMembers?: HiddenMembers;
  empty?: AiEmptyReason;
}

/** What the same tokens would cost on one model of the price table. @public */
export interface AiWhatIfRow {
  model: string;
  provider: string;
  kind: AiModelKind;
  /** The day this model's prices were read. */
  asOf: string;
  /** The traffic's tokens at this model's list prices, rounded to 6 decimals. */
  cost: string;
  /** `cost` less what the traffic cost; null when the currencies differ. */
  difference: string | null;
  /** `cost` ÷ what the traffic cost; null when that is 0 or the currencies differ. */
  ratio: number | null;
  /** Whether some of the traffic ran on this model. */
  inUse: boolean;
  /** How a missing price was filled in, e.g. cached input priced as input. */
  notes: string[];
}

/** The traffic of one kind of model and its cost on each model of that kind. @public */
export interface AiWhatIfTraffic {
  kind: AiModelKind;
  tokens: Record<AiTokenType, string>;
  /** What this traffic cost, exactly, in the response's currency. */
  actual: string;
  /** The models that served it. */
  models: string[];
  /** Cheapest first. */
  rows: AiWhatIfRow[];
}

/**
 * `GET /entities/{kind}/{namespace}/{name}/ai-whatif`: the entity's token
 * traffic of the last 30 days priced on each model of the price table.
 *
 * @public
 */
export interface AiWhatIfResponse {
  entityRef: string;
  from: string;
  to: string;
  measure: CostMeasure;
  currency: string;
  priceTable: { asOf: string; currency: string };
  traffic: AiWhatIfTraffic[];
  /** Models of the traffic that the price table does not list. */
  unpriced: Array<{ model: string; tokens: string; cost: string }>;
  hiddenMembers?: HiddenMembers;
  empty?: AiEmptyReason;
}

/**
 * `GET /ai/spend?month=`: the organization's AI spend of a month by team
 * and model, over the entities whose cost the caller may read.
 *
 * @public
 */
export interface AiSpendResponse {
  month: string;
  measure: CostMeasure;
  currency: string;
  /** The last day of the month with data; absent when there is none. */
  asOf?: string;
  /** Whether the data stops before the month's last day. */
  partial: boolean;
  total: string;
  /** Largest first. */
  rows: AiTeamModelSpend[];
  teams: Array<{ team: string; cost: string; tokens: string }>;
  models: Array<{
    model: string;
    provider: string;
    cost: string;
    tokens: string;
    share: number;
  }>;
  /** Entities with AI spend whose cost the caller may not read: left out. */
  hiddenEntities: number;
  empty?: AiEmptyReason;
}
