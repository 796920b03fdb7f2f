import type { NormalizedCostRow } from '@costwise/plugin-finops-common';
import {
  cell,
  currencyCell,
  moneyCell,
  parseTags,
  quantityCell,
  truncate,
} from '../values';
import { Instant, parseInstant } from '../instants';
import { columnIndex, CostFileFormat, RowMapper } from './types';

/**
 * The FOCUS AI columns of LLM usage (the FOCUS draft's `x_` columns, as
 * OpenAI and Anthropic usage is normalized and LLM exports such as the
 * demo's write them), kept as tags of the fact group so that the AI views
 * can tell models, API keys and token types apart; a Tags entry of the same
 * name wins.
 */
const AI_COLUMNS = [
  ['x_ModelId', 'xModelId'],
  ['x_Model', 'xModel'],
  ['x_CredentialId', 'xCredentialId'],
  ['x_TokenDirection', 'xTokenDirection'],
  ['x_TokenCacheAction', 'xTokenCacheAction'],
] as const;

/** Columns without which a file is not a FOCUS cost export. */
const FOCUS_REQUIRED = [
  'BilledCost',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ServiceName',
];

const CATEGORY_NAMES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'];
const CHARGE_CATEGORIES = new Map(
  CATEGORY_NAMES.map(c => [c.toLowerCase(), c]),
);

/** The charge category a cell names, in any case; undefined when none. */
function chargeCategoryOf(text: string): string | undefined {
  return CATEGORY_NAMES.includes(text)
    ? text
    : CHARGE_CATEGORIES.get(text.toLowerCase());
}

/** Wraps a function of a cell's text so that a repeat of the previous text costs one comparison. */
function lastValueMemo<T>(
  f: (text: string) => T,
): (text: string | undefined) => T {
  let lastText: string | undefined;
  let lastValue: T;
  let primed = false;
  return text => {
    if (!primed || text !== lastText) {
      lastValue = f(text as string);
      lastText = text;
      primed = true;
    }
    return lastValue;
  };
}

/** The instant of a required timestamp cell, or the reason the row is rejected. */
function instantCell(
  column: string,
  text: string | undefined,
): Instant | string {
  if (!text) return `${column} is empty`;
  return parseInstant(text) ?? `${column} is not a date: '${truncate(text)}'`;
}

/** The column of each cell the FOCUS mapper reads (-1 when absent); throws naming missing mandatory columns. */
function focusColumns(header: string[]) {
  const idx = columnIndex(header);
  const missing = FOCUS_REQUIRED.filter(c => !idx.has(c));
  if (!idx.has('ProviderName') && !idx.has('ServiceProviderName'))
    missing.push('ProviderName');
  if (missing.length > 0) {
    throw new Error(`missing mandatory FOCUS column(s) ${missing.join(', ')}`);
  }
  const col = (name: string) => idx.get(name) ?? -1;
  return {
    billed: col('BilledCost'),
    effective: col('EffectiveCost'),
    list: col('ListCost'),
    contracted: col('ContractedCost'),
    currency: col('BillingCurrency'),
    start: col('ChargePeriodStart'),
    end: col('ChargePeriodEnd'),
    billingStart: col('BillingPeriodStart'),
    billingAccount: col('BillingAccountId'),
    billingAccountName: col('BillingAccountName'),
    subAccount: col('SubAccountId'),
    subAccountName: col('SubAccountName'),
    provider: idx.has('ServiceProviderName')
      ? col('ServiceProviderName')
      : col('ProviderName'),
    providerFallback: col('ProviderName'),
    service: col('ServiceName'),
    serviceCategory: col('ServiceCategory'),
    region: idx.has('RegionId') ? col('RegionId') : col('Region'),
    regionName: col('RegionName'),
    resourceId: col('ResourceId'),
    resourceName: col('ResourceName'),
    resourceType: col('ResourceType'),
    chargeCategory: col('ChargeCategory'),
    chargeClass: col('ChargeClass'),
    pricingCategory: col('PricingCategory'),
    sku: col('SkuId'),
    commitmentId: col('CommitmentDiscountId'),
    commitmentStatus: col('CommitmentDiscountStatus'),
    consumedQuantity: col('ConsumedQuantity'),
    consumedUnit: col('ConsumedUnit'),
    tags: col('Tags'),
    // LLM usage: the FOCUS AI columns, kept as tags (see aiColumnTags)
    xModelId: col('x_ModelId'),
    xModel: col('x_Model'),
    xCredentialId: col('x_CredentialId'),
    xTokenDirection: col('x_TokenDirection'),
    xTokenCacheAction: col('x_TokenCacheAction'),
  };
}

