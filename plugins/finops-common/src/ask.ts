import type { SourceFreshness } from './api';
import type { AttributionMethod } from './attribution';
import type { CostMeasure } from './types';

/**
 * Ask Costwise: questions in plain language answered from the attributed
 * cost. The request and answer shapes of `POST /ask`, the `ask-costs`
 * action and `costwise ask --json`.
 *
 * Amounts of money are exact decimal strings; shares and estimates that
 * are not sums of stored amounts say so.
 */

/**
 * The kinds of question the engine answers, and `unsupported` for the rest.
 *
 * - `cost`: what an entity, or a provider, service, account, region or
 *   model, cost in a period
 * - `change`: why cost changed between two periods or spiked on a day
 * - `drivers`: what an entity's cost is made of
 * - `top`: the N most expensive entities, services, resources, ...
 * - `compare`: two entities, or two periods, side by side
 * - `unit-cost`: cost per unit of the entity's business metric and its trend
 * - `forecast`: the month-end forecast
 * - `owner`: who owns a resource's cost and why
 * - `unattributed`: cost no rule maps, and the suggestions that would map it
 * - `ai-spend`: AI and LLM spend by model and feature
 * - `recommendations`: open recommendations and their savings
 *
 * @public
 */
export const ASK_INTENTS = [
  'cost',
  'change',
  'drivers',
  'top',
  'compare',
  'unit-cost',
  'forecast',
  'owner',
  'unattributed',
  'ai-spend',
  'recommendations',
  'unsupported',
] as const;

/** One of {@link ASK_INTENTS}. @public */
export type AskIntent = (typeof ASK_INTENTS)[number];

/**
 * What a breakdown or a top list groups cost by: a dimension of the cost
 * facts, the entity the cost is attributed to (`entity`), the direct child
 * of a rollup it reaches the asked entity through (`child`), an LLM's
 * model, or the feature (a `feature` tag, else the entity) that spent it.
 *
 * @public
 */
export const ASK_DIMENSIONS = [
  'service',
  'resource',
  'region',
  'sku',
  'chargeCategory',
  'provider',
  'account',
  'entity',
  'child',
  'model',
  'feature',
] as const;

/** One of {@link ASK_DIMENSIONS}. @public */
export type AskDimension = (typeof ASK_DIMENSIONS)[number];

/** A range of days, both included, `YYYY-MM-DD`. @public */
export interface AskPeriod {
  from: string;
  to: string;
}

/**
 * A condition on the cost's dimensions; each value is compared without
 * regard to case.
 *
 * @public
 */
export interface AskFilter {
  provider?: string;
  service?: string;
  /** A sub account (or billing account) id or name. */
  account?: string;
  region?: string;
  model?: string;
  resource?: string;
  chargeCategory?: string;
}

/**
 * The structured query a question is turned into, and what the actions
 * take: the engine runs it the same way whoever wrote it (the engine's own
 * parser, a language model, an MCP client).
 *
 * @public
 */
export interface AskQuery {
  intent: Exclude<AskIntent, 'unsupported'>;
  /** The entity asked about; none for the whole organization. */
  entityRef?: string;
  /** `compare`: the entities compared with `entityRef`. */
  compareWith?: string[];
  /** The period; each intent has a default (see the README). */
  period?: AskPeriod;
  /** `change` and `compare`: the period compared with (default: the one before). */
  baseline?: AskPeriod;
  /** `change`: the day of a spike (compared with the day before). */
  day?: string;
  /** `change` without a day: find the day of the largest spike in the period. */
  spike?: boolean;
  /** `drivers`, `top`, `change`: the dimension to break cost down by. */
  by?: AskDimension;
  /** `top` by entity: only entities of this catalog kind (lower case). */
  kind?: string;
  /** `top` and breakdowns: how many rows (default 5, at most 50). */
  limit?: number;
  filter?: AskFilter;
  measure?: CostMeasure;
  currency?: string;
  /** `owner`: the resource id or name. */
  resource?: string;
  /** `unit-cost`: the unit the question names ("user" in "cost per user"), checked against the entity's unit metric. */
  unit?: string;
}

/**
 * One figure of an answer: an exact amount in a currency (an empty
 * currency for counts and metric values).
 *
 * @public
 */
