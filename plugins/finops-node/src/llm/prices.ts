import { Decimal } from '@costwise/plugin-finops-common';
import { DEFAULT_LLM_PRICES } from './defaultPrices';
import { times } from './exact';

/**
 * A kind of token as providers bill it: the direction, and for input
 * tokens whether the prompt cache was missed, read or written.
 *
 * @public
 */
export interface LlmTokenKind {
  direction: 'Input' | 'Output';
  /** Input tokens only: `Uncached`, `Read` (a cache hit) or `Write` (a cache creation). */
  cacheAction?: 'Uncached' | 'Read' | 'Write';
  /** How long a cache write lives, e.g. `5m` or `1h` (priced differently). */
  cacheTtl?: string;
  /** `Audio`, `Image`: tokens other than text, which the table does not price. */
  modality?: string;
}

/** Per-1M-token prices of one model in USD, as decimal strings. @public */
export interface LlmTokenPrices {
  /** Uncached input. */
  input: string;
  /** Input read from the prompt cache. */
  cachedInput?: string;
  /** Input written to the cache (Anthropic: the 5-minute cache). */
  cacheWrite?: string;
  /** Input written to the 1-hour cache (Anthropic). */
  cacheWrite1h?: string;
  output?: string;
}

/**
 * The list prices of a model (or of every snapshot of it) from a day on.
 *
 * @public
 */
export interface LlmModelPrice extends LlmTokenPrices {
  /** `openai` or `anthropic`. */
  provider: string;
  /**
   * The model id, which also prices its dated snapshots: `gpt-4o` prices
   * `gpt-4o-2024-08-06`; the longest matching id wins (`gpt-4o-mini` over
   * `gpt-4o`).
   */
  model: string;
  /** The first day (`YYYY-MM-DD`) these prices apply; the latest entry on or before a day wins. */
  from: string;
  /** Prices for requests above 200k tokens of context (Anthropic `200k-1M`). */
  longContext?: LlmTokenPrices;
}

/** Service tiers and batch billing priced as a share of the list price. */
const TIER_FACTORS: Record<string, string> = {
  batch: '0.5',
  flex: '0.5',
};

const PRICE_FIELDS = [
  'input',
  'cachedInput',
  'cacheWrite',
  'cacheWrite1h',
  'output',
] as const;

/** Whether `model` is `id` or a snapshot of it (`id-2024-08-06`, `id@...`). */
function isModelOf(model: string, id: string): boolean {
  return (
    model === id ||
    (model.length > id.length &&
      model.startsWith(id) &&
      /[-@:]/.test(model[id.length]))
  );
}

/**
 * How a model's usage was billed besides its token kind.
 *
 * @public
 */
export interface LlmPriceModifiers {
  /** Sent through a batch API (half price). */
  batch?: boolean;
  /** `flex` and `batch` are half price; other tiers list price. */
  serviceTier?: string;
  /** Anthropic `200k-1M` uses the model's long-context prices. */
  contextWindow?: string;
}

/**
 * A dated table of LLM list prices: which entry prices a model's tokens on
 * a day, and the exact price per token.
 *
 * @public
 */
export class LlmPriceTable {
  private readonly entries: LlmModelPrice[];

  /**
   * Later entries win over earlier ones for the same provider, model and
   * `from` day, so configured prices added after the defaults replace them.
   * Throws a `TypeError` naming the entry when a price is not a decimal.
   */
  constructor(prices: readonly LlmModelPrice[] = DEFAULT_LLM_PRICES) {
    const byKey = new Map<string, LlmModelPrice>();
    for (const entry of prices) {
      const name = `${entry.provider}/${entry.model} from ${entry.from}`;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.from))
        throw new TypeError(`LLM price ${name}: 'from' must be YYYY-MM-DD`);
      for (const set of [
        entry,
        entry.longContext ?? {},
      ] as Partial<LlmTokenPrices>[]) {
        for (const field of PRICE_FIELDS) {
          const text = set[field];
          if (text === undefined) continue;
          const value = Decimal.tryParse(String(text));
          if (!value || value.isNegative())
            throw new TypeError(
              `LLM price ${name}: ${field} '${text}' is not a price (a decimal, 0 or more)`,
            );
        }
      }
      byKey.set(
        `${entry.provider.toLowerCase()}\u0000${entry.model.toLowerCase()}\u0000${
          entry.from
        }`,
        entry,
      );
    }
    this.entries = [...byKey.values()];
  }

  /**
   * The entry that prices `model` of `provider` on `day`: of the entries
   * whose model is the model or a prefix of its snapshot name, the longest;
   * of those, the latest whose `from` is on or before the day.
   */
  find(
    provider: string,
    model: string,
    day: string,
  ): LlmModelPrice | undefined {
    const p = provider.toLowerCase();
    const m = model.toLowerCase();
    let best: LlmModelPrice | undefined;
    for (const entry of this.entries) {
      if (entry.provider.toLowerCase() !== p) continue;
      const id = entry.model.toLowerCase();
      if (!isModelOf(m, id) || entry.from > day) continue;
      if (
        !best ||
        id.length > best.model.length ||
        (id.length === best.model.length && entry.from > best.from)
      )
        best = entry;
    }
    return best;
  }

  /**
   * The list price of one token (USD, exact) of `kind` for `model` on
   * `day`; undefined when the table does not price it (an unknown model,
   * audio tokens, a cache kind the entry lacks).
   */
  unitPrice(
    provider: string,
    model: string,
    day: string,
    kind: LlmTokenKind,
    modifiers: LlmPriceModifiers = {},
  ): Decimal | undefined {
    const entry = this.find(provider, model, day);
    if (!entry || kind.modality) return undefined;
    const prices: LlmTokenPrices =
      modifiers.contextWindow === '200k-1M' && entry.longContext
        ? entry.longContext
        : entry;
    let text: string | undefined;
    if (kind.direction === 'Output') text = prices.output;
    else if (kind.cacheAction === 'Read') text = prices.cachedInput;
    else if (kind.cacheAction === 'Write')
      text = kind.cacheTtl === '1h' ? prices.cacheWrite1h : prices.cacheWrite;
    else text = prices.input;
    if (text === undefined) return undefined;
    const perMillion = Decimal.parse(String(text));
    let price = Decimal.fromUnits(perMillion.units, perMillion.scale + 6);
    const factor =
      (modifiers.batch ? TIER_FACTORS.batch : undefined) ??
      TIER_FACTORS[(modifiers.serviceTier ?? '').toLowerCase()];
    if (factor) price = times(price, Decimal.parse(factor));
    return price;
  }
}
