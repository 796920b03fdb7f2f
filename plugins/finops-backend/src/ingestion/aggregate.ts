import { createHash } from 'crypto';
import {
  COST_MEASURES,
  Decimal,
  IngestionSummary,
  MeasureTotals,
  NormalizedCostRow,
  RejectedRow,
} from '@costwise/plugin-finops-common';
import type { CostRecord } from '@costwise/plugin-finops-node';

/** Rejections kept per run; the rest are counted. */
export const MAX_RECORDED_REJECTIONS = 1000;

/** The dimensions of a fact group, as stored.
 *
 * @public
 */
export interface FactGroup {
  keyHash: string;
  billingAccountId: string;
  subAccountId?: string;
  subAccountName?: string;
  provider: string;
  serviceName: string;
  serviceCategory?: string;
  region?: string;
  resourceId?: string;
  resourceName?: string;
  resourceType?: string;
  chargeCategory: string;
  pricingCategory?: string;
  skuId?: string;
  commitmentId?: string;
  commitmentStatus?: string;
  consumedUnit?: string;
  currency: string;
  /** Canonical JSON of the tags (keys sorted). */
  tags: string;
}

/** Exact sums of one day of one fact group.
 *
 * @public
 */
export interface DailyFact {
  billingPeriod: string;
  day: string;
  keyHash: string;
  billedCost: Decimal;
  effectiveCost: Decimal;
  listCost: Decimal;
  contractedCost: Decimal;
  consumedQuantity: Decimal;
  rowCount: number;
}

/**
 * Running sums per currency and measure.
 *
 * @public
 */
export class CurrencyTotals {
  private readonly sums = new Map<string, Decimal[]>();

  add(currency: string, values: Decimal[]) {
    const current = this.sums.get(currency);
    if (!current) {
      this.sums.set(currency, [...values]);
      return;
    }
    for (let i = 0; i < values.length; i++)
      current[i] = current[i].add(values[i]);
  }

  toJSON(): Record<string, MeasureTotals> {
    const out: Record<string, MeasureTotals> = {};
    for (const currency of [...this.sums.keys()].sort()) {
      const sums = this.sums.get(currency)!;
      out[currency] = Object.fromEntries(
        COST_MEASURES.map((m, i) => [m, sums[i].toString()]),
      ) as MeasureTotals;
    }
    return out;
  }
}

const canonicalCache = new WeakMap<Record<string, string>, string>();

function canonicalTags(tags: Record<string, string>): string {
  // Readers share one parsed object per distinct tag text, so this is computed once per tag set.
  let canonical = canonicalCache.get(tags);
  if (canonical === undefined) {
    const keys = Object.keys(tags).sort();
    canonical =
      keys.length === 0
        ? '{}'
        : JSON.stringify(Object.fromEntries(keys.map(k => [k, tags[k]])));
    canonicalCache.set(tags, canonical);
  }
  return canonical;
}

/** The dimensions that make a fact group, in a fixed order. */
function groupDimensions(row: NormalizedCostRow): (string | undefined)[] {
  return [
    row.billingAccountId,
    row.subAccountId,
    row.subAccountName,
    row.providerName,
    row.serviceName,
    row.serviceCategory,
    row.regionId,
    row.resourceId,
    row.resourceName,
    row.resourceType,
    row.chargeCategory,
    row.pricingCategory,
    row.skuId,
    row.commitmentDiscountId,
    row.commitmentDiscountStatus,
    row.consumedUnit,
    row.billingCurrency,
    canonicalTags(row.tags),
  ];
}

function groupOf(
  row: NormalizedCostRow,
  dimensions: (string | undefined)[],
): FactGroup {
  return {
    keyHash: createHash('sha1')
      .update(JSON.stringify(dimensions))
      .digest('hex'),
    billingAccountId: row.billingAccountId,
    subAccountId: row.subAccountId,
    subAccountName: row.subAccountName,
    provider: row.providerName,
    serviceName: row.serviceName,
    serviceCategory: row.serviceCategory,
    region: row.regionId,
    resourceId: row.resourceId,
    resourceName: row.resourceName,
    resourceType: row.resourceType,
    chargeCategory: row.chargeCategory,
    pricingCategory: row.pricingCategory,
    skuId: row.skuId,
    commitmentId: row.commitmentDiscountId,
    commitmentStatus: row.commitmentDiscountStatus,
    consumedUnit: row.consumedUnit,
    currency: row.billingCurrency,
    tags: dimensions[17] as string,
  };
}

