import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AI_TOKEN_TYPES,
  AiModelKind,
  AiTokenType,
  Decimal,
} from '@costwise/plugin-finops-common';

/**
 * The list price of one model per million tokens of each token type, as
 * exact decimal strings in the table's currency. A model without a
 * `cachedInput` or `cacheWrite` price is priced at its `input` price for
 * those tokens; a model without an `output` price (an embedding model)
 * cannot price output tokens.
 *
 * @public
 */
export interface AiModelPrice {
  /** The model id, e.g. `gpt-4o` or `claude-sonnet-4-5`. */
  model: string;
  /** The provider, e.g. `OpenAI`. */
  provider: string;
  kind: AiModelKind;
  input: string;
  cachedInput?: string;
  cacheWrite?: string;
  output?: string;
  /** The day these prices were read (`YYYY-MM-DD`). */
  asOf: string;
  /** Where they were read. */
  source?: string;
  /**
   * A regular expression (case-insensitive) that model ids of the usage
   * data must match. Without one: the model id itself, alone or followed by
   * a date snapshot (`gpt-4o-2024-08-06`, `claude-sonnet-4-20250514`) and
   * after a vendor prefix (`anthropic.claude-sonnet-4-…-v1:0`).
   */
  match?: string;
}

/**
 * A dated table of LLM list prices (`finops.ai.prices`): what the model
 * what-if prices traffic with and the model-choice detector compares
 * models by.
 *
 * @public
 */
export interface AiPriceTable {
  /** The currency of the prices. */
  currency: string;
  /** The day of the table: the latest of its models' days unless configured. */
  asOf: string;
  models: AiModelPrice[];
}

const OPENAI = 'https://developers.openai.com/api/docs/pricing';
const ANTHROPIC = 'https://platform.claude.com/docs/en/about-claude/pricing';

const openai = (
  model: string,
  asOf: string,
  input: string,
  cachedInput: string | undefined,
  output: string | undefined,
  kind: AiModelKind = 'chat',
): AiModelPrice => ({
  model,
  provider: 'OpenAI',
  kind,
  input,
  ...(cachedInput ? { cachedInput } : {}),
  ...(output ? { output } : {}),
  asOf,
  source: OPENAI,
});

// Anthropic: 5-minute cache writes cost 1.25× input, cache reads 0.1× (0.05× on Sonnet 5.5)
const anthropic = (
  model: string,
  input: string,
  cacheWrite: string,
  cachedInput: string,
  output: string,
): AiModelPrice => ({
  model,
  provider: 'Anthropic',
  kind: 'chat',
  input,
  cachedInput,
  cacheWrite,
  output,
  asOf: '2026-10-24',
  source: ANTHROPIC,
});

/**
 * The built-in price table: OpenAI's and Anthropic's standard-tier list
 * prices in USD per million tokens, each model labelled with the day its
 * prices were read from the provider's pricing page. Batch and flex
 * discounts, priority tiers and long-context surcharges are not in it.
 *
 * @public
 */