/**
 * Where the cells of a FOCUS row are, for a reader that parses the measured
 * cells itself (see `direct.ts`): the amounts, quantity and timestamps, and
 * every other column the mapper reads (`other`). Rows that agree on all of
 * `other` map to the same fact group, currency and provider, or are all
 * rejected for one of those cells.
 */
export interface FocusCells {
  width: number;
  billed: number;
  effective: number;
  list: number;
  contracted: number;
  quantity: number;
  start: number;
  end: number;
  billingStart: number;
  other: number[];
}

/** The cells of a FOCUS header, or undefined when it lacks a mandatory column. */
export function focusCells(header: string[]): FocusCells | undefined {
  let c: ReturnType<typeof focusColumns>;
  try {
    c = focusColumns(header);
  } catch {
    return undefined;
  }
  const measured = [
    c.billed,
    c.effective,
    c.list,
    c.contracted,
    c.consumedQuantity,
    c.start,
    c.end,
    c.billingStart,
  ];
  const other = [
    ...new Set(Object.values(c).filter(i => i >= 0 && !measured.includes(i))),
  ].sort((a, b) => a - b);
  return {
    width: header.length,
    billed: c.billed,
    effective: c.effective,
    list: c.list,
    contracted: c.contracted,
    quantity: c.consumedQuantity,
    start: c.start,
    end: c.end,
    billingStart: c.billingStart,
    other,
  };
}