/**
 * Folds cost records into the run summary (counts, rejections, exact totals)
 * and, unless `summaryOnly`, into daily facts per fact group.
 *
 * @public
 */
export class CostAggregator {
  rows = 0;
  accepted = 0;
  rejected = 0;
  readonly rejections: RejectedRow[] = [];
  readonly files: string[] = [];
  readonly totals = new CurrencyTotals();
  readonly providers: Record<string, number> = {};
  readonly billingPeriods = new Set<string>();
  readonly groups = new Map<string, FactGroup>();
  /** billing period → (day|keyHash → fact) */
  readonly facts = new Map<string, Map<string, DailyFact>>();
  private readonly groupCache = new Map<string, FactGroup>();

  constructor(private readonly options: { summaryOnly?: boolean } = {}) {}

  add(record: CostRecord) {
    if (record.kind === 'file') {
      this.files.push(record.file);
      return;
    }
    this.rows++;
    if (record.kind === 'rejected') {
      this.rejected++;
      if (this.rejections.length < MAX_RECORDED_REJECTIONS)
        this.rejections.push(record.rejection);
      return;
    }
    this.accepted++;
    const row = record.row;
    const values = [
      row.billedCost,
      row.effectiveCost,
      row.listCost,
      row.contractedCost,
    ].map(v => Decimal.parse(v));
    this.totals.add(row.billingCurrency, values);
    this.providers[row.providerName] =
      (this.providers[row.providerName] ?? 0) + 1;
    const period = row.billingPeriodStart.slice(0, 7);
    this.billingPeriods.add(period);
    if (this.options.summaryOnly) return;

    // Most rows repeat a group already seen: look it up by its dimensions
    // and hash only new ones.
    const dimensions = groupDimensions(row);
    const cacheKey = dimensions.join('\u0001');
    let known = this.groupCache.get(cacheKey);
    if (!known) {
      known = groupOf(row, dimensions);
      this.groupCache.set(cacheKey, known);
      this.groups.set(known.keyHash, known);
    }
    const day = row.chargePeriodStart.slice(0, 10);
    let byPeriod = this.facts.get(period);
    if (!byPeriod) {
      byPeriod = new Map();
      this.facts.set(period, byPeriod);
    }
    const factKey = `${day}|${known.keyHash}`;
    const fact = byPeriod.get(factKey);
    const quantity = row.consumedQuantity
      ? Decimal.parse(row.consumedQuantity)
      : Decimal.ZERO;
    if (!fact) {
      byPeriod.set(factKey, {
        billingPeriod: period,
        day,
        keyHash: known.keyHash,
        billedCost: values[0],
        effectiveCost: values[1],
        listCost: values[2],
        contractedCost: values[3],
        consumedQuantity: quantity,
        rowCount: 1,
      });
    } else {
      fact.billedCost = fact.billedCost.add(values[0]);
      fact.effectiveCost = fact.effectiveCost.add(values[1]);
      fact.listCost = fact.listCost.add(values[2]);
      fact.contractedCost = fact.contractedCost.add(values[3]);
      fact.consumedQuantity = fact.consumedQuantity.add(quantity);
      fact.rowCount++;
    }
  }

  summary(): IngestionSummary {
    return {
      rows: this.rows,
      accepted: this.accepted,
      rejected: this.rejected,
      rejections: this.rejections,
      totals: this.totals.toJSON(),
      billingPeriods: [...this.billingPeriods].sort(),
      providers: Object.fromEntries(
        Object.entries(this.providers).sort(([a], [b]) => a.localeCompare(b)),
      ),
    };
  }

  factCount(): number {
    let n = 0;
    for (const byPeriod of this.facts.values()) n += byPeriod.size;
    return n;
  }
}
