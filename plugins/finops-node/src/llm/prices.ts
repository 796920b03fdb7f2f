import { Decimal } from '@costwise/plugin-finops-common';

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

/** `a × b`, exactly. */
function times(a: Decimal, b: Decimal): Decimal {
  return Decimal.fromUnits(a.units * b.units, a.scale + b.scale);
}

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