function mapper(header: string[], options: { currency?: string }): RowMapper {
  const c = focusColumns(header);
  const get = (fields: string[], i: number) =>
    i >= 0 ? cell(fields[i]) : undefined;
  // Files hold one currency or a few: check each cell text once in a row.
  let lastCurrencyText: string | undefined;
  let lastCurrency: string | undefined;
  // The billing period is the same on most rows, tags on runs of rows.
  const billingInstant = lastValueMemo(parseInstant);
  const tagsOf = lastValueMemo(parseTags);
  const aiColumns = AI_COLUMNS.flatMap(([name, key]) =>
    c[key] >= 0 ? [[name, c[key]] as const] : [],
  );
  /** The row's tags with its FOCUS AI columns added, where the tags lack them. */
  const withAiTags = (own: Record<string, string>, fields: string[]) => {
    let out = own;
    for (const [name, i] of aiColumns) {
      const value = get(fields, i);
      if (value === undefined || own[name] !== undefined) continue;
      if (out === own) out = { ...own };
      out[name] = value;
    }
    return out;
  };

  return fields => {
    if (fields.length !== header.length) {
      return `row has ${fields.length} fields, the header has ${header.length}`;
    }
    const billed = moneyCell('BilledCost', fields[c.billed]);
    if (!billed.ok) return billed.reason;
    const effective =
      c.effective >= 0
        ? moneyCell('EffectiveCost', fields[c.effective])
        : billed;
    if (!effective.ok) return effective.reason;
    // ListCost and ContractedCost: FOCUS says they equal BilledCost where no unit price applies.
    const list =
      c.list >= 0 && get(fields, c.list) !== undefined
        ? moneyCell('ListCost', fields[c.list])
        : billed;
    if (!list.ok) return list.reason;
    const contracted =
      c.contracted >= 0 && get(fields, c.contracted) !== undefined
        ? moneyCell('ContractedCost', fields[c.contracted])
        : list;
    if (!contracted.ok) return contracted.reason;

    const currencyText = get(fields, c.currency);
    if (currencyText !== lastCurrencyText || lastCurrency === undefined) {
      const checked = currencyCell(
        'BillingCurrency',
        currencyText,
        options.currency,
      );
      if (!checked.ok) return checked.reason;
      lastCurrencyText = currencyText;
      lastCurrency = checked.value;
    }
    const currency = lastCurrency;

    const startText = get(fields, c.start);
    const start = instantCell('ChargePeriodStart', startText);
    if (typeof start === 'string') return start;
    const endText = get(fields, c.end);
    const end = instantCell('ChargePeriodEnd', endText);
    if (typeof end === 'string') return end;
    if (end.ms < start.ms)
      return `ChargePeriodEnd (${endText}) is before ChargePeriodStart (${startText})`;

    let billingPeriodStart: string;
    const billingText = get(fields, c.billingStart);
    if (billingText) {
      const b = billingInstant(billingText);
      if (b === undefined)
        return `BillingPeriodStart is not a date: '${truncate(billingText)}'`;
      billingPeriodStart = b.day;
    } else {
      billingPeriodStart = `${start.day.slice(0, 8)}01`;
    }

    const provider = get(fields, c.provider) ?? get(fields, c.providerFallback);
    if (!provider) return 'ProviderName is empty';
    const service = get(fields, c.service);
    if (!service) return 'ServiceName is empty';

    const categoryText = get(fields, c.chargeCategory) ?? 'Usage';
    const chargeCategory = chargeCategoryOf(categoryText);
    if (!chargeCategory)
      return `unknown ChargeCategory '${truncate(categoryText, 30)}'`;

    const ownTags = c.tags >= 0 ? tagsOf(fields[c.tags]) : {};
    if (!ownTags)
      return `Tags is not a JSON object: '${truncate(fields[c.tags] ?? '')}'`;
    const tags = aiColumns.length > 0 ? withAiTags(ownTags, fields) : ownTags;

    let consumedQuantity: string | undefined;
    if (c.consumedQuantity >= 0) {
      const q = quantityCell('ConsumedQuantity', fields[c.consumedQuantity]);
      if (q && !q.ok) return q.reason;
      consumedQuantity = q?.value;
    }

    const row: NormalizedCostRow = {
      chargePeriodStart: start.iso,
      chargePeriodEnd: end.iso,
      billingPeriodStart,
      billingAccountId: get(fields, c.billingAccount) ?? 'unknown',
      billingAccountName: get(fields, c.billingAccountName),
      subAccountId: get(fields, c.subAccount),
      subAccountName: get(fields, c.subAccountName),
      providerName: provider,
      serviceName: service,
      serviceCategory: get(fields, c.serviceCategory),
      regionId: get(fields, c.region) ?? get(fields, c.regionName),
      resourceId: get(fields, c.resourceId),
      resourceName: get(fields, c.resourceName),
      resourceType: get(fields, c.resourceType),
      chargeCategory,
      chargeClass: get(fields, c.chargeClass),
      pricingCategory: get(fields, c.pricingCategory),
      skuId: get(fields, c.sku),
      commitmentDiscountId: get(fields, c.commitmentId),
      commitmentDiscountStatus: get(fields, c.commitmentStatus),
      consumedQuantity,
      consumedUnit: get(fields, c.consumedUnit),
      billingCurrency: currency,
      tags,
      billedCost: billed.value,
      effectiveCost: effective.value,
      listCost: list.value,
      contractedCost: contracted.value,
    };
    return row;
  };
}

/** FOCUS 1.0 to 1.3 cost and usage exports (CSV or gzip-compressed CSV). */
export const focusFormat: CostFileFormat = {
  sourceType: 'focus',
  label: 'FOCUS cost and usage export',
  requiredColumns: [...FOCUS_REQUIRED, 'ProviderName'],
  detect: header => {
    const names = new Set(header.map(h => h.trim()));
    return names.has('BilledCost') && names.has('ChargePeriodStart');
  },
  createMapper: mapper,
};
