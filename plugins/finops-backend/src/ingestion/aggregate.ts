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
import { ExactSum, ParsedDecimal, parseDecimalText } from './exactSum';

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
  private readonly sums = new Map<string, ExactSum[]>();

  /** The running sums of one currency, one per cost measure. */
  of(currency: string): ExactSum[] {
    let sums = this.sums.get(currency);
    if (!sums) {
      sums = COST_MEASURES.map(() => new ExactSum());
      this.sums.set(currency, sums);
    }
    return sums;
  }

  add(currency: string, values: Decimal[]) {
    const sums = this.of(currency);
    for (let i = 0; i < values.length; i++) sums[i].addDecimal(values[i]);
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

/**
 * A copy of a string that does not keep alive the larger string it may be a
 * slice of: the CSV reader's fields are slices of a whole decoded chunk, and
 * a group kept for the run would otherwise pin that megabyte in memory.
 */
export function detach<T extends string | undefined>(value: T): T {
  if (value === undefined || value.length < 13) return value;
  return Buffer.from(value, 'utf8').toString('utf8') as T;
}

function groupOf(
  row: NormalizedCostRow,
  dimensions: (string | undefined)[],
): FactGroup {
  return {
    keyHash: createHash('sha1')
      .update(JSON.stringify(dimensions))
      .digest('hex'),
    billingAccountId: detach(row.billingAccountId),
    subAccountId: detach(row.subAccountId),
    subAccountName: detach(row.subAccountName),
    provider: detach(row.providerName),
    serviceName: detach(row.serviceName),
    serviceCategory: detach(row.serviceCategory),
    region: detach(row.regionId),
    resourceId: detach(row.resourceId),
    resourceName: detach(row.resourceName),
    resourceType: detach(row.resourceType),
    chargeCategory: detach(row.chargeCategory),
    pricingCategory: detach(row.pricingCategory),
    skuId: detach(row.skuId),
    commitmentId: detach(row.commitmentDiscountId),
    commitmentStatus: detach(row.commitmentDiscountStatus),
    consumedUnit: detach(row.consumedUnit),
    currency: detach(row.billingCurrency),
    tags: dimensions[17] as string,
  };
}

/** The running sums of one day of one fact group. */
class FactSums {
  readonly billedCost = new ExactSum();
  readonly effectiveCost = new ExactSum();
  readonly listCost = new ExactSum();
  readonly contractedCost = new ExactSum();
  readonly consumedQuantity = new ExactSum();
  rowCount = 0;

  constructor(
    readonly billingPeriod: string,
    readonly day: string,
    readonly keyHash: string,
  ) {}

  toDailyFact(): DailyFact {
    return {
      billingPeriod: this.billingPeriod,
      day: this.day,
      keyHash: this.keyHash,
      billedCost: this.billedCost.toDecimal(),
      effectiveCost: this.effectiveCost.toDecimal(),
      listCost: this.listCost.toDecimal(),
      contractedCost: this.contractedCost.toDecimal(),
      consumedQuantity: this.consumedQuantity.toDecimal(),
      rowCount: this.rowCount,
    };
  }
}

/** A fact group seen in the run and its facts by billing period and day. */
interface GroupEntry {
  group: FactGroup;
  /** period + day → sums */
  facts: Map<string, FactSums>;
  /** The fact the group's last row went to: rows of a group often come together. */
  last: FactSums | undefined;
}

/**
 * The facts of one billing period as the store takes them: the exact sums of
 * each day and fact group, and the number of source rows they come from.
 *
 * @public
 */
export interface PeriodFacts {
  facts: Iterable<DailyFact>;
  rows: number;
}

function* dailyFacts(sums: FactSums[]): Iterable<DailyFact> {
  for (const s of sums) yield s.toDailyFact();
}

/**
 * Folds cost records into the run summary (counts, rejections, exact totals)
 * and, unless `summaryOnly`, into daily facts per fact group.
 *
 * Memory grows with the number of distinct daily facts (group × day), not
 * with rows: each fact holds five exact running sums.
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
  private readonly groupCache = new Map<string, GroupEntry>();
  /** billing period → its facts, in the order they were first seen */
  private readonly periodSums = new Map<string, FactSums[]>();
  private readonly periodRows = new Map<string, number>();
  private lastCurrency: string | undefined;
  private lastCurrencySums: ExactSum[] = [];
  private readonly parsed: ParsedDecimal[] = [0, 1, 2, 3, 4].map(() => ({
    units: 0,
    scale: 0,
    decimal: undefined,
  }));

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
    const row = record.row;
    const parsed = this.parsed;
    const billed = parsed[0];
    const effective = parsed[1];
    const list = parsed[2];
    const contracted = parsed[3];
    const quantity = parsed[4];
    if (
      !parseDecimalText(row.billedCost, billed) ||
      !parseDecimalText(row.effectiveCost, effective) ||
      !parseDecimalText(row.listCost, list) ||
      !parseDecimalText(row.contractedCost, contracted) ||
      !parseDecimalText(row.consumedQuantity || '0', quantity)
    ) {
      // Readers check their cells; a row another reader got wrong is rejected here.
      this.rejected++;
      if (this.rejections.length < MAX_RECORDED_REJECTIONS)
        this.rejections.push({
          file: record.file,
          line: record.line,
          reason: 'a cost or quantity is not a number',
        });
      return;
    }
    this.accepted++;
    if (row.billingCurrency !== this.lastCurrency) {
      this.lastCurrency = row.billingCurrency;
      this.lastCurrencySums = this.totals.of(row.billingCurrency);
    }
    const totals = this.lastCurrencySums;
    totals[0].addParsed(billed);
    totals[1].addParsed(effective);
    totals[2].addParsed(list);
    totals[3].addParsed(contracted);
    this.providers[row.providerName] =
      (this.providers[row.providerName] ?? 0) + 1;
    const period = row.billingPeriodStart.slice(0, 7);
    if (!this.billingPeriods.has(period)) {
      this.billingPeriods.add(period);
      this.periodSums.set(period, []);
      this.periodRows.set(period, 0);
    }
    if (this.options.summaryOnly) return;
    this.periodRows.set(period, this.periodRows.get(period)! + 1);

    // Most rows repeat a group already seen: look it up by its dimensions
    // and hash only new ones.
    const dimensions = groupDimensions(row);
    const cacheKey = dimensions.join('\u0001');
    let entry = this.groupCache.get(cacheKey);
    if (!entry) {
      const group = groupOf(row, dimensions);
      entry = { group, facts: new Map(), last: undefined };
      this.groupCache.set(cacheKey, entry);
      this.groups.set(group.keyHash, group);
    }
    const day = row.chargePeriodStart.slice(0, 10);
    let fact = entry.last;
    if (!fact || fact.day !== day || fact.billingPeriod !== period) {
      const factKey = period + day;
      fact = entry.facts.get(factKey);
      if (!fact) {
        fact = new FactSums(period, day, entry.group.keyHash);
        entry.facts.set(factKey, fact);
        this.periodSums.get(period)!.push(fact);
      }
      entry.last = fact;
    }
    fact.billedCost.addParsed(billed);
    fact.effectiveCost.addParsed(effective);
    fact.listCost.addParsed(list);
    fact.contractedCost.addParsed(contracted);
    if (row.consumedQuantity) fact.consumedQuantity.addParsed(quantity);
    fact.rowCount++;
  }

  /** The facts of each billing period, ready for the store. */
  periodFacts(): Map<string, PeriodFacts> {
    const out = new Map<string, PeriodFacts>();
    for (const [period, sums] of this.periodSums) {
      out.set(period, {
        facts: dailyFacts(sums),
        rows: this.periodRows.get(period)!,
      });
    }
    return out;
  }

  /** billing period → (day|keyHash → fact); builds the facts on each call. */
  get facts(): Map<string, Map<string, DailyFact>> {
    const out = new Map<string, Map<string, DailyFact>>();
    for (const [period, sums] of this.periodSums) {
      const byKey = new Map<string, DailyFact>();
      for (const s of sums) byKey.set(`${s.day}|${s.keyHash}`, s.toDailyFact());
      out.set(period, byKey);
    }
    return out;
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
    for (const sums of this.periodSums.values()) n += sums.length;
    return n;
  }
}