export interface AskFigure {
  label: string;
  /** The entity the figure is about, when it is one. */
  entity: string | null;
  /** An exact decimal string. */
  amount: string;
  currency: string;
}

/**
 * One row of a breakdown: its amount in the period and, where two periods
 * are compared, the change against the earlier one.
 *
 * @public
 */
export interface AskBreakdownRow {
  label: string;
  /** The row's key: a service name, resource id, entity ref, ... */
  key?: string;
  amount: string;
  /** Exact change against the baseline, or null when none is compared. */
  change: string | null;
  /** The amount in the baseline, when one is compared. */
  previous?: string;
  /** Share of the total, 0 to 1 (binary arithmetic, for display). */
  share?: number;
  /** A remark: `new`, `vanished`, the attribution method, the owner. */
  note?: string;
}

/**
 * A further table of an answer: the change by another dimension, the usage
 * and price effects, new and vanished resources, suggestions.
 *
 * @public
 */
export interface AskSection {
  title: string;
  dimension?: string;
  rows: AskBreakdownRow[];
}

/**
 * A small series to draw where a trend or a day matters.
 *
 * @public
 */
export interface AskChart {
  granularity: 'day' | 'month';
  /** What the values are: a currency, or `per <unit>` for unit cost. */
  unit: string;
  points: Array<{ date: string; amount: string }>;
  /** The day the answer is about, drawn marked. */
  highlight?: string;
}

/**
 * Where an entity's cost comes from: the rule that attributed it and a
 * link to the `/explain` view of the cost it matched.
 *
 * @public
 */
export interface AskEvidenceLink {
  label: string;
  entityRef: string;
  method: AttributionMethod;
  annotation?: string;
  selector?: string;
  confidence?: number;
  /** `/api/finops/explain?resourceId=...` or `?groupId=...` (relative to the backend's base URL). */
  href: string;
}

/**
 * What an answer's figures were computed from.
 *
 * @public
 */
export interface AskLineage {
  measure: CostMeasure;
  currency: string;
  /** The attribution run whose allocations were read; null when none was needed. */
  attributionRunId: string | null;
  /** What was read: `allocations`, `facts`, `metrics`, `recommendations`, `attribution-report`. */
  sources: string[];
  /** The entity in scope and how many of its members were left out because the asker may not read them. */
  scope: { entityRef: string | null; members: number; hiddenMembers: number };
  evidence: AskEvidenceLink[];
  /** The structured query the engine ran. */
  query: AskQuery;
  /** Who turned the question into the query, and who phrased the answer. */
  parsedBy: 'engine' | 'model';
  phrasedBy: 'engine' | 'model';
}

/**
 * An anomaly Costwise detected in the period of a "why did it change"
 * answer, on the entity asked about or one of its members: the answer links
 * to it rather than explaining the day alone.
 *
 * @public
 */
export interface AskAnomalyRef {
  id: string;
  entityRef: string;
  /** First and last anomalous day, `YYYY-MM-DD`. */
  day: string;
  lastDay: string;
  /** Actual less expected, exact decimal text in `currency`. */
  impact: string;
  currency: string;
  /** Its triage status: `new`, `acknowledged`, `resolved`, `expected` or `not-anomaly`. */
  status: string;
  explanation: string;
}

/**
 * The answer to a question.
 *
 * @public
 */
export interface AskAnswer {
  question: string;
  intent: AskIntent;
  /** A sentence or two that states the conclusion. */
  answer: string;
  period: AskPeriod | null;
  figures: AskFigure[];
  breakdown: AskBreakdownRow[];
  /** What `breakdown` groups by. */
  breakdownBy?: string;
  sections?: AskSection[];
  chart?: AskChart;
  freshness: SourceFreshness[];
  /** The day relative dates were read from. */
  today: string;
  lineage: AskLineage | null;
  /** False when the engine cannot answer the question; never a guess. */
  supported: boolean;
  /** The closest questions the engine can answer. */
  suggestions: string[];
  /** Entity names the question may have meant. */
  didYouMean?: string[];
  /** For a change: the anomalies detected in its period on the entity or its members. */
  anomalies?: AskAnomalyRef[];
}

/**
 * `POST /ask` body.
 *
 * @public
 */
export interface AskRequest {
  question: string;
  /** The entity whose page the question is asked on: its scope. */
  entityRef?: string;
}
