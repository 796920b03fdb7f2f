/** What a provider's cost and usage reports are read into, before they are allocated. */
import type { Decimal } from '@costwise/plugin-finops-common';

/**
 * Where a line came from: the endpoint URL and the result's number in it,
 * recorded with the rows it made and with a rejection.
 *
 * @public
 */
export interface LlmSourceRef {
  file: string;
  line: number;
}

/**
 * One quantity of a provider's usage report for a day and project (or
 * workspace): tokens of one kind, or another unit (requests, images ...).
 *
 * @public
 */
export interface LlmUsageLine {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** The project or workspace. */
  subAccountId?: string;
  subAccountName?: string;
  /**
   * The values a cost line's `match` is compared with. Conventional keys:
   * `model`, `credential` (the API key id), `tokenDirection`,
   * `tokenCacheAction`, `cacheTtl`, `modality`, `unit`, `serviceTier`,
   * `batch`, `contextWindow`, `tool`.
   */
  dims: Readonly<Record<string, string | undefined>>;
  /** A whole number, more than 0 (lines of 0 are left out). */
  quantity: bigint;
  /** The FOCUS ConsumedUnit, e.g. `Tokens`. */
  unit: string;
  /** One SKU per model and token kind, e.g. `gpt-4o, cached input`. */
  skuId: string;
  /** The list price of one unit (USD) if the price table knows it. */
  unitPrice?: Decimal;
  /** False for counts no cost is for (requests): stored with zero cost. */
  billable: boolean;
  /** The API key id, so that attribution can map a key. */
  resourceId?: string;
  resourceType?: string;
  /** `x_` columns: model, credential, token direction and cache action ... */
  tags: Readonly<Record<string, string>>;
  source: LlmSourceRef;
}

/**
 * One amount of a provider's cost report for a day and project (or
 * workspace): the billed truth, in dollars.
 *
 * @public
 */
export interface LlmCostLine {
  day: string;
  subAccountId?: string;
  subAccountName?: string;
  /** In `currency`, exact. */
  amount: Decimal;
  /** The list amount when the report gives it (split as `amount` is). */
  listAmount?: Decimal;
  currency: string;
  /**
   * The usage this cost is for: every given key must equal the usage
   * line's `dims` value (`null`: the usage line has none; a `model` also
   * matches a dated snapshot of the same model). `{}` matches all the
   * billable usage of the day and project; undefined matches none (the
   * cost stays whole, as its own row).
   */
  match: Readonly<Record<string, string | null>> | undefined;
  /** The SKU of the row when the cost stays whole, e.g. the line item. */
  skuId: string;
  /** The quantity the report gives with the amount, if any. */
  quantity?: string;
  unit?: string;
  /**
   * `x_` columns of the cost (its line item; the model and token kind it
   * names, so that a cost kept whole still reads as tokens of a model). On
   * a row split from it, the usage line's own values win.
   */
  tags: Readonly<Record<string, string>>;
  source: LlmSourceRef;
}

/**
 * What every row of one provider shares.
 *
 * @public
 */
export interface LlmRowTemplate {
  billingAccountId: string;
  billingAccountName?: string;
  providerName: string;
  serviceName: string;
  serviceCategory?: string;
  /** The currency of rows without a cost (usage not billed yet). */
  currency: string;
}