export const DEFAULT_AI_PRICES: AiPriceTable = {
  currency: 'USD',
  asOf: '2026-10-24',
  models: [
    openai('gpt-5.5', '2026-06-04', '5.00', '0.50', '30.00'),
    openai('gpt-5.4', '2026-06-04', '2.50', '0.25', '15.00'),
    openai('gpt-5.4-mini', '2026-06-04', '0.75', '0.075', '4.50'),
    openai('gpt-5.4-nano', '2026-06-04', '0.20', '0.02', '1.25'),
    openai('gpt-4.1', '2026-06-21', '2.00', '0.50', '8.00'),
    openai('gpt-4.1-mini', '2026-06-21', '0.40', '0.10', '1.60'),
    openai('gpt-4o', '2026-04-06', '2.50', '1.25', '10.00'),
    openai('gpt-4o-mini', '2026-04-06', '0.15', '0.075', '0.60'),
    openai(
      'text-embedding-3-small',
      '2026-06-21',
      '0.02',
      undefined,
      undefined,
      'embedding',
    ),
    openai(
      'text-embedding-3-large',
      '2026-04-06',
      '0.13',
      undefined,
      undefined,
      'embedding',
    ),
    anthropic('claude-opus-5', '5', '6.25', '0.50', '25'),
    anthropic('claude-sonnet-5-5', '2', '2.50', '0.10', '10'),
    anthropic('claude-sonnet-5', '2', '2.50', '0.20', '10'),
    anthropic('claude-opus-4-5', '5', '6.25', '0.50', '25'),
    anthropic('claude-opus-4-1', '15', '18.75', '1.50', '75'),
    anthropic('claude-sonnet-4-5', '3', '3.75', '0.30', '15'),
    anthropic('claude-sonnet-4', '3', '3.75', '0.30', '15'),
    anthropic('claude-3-7-sonnet', '3', '3.75', '0.30', '15'),
    anthropic('claude-haiku-4-5', '1', '1.25', '0.10', '5'),
    anthropic('claude-3-5-haiku', '0.80', '1', '0.08', '4'),
  ],
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern a model's usage ids match (see {@link AiModelPrice.match}). */
function patternOf(price: AiModelPrice): RegExp {
  if (price.match) return new RegExp(price.match, 'i');
  return new RegExp(
    `(?:^|[./:])${escapeRegExp(
      price.model,
    )}(?:$|[-@](?:\\d{4}-?\\d{2}-?\\d{2}|latest)(?:$|[-:@]))`,
    'i',
  );
}

const patterns = new WeakMap<AiModelPrice, RegExp>();

/**
 * The price table's entry for a model id of the usage data: the entry whose
 * pattern it matches, the longest model id first (`gpt-4o-mini-2024-07-18`
 * is `gpt-4o-mini`, not `gpt-4o`); undefined when none does.
 *
 * @public
 */
export function findModelPrice(
  table: AiPriceTable,
  modelId: string,
): AiModelPrice | undefined {
  const id = modelId.trim();
  if (!id) return undefined;
  let best: AiModelPrice | undefined;
  for (const price of table.models) {
    let pattern = patterns.get(price);
    if (!pattern) patterns.set(price, (pattern = patternOf(price)));
    if (
      (price.model.toLowerCase() === id.toLowerCase() || pattern.test(id)) &&
      (!best || price.model.length > best.model.length)
    )
      best = price;
  }
  return best;
}

/**
 * A model's price per million tokens of a token type, and how a missing
 * price was filled in; undefined when it has none (output on an embedding
 * model).
 *
 * @public
 */
export function priceOfTokenType(
  price: AiModelPrice,
  type: AiTokenType,
): { perMillion: Decimal; note?: string } | undefined {
  const own = price[type];
  if (own !== undefined) return { perMillion: Decimal.parse(own) };
  if (type === 'cachedInput')
    return {
      perMillion: Decimal.parse(price.input),
      note: 'no cached-input price: cached input tokens priced as input',
    };
  if (type === 'cacheWrite')
    return {
      perMillion: Decimal.parse(price.input),
      note: 'no cache-write price: cache writes priced as input',
    };
  return undefined;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function fail(key: string, message: string): never {
  throw new InputError(`finops.ai.prices${key}: ${message}`);
}

function priceText(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  const parsed = Decimal.tryParse(text);
  if (!parsed || parsed.isNegative() || !/^\d*\.?\d+$/.test(text))
    fail(
      key,
      `must be a price per million tokens such as 2.50, got '${String(value)}'`,
    );
  return text;
}

function dayText(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  // a YAML 1.1 loader reads an unquoted date as a Date
  const text =
    value instanceof Date && !Number.isNaN(value.getTime())
      ? value.toISOString().slice(0, 10)
      : String(value).trim();
  if (!DAY.test(text) || Number.isNaN(Date.parse(text)))
    fail(key, `must be a day YYYY-MM-DD, got '${text}'`);
  return text;
}

function readModel(
  entry: Config,
  index: number,
  tableAsOf: string | undefined,
): AiModelPrice {
  const key = `.models[${index}]`;
  const model = entry.getString('model').trim();
  if (!model) fail(`${key}.model`, 'must name a model');
  const kind = entry.getOptionalString('kind') ?? 'chat';
  if (kind !== 'chat' && kind !== 'embedding')
    fail(`${key}.kind`, `must be 'chat' or 'embedding', got '${kind}'`);
  const input = priceText(`${key}.input`, entry.getOptional('input'));
  if (input === undefined)
    fail(`${key}.input`, `is missing: ${model} needs an input price`);
  const asOf = dayText(`${key}.asOf`, entry.getOptional('asOf')) ?? tableAsOf;
  if (!asOf)
    fail(
      `${key}.asOf`,
      `is missing: give the day ${model}'s prices were read, here or for the whole table`,
    );
  const match = entry.getOptionalString('match');
  if (match !== undefined) {
    try {
      // eslint-disable-next-line no-new
      new RegExp(match, 'i');
    } catch (error) {
      fail(`${key}.match`, `is not a regular expression: ${error}`);
    }
  }
  const out: AiModelPrice = {
    model,
    provider: entry.getOptionalString('provider') ?? '',
    kind,
    input,
    asOf,
  };
  for (const type of AI_TOKEN_TYPES) {
    if (type === 'input') continue;
    const value = priceText(`${key}.${type}`, entry.getOptional(type));
    if (value !== undefined) out[type] = value;
  }
  if (kind === 'chat' && out.output === undefined)
    fail(
      `${key}.output`,
      `is missing: chat model ${model} needs an output price`,
    );
  const source = entry.getOptionalString('source');
  if (source) out.source = source;
  if (match) out.match = match;
  return out;
}

/**
 * Reads `finops.ai.prices` over the built-in table: configured models
 * replace the built-in entry of the same id (any case) and are added to
 * the others, unless `replaceDefaults: true`. Each configured model needs
 * the day its prices were read (`asOf`, its own or the table's). An
 * `InputError` names a bad setting.
 *
 * @public
 */
export function readAiPriceTable(
  finops: Config | undefined,
  base: AiPriceTable = DEFAULT_AI_PRICES,
): AiPriceTable {
  const prices = finops?.getOptionalConfig('ai.prices');
  if (!prices) return base;
  const tableAsOf = dayText('.asOf', prices.getOptional('asOf'));
  const currency = (prices.getOptionalString('currency') ?? base.currency)
    .trim()
    .toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    fail('.currency', `must be a currency code such as USD, got '${currency}'`);
  const replace = prices.getOptionalBoolean('replaceDefaults') ?? false;
  if (currency !== base.currency && !replace)
    fail(
      '.currency',
      `${currency} prices need replaceDefaults: true (the built-in prices are in ${base.currency})`,
    );
  const configured = (prices.getOptionalConfigArray('models') ?? []).map(
    (entry, i) => readModel(entry, i, tableAsOf),
  );
  if (replace && configured.length === 0)
    fail('.replaceDefaults', 'needs a list of models');
  const ids = new Set<string>();
  for (const m of configured) {
    const id = m.model.toLowerCase();
    if (ids.has(id)) fail('.models', `lists ${m.model} twice`);
    ids.add(id);
  }
  const kept = replace
    ? []
    : base.models.filter(m => !ids.has(m.model.toLowerCase()));
  // a configured model without a provider keeps the built-in entry's
  const providers = new Map(
    base.models.map(m => [m.model.toLowerCase(), m.provider]),
  );
  const models = [
    ...kept,
    ...configured.map(m => ({
      ...m,
      provider: m.provider || providers.get(m.model.toLowerCase()) || '',
    })),
  ];
  const latest = models.reduce((max, m) => (m.asOf > max ? m.asOf : max), '');
  return {
    currency,
    asOf: tableAsOf ?? (latest || base.asOf),
    models,
  };
}
