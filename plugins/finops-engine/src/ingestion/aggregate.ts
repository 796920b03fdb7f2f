import { createHash, randomUUID } from 'crypto';
import {
  COST_MEASURES,
  IngestionSummary,
  NormalizedCostRow,
  RejectedRow,
} from '@costwise/plugin-finops-common';
import type { CostRecord } from '@costwise/plugin-finops-node';
import {
  ExactSum,
  ExactSumColumns,
  ParsedDecimal,
  parseDecimalText,
} from '../model/exactSum';
import { CurrencyTotals, DailyFact, FactGroup } from '../model/facts';
import { detach, Instant } from './values';

/** Rejections kept per run; the rest are counted. */
export const MAX_RECORDED_REJECTIONS = 1000;

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

function newGroup(
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
    tags: detach(dimensions[17] as string),
  };
}

/** A fact of a {@link FactTable}: each sum an {@link ExactSum} made when it is read. */
class FactView implements DailyFact {
  constructor(private readonly table: FactTable, private readonly f: number) {}

  get billingPeriod() {
    return this.table.period[this.f];
  }

  get day() {
    return this.table.day[this.f];
  }

  get keyHash() {
    return this.table.group[this.f].group.keyHash;
  }

  get billedCost() {
    return this.table.sums.sumAt(5 * this.f);
  }

  get effectiveCost() {
    return this.table.sums.sumAt(5 * this.f + 1);
  }

  get listCost() {
    return this.table.sums.sumAt(5 * this.f + 2);
  }

  get contractedCost() {
    return this.table.sums.sumAt(5 * this.f + 3);
  }

  get consumedQuantity() {
    return this.table.sums.sumAt(5 * this.f + 4);
  }

  get rowCount() {
    return this.table.rowCount[this.f];
  }
}

/**
 * The daily facts of a run in columns: fact `f` is the day `day[f]` of the
 * billing period `period[f]` of group `group[f]`; its five running sums
 * (billed, effective, list, contracted cost, consumed quantity) are sums
 * `5f` to `5f + 4` of `sums`. No object per fact: a run holds millions.
 */
class FactTable {
  readonly sums = new ExactSumColumns(5 * 1024);
  readonly day: string[] = [];
  readonly period: string[] = [];
  readonly group: GroupEntry[] = [];
  readonly rowCount: number[] = [];

  add(period: string, day: string, group: GroupEntry): number {
    this.sums.push(5);
    this.period.push(period);
    this.group.push(group);
    this.rowCount.push(0);
    return this.day.push(day) - 1;
  }

  /** Fact `f` as a {@link DailyFact}, whose sums are made when read. */
  fact(f: number): DailyFact {
    return new FactView(this, f);
  }
}

/** The amounts of a row, in the order of {@link CostAggregator.parsed}. */
const AMOUNT_FIELDS = [
  'billedCost',
  'effectiveCost',
  'listCost',
  'contractedCost',
  'consumedQuantity',
] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];

/** Groups of the same resource kept for a quick look-up, most recent first. */
const BUCKET_SIZE = 8;

/** A fact group seen in the run and its facts by billing period and day. */
interface GroupEntry {
  group: FactGroup;
  /** The row values that make the group, in {@link groupDimensions} order. */
  dimensions: (string | undefined)[];
  /** day (or period|day, when the day is outside the billing period's month) → fact */
  facts: Map<string, number>;
  /** The fact the group's last row went to (-1: none yet): rows of a group often come together. */
  last: number;
  /** The group's facts of the days of one billing period's month, by day of the month (-1: not known here). */
  monthFacts: Int32Array | undefined;
  monthPeriod: string | undefined;
}

/**
 * What rows of one fact group share, for a reader that adds rows it parsed
 * itself ({@link CostAggregator.addDirect}): taken from a row of the group
 * with {@link CostAggregator.directKeyOf}.
 */
export interface DirectKey {
  readonly provider: string;
  /** The currency's running totals. */
  readonly totals: ExactSum[];
  /** Undefined when the aggregator keeps only the summary. */
  readonly entry: GroupEntry | undefined;
}

/**
 * A small integer from a text's length and its last dozen characters (where
 * resource ids differ), with a few more from the rest. Cheaper than hashing a
 * fresh string as a Map key; texts that share it only share a bucket, whose
 * groups are compared field by field.
 */
function quickKey(text: string): number {
  const n = text.length;
  let h = n;
  for (let i = n > 12 ? n - 12 : 0; i < n; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  if (n > 12) {
    h = Math.imul(h ^ text.charCodeAt(n >> 1), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt(n >> 2), 0x01000193);
    h = Math.imul(h ^ text.charCodeAt((3 * n) >> 2), 0x01000193);
  }
  return h & 0x3fffffff;
}

/** Whether the row has exactly the group's dimensions (tags: canonical JSON). */
function sameDimensions(
  d: (string | undefined)[],
  row: NormalizedCostRow,
  tags: string,
): boolean {
  return (
    d[7] === row.resourceId &&
    d[17] === tags &&
    d[10] === row.chargeCategory &&
    d[12] === row.skuId &&
    d[4] === row.serviceName &&
    d[0] === row.billingAccountId &&
    d[1] === row.subAccountId &&
    d[2] === row.subAccountName &&
    d[3] === row.providerName &&
    d[5] === row.serviceCategory &&
    d[6] === row.regionId &&
    d[8] === row.resourceName &&
    d[9] === row.resourceType &&
    d[11] === row.pricingCategory &&
    d[13] === row.commitmentDiscountId &&
    d[14] === row.commitmentDiscountStatus &&
    d[15] === row.consumedUnit &&
    d[16] === row.billingCurrency
  );
}

function addExactText(sum: ExactSum, text: string) {
  if (!sum.addText(text))
    throw new TypeError(`Not a decimal number: '${text}'`);
}

/**
 * What a {@link CostAggregator} read, as plain data (structured-cloneable):
 * a part of a file read on another thread.
 *
 * @public
 */
export interface AggregatePart {
  files: string[];
  rows: number;
  accepted: number;
  rejected: number;
  /** The part's first rejections, lines counted from the part's start. */
  rejections: RejectedRow[];
  /** currency → exact sums of the cost measures, in COST_MEASURES order */
  totals: Record<string, string[]>;
  providers: Record<string, number>;
  periods: { period: string; rows: number; facts?: FactColumns }[];
  /** Groups, in the order the exporting aggregator numbers them for its facts. */
  groups: FactGroup[];
  /** Which aggregator the part comes from: its facts number its groups. */
  source: string;
}

/**
 * Facts in columns, for another thread: numbers in typed arrays rather than
 * decimal text. Fact `i` is the day `days[day[i]]` of the exporting
 * aggregator's group number `group[i]`; measure `m` of it (billed,
 * effective, list, contracted cost, consumed quantity) is exactly
 * `(big + small) × 10^-scale` at index `5i + m` (`big`, sparse, is 0 where
 * it has no entry).
 *
 * @public
 */
export interface FactColumns {
  count: number;
  days: string[];
  day: Uint32Array;
  group: Uint32Array;
  small: Float64Array;
  scale: Uint32Array;
  big: Map<number, bigint>;
  rowCount: Uint32Array;
}

/** The row counts and facts of one billing period. */
interface PeriodState {
  period: string;
  rows: number;
  /** Its facts, as numbers in the {@link FactTable}. */
  facts: number[];
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
  private readonly providerRows: Record<string, number> = {};
  readonly billingPeriods = new Set<string>();
  readonly groups = new Map<string, FactGroup>();
  /** Every group by all its dimensions. */
  private readonly groupsByKey = new Map<string, GroupEntry>();
  /** The groups of each aggregator merged from, in its numbering. */
  private readonly partGroups = new Map<string, GroupEntry[]>();
  /** Every group by its key hash (groups merged from parts have no dimensions until a row of theirs is seen). */
  private readonly entriesByHash = new Map<string, GroupEntry>();
  /** A few recent groups per resource (or service, for rows without one), compared field by field. */
  private readonly buckets = new Map<number, GroupEntry[]>();
  private readonly periods = new Map<string, PeriodState>();
  private readonly table = new FactTable();
  private lastBillingPeriodStart: string | undefined;
  private lastPeriod: PeriodState | undefined;
  private lastDirectPeriod: PeriodState | undefined;
  private lastCurrency: string | undefined;
  private lastCurrencySums: ExactSum[] = [];
  private lastProvider: string | undefined;
  private lastProviderRows = 0;
  /**
   * ISO instant text → day. Readers share one text per instant, whose hash
   * is then computed once: cheaper than slicing a new day string per row.
   */
  private readonly days = new Map<string, string>();
  private readonly parsed: ParsedDecimal[] = [0, 1, 2, 3, 4].map(() => ({
    units: 0,
    scale: 0,
    decimal: undefined,
  }));

  constructor(private readonly options: { summaryOnly?: boolean } = {}) {}

  /** Whether only the summary is kept (no facts). */
  get summaryOnly(): boolean {
    return Boolean(this.options.summaryOnly);
  }

  add(record: CostRecord) {
    if (record.kind === 'file') {
      this.files.push(record.file);
      return;
    }
    this.rows++;
    if (record.kind === 'rejected') {
      this.reject(record.rejection);
      return;
    }
    const row = record.row;
    const notANumber = this.parseAmounts(row);
    if (notANumber) {
      // Built-in readers check their cells; a row another source got wrong is rejected here.
      this.reject({
        file: record.file,
        line: record.line,
        reason: `${notANumber} is not a number: '${String(
          row[notANumber],
        ).slice(0, 60)}'`,
      });
      return;
    }
    const parsed = this.parsed;
    const billed = parsed[0];
    const effective = parsed[1];
    const list = parsed[2];
    const contracted = parsed[3];
    const quantity = parsed[4];
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
    if (row.providerName !== this.lastProvider) this.switchProvider(row);
    this.lastProviderRows++;
    let state = this.lastPeriod;
    if (!state || row.billingPeriodStart !== this.lastBillingPeriodStart) {
      state = this.periodState(row.billingPeriodStart.slice(0, 7));
      this.lastBillingPeriodStart = row.billingPeriodStart;
      this.lastPeriod = state;
    }
    if (this.options.summaryOnly) return;
    state.rows++;

    const entry = this.groupOf(row);
    const day = this.dayOf(row.chargePeriodStart);
    const fact = this.lastFactOf(entry, state, day);
    const sums = this.table.sums;
    const at = 5 * fact;
    sums.addParsed(at, billed);
    sums.addParsed(at + 1, effective);
    sums.addParsed(at + 2, list);
    sums.addParsed(at + 3, contracted);
    if (row.consumedQuantity) sums.addParsed(at + 4, quantity);
    this.table.rowCount[fact]++;
  }

  /**
   * What rows of the group of an accepted row share: see {@link CostAggregator.addDirect}.
   *
   * @internal
   */
  directKeyOf(row: NormalizedCostRow): DirectKey {
    return {
      provider: detach(row.providerName),
      totals: this.totals.of(row.billingCurrency),
      entry: this.options.summaryOnly ? undefined : this.groupOf(row),
    };
  }

  /**
   * Adds an accepted row a reader parsed itself, exactly as {@link
   * CostAggregator.add} adds the same row: a row of `key`'s group, currency
   * and provider, of the billing period `period` (`YYYY-MM`) that starts on
   * the day of `day`, whose amounts (billed, effective, list, contracted cost, consumed
   * quantity) are `units[m] × 10^-scales[m]`; the quantity counts only when
   * `hasQuantity`.
   *
   * @internal
   */
  addDirect(
    key: DirectKey,
    period: string,
    day: Instant,
    units: Float64Array,
    scales: Int32Array,
    hasQuantity: boolean,
  ) {
    this.rows++;
    this.accepted++;
    const totals = key.totals;
    totals[0].addUnits(units[0], scales[0]);
    totals[1].addUnits(units[1], scales[1]);
    totals[2].addUnits(units[2], scales[2]);
    totals[3].addUnits(units[3], scales[3]);
    if (key.provider !== this.lastProvider) {
      this.flushProvider();
      this.lastProvider = key.provider;
    }
    this.lastProviderRows++;
    let state = this.lastDirectPeriod;
    if (!state || state.period !== period) {
      state = this.periodState(period);
      this.lastDirectPeriod = state;
    }
    const entry = key.entry;
    if (!entry) return;
    state.rows++;
    let fact: number;
    if (day.month === period) {
      // a day of the period's month: found by its number
      let slots = entry.monthFacts;
      if (!slots || entry.monthPeriod !== period) {
        slots = entry.monthFacts ?? new Int32Array(32);
        slots.fill(-1);
        entry.monthFacts = slots;
        entry.monthPeriod = period;
      }
      fact = slots[day.dayOfMonth];
      if (fact < 0) {
        fact = this.factOf(entry, state, day.day);
        slots[day.dayOfMonth] = fact;
      }
    } else {
      fact = this.lastFactOf(entry, state, day.day);
    }
    const sums = this.table.sums;
    const at = 5 * fact;
    sums.addUnits(at, units[0], scales[0]);
    sums.addUnits(at + 1, units[1], scales[1]);
    sums.addUnits(at + 2, units[2], scales[2]);
    sums.addUnits(at + 3, units[3], scales[3]);
    if (hasQuantity) sums.addUnits(at + 4, units[4], scales[4]);
    this.table.rowCount[fact]++;
  }

  /** The group's fact of a day in a billing period: its last one, or found, or created. */
  private lastFactOf(entry: GroupEntry, state: PeriodState, day: string) {
    const last = entry.last;
    const table = this.table;
    if (
      last >= 0 &&
      table.day[last] === day &&
      table.period[last] === state.period
    )
      return last;
    const fact = this.factOf(entry, state, day);
    entry.last = fact;
    return fact;
  }

  /** The fact of a group's day in a billing period, created when new. */
  private factOf(entry: GroupEntry, state: PeriodState, day: string): number {
    const period = state.period;
    const factKey = day.startsWith(period) ? day : `${period}|${day}`;
    let fact = entry.facts.get(factKey);
    if (fact === undefined) {
      fact = this.table.add(period, day, entry);
      entry.facts.set(factKey, fact);
      state.facts.push(fact);
    }
    return fact;
  }

  /**
   * What this aggregator holds, as plain data another thread can be sent, in
   * pieces of at most `maxFacts` facts (or groups): the counts and totals
   * first, then the groups, then the facts. Merging every piece, in order,
   * with {@link CostAggregator.mergePart} adds all of it.
   */
  *exportParts(maxFacts = 16_384): Generator<AggregatePart> {
    const totals: AggregatePart['totals'] = {};
    for (const [currency, measures] of Object.entries(this.totals.toJSON()))
      totals[currency] = COST_MEASURES.map(m => measures[m]);
    // each export numbers the groups afresh
    const source = randomUUID();
    yield {
      files: [...this.files],
      rows: this.rows,
      accepted: this.accepted,
      rejected: this.rejected,
      rejections: this.rejections,
      totals,
      providers: { ...this.providers },
      periods: [...this.periods.values()].map(p => ({
        period: p.period,
        rows: p.rows,
      })),
      groups: [],
      source,
    };
    const empty = (): AggregatePart => ({
      files: [],
      rows: 0,
      accepted: 0,
      rejected: 0,
      rejections: [],
      totals: {},
      providers: {},
      periods: [],
      groups: [],
      source,
    });
    const groups = [...this.groups.values()];
    const number = new Map(groups.map((g, i) => [g.keyHash, i]));
    for (let i = 0; i < groups.length; i += maxFacts)
      yield { ...empty(), groups: groups.slice(i, i + maxFacts) };
    for (const state of this.periods.values()) {
      for (let i = 0; i < state.facts.length; i += maxFacts) {
        const count = Math.min(state.facts.length, i + maxFacts) - i;
        const facts: FactColumns = {
          count,
          days: [],
          day: new Uint32Array(count),
          group: new Uint32Array(count),
          small: new Float64Array(count * 5),
          scale: new Uint32Array(count * 5),
          big: new Map(),
          rowCount: new Uint32Array(count),
        };
        const dayNumber = new Map<string, number>();
        const table = this.table;
        const sums = table.sums;
        for (let j = 0; j < count; j++) {
          const f = state.facts[i + j];
          const day = table.day[f];
          let d = dayNumber.get(day);
          if (d === undefined) {
            d = facts.days.length;
            facts.days.push(day);
            dayNumber.set(day, d);
          }
          facts.day[j] = d;
          facts.group[j] = number.get(table.group[f].group.keyHash)!;
          facts.rowCount[j] = table.rowCount[f];
          for (let m = 0; m < 5; m++) {
            const at = j * 5 + m;
            facts.small[at] = sums.smallAt(5 * f + m);
            facts.scale[at] = sums.scaleAt(5 * f + m);
            const big = sums.bigAt(5 * f + m);
            if (big !== 0n) facts.big.set(at, big);
          }
        }
        yield {
          ...empty(),
          periods: [{ period: state.period, rows: 0, facts }],
        };
      }
    }
  }

  /**
   * Adds what another aggregator read (a part of a file, read in parallel;
   * see {@link CostAggregator.exportParts}) to this one, exactly. `lineOffset` is added to the line numbers of the
   * part's rejections: the lines of the file before the part.
   */
  mergePart(part: AggregatePart, lineOffset = 0) {
    this.files.push(...part.files);
    this.rows += part.rows;
    this.accepted += part.accepted;
    this.rejected += part.rejected;
    for (const r of part.rejections) {
      if (this.rejections.length >= MAX_RECORDED_REJECTIONS) break;
      this.rejections.push({ ...r, line: r.line + lineOffset });
    }
    for (const [currency, values] of Object.entries(part.totals)) {
      const sums = this.totals.of(currency);
      values.forEach((v, i) => addExactText(sums[i], v));
    }
    this.flushProvider();
    this.lastProvider = undefined;
    for (const [provider, n] of Object.entries(part.providers))
      this.providerRows[provider] = (this.providerRows[provider] ?? 0) + n;
    let numbered = this.partGroups.get(part.source);
    if (!numbered) {
      numbered = [];
      this.partGroups.set(part.source, numbered);
    }
    for (const group of part.groups)
      numbered.push(
        this.entriesByHash.get(group.keyHash) ?? this.addEntry(group, []),
      );
    for (const { period, rows, facts } of part.periods) {
      const state = this.periodState(period);
      state.rows += rows;
      if (!facts) continue;
      for (let i = 0; i < facts.count; i++) {
        const entry = numbered[facts.group[i]];
        if (!entry)
          throw new Error(
            `a merged fact names no known group: number ${facts.group[i]}`,
          );
        const fact = this.factOf(entry, state, facts.days[facts.day[i]]);
        const sums = this.table.sums;
        for (let m = 0; m < 5; m++) {
          const at = i * 5 + m;
          sums.addParts(
            5 * fact + m,
            facts.small[at],
            facts.big.get(at) ?? 0n,
            facts.scale[at],
          );
        }
        this.table.rowCount[fact] += facts.rowCount[i];
      }
    }
  }

  /**
   * Parses the row's amounts into {@link CostAggregator.parsed}; returns the
   * first field that is not a number, if any.
   */
  private parseAmounts(row: NormalizedCostRow): AmountField | undefined {
    const parsed = this.parsed;
    for (let i = 0; i < AMOUNT_FIELDS.length; i++) {
      const field = AMOUNT_FIELDS[i];
      // A row without a quantity has consumed nothing; a cost is required.
      const text =
        field === 'consumedQuantity' ? row[field] || '0' : row[field];
      if (typeof text !== 'string' || !parseDecimalText(text, parsed[i]))
        return field;
    }
    return undefined;
  }

  /** The day of an ISO instant text, from a bounded cache. */
  private dayOf(instant: string): string {
    let day = this.days.get(instant);
    if (day === undefined) {
      day = instant.slice(0, 10);
      if (this.days.size > 50_000) this.days.clear();
      this.days.set(detach(instant), day);
    }
    return day;
  }

  /** Counts rows per provider in a run of rows of one provider, added up when it ends. */
  private switchProvider(row: NormalizedCostRow) {
    this.flushProvider();
    this.lastProvider = detach(row.providerName);
  }

  private flushProvider() {
    if (this.lastProvider !== undefined && this.lastProviderRows > 0) {
      this.providerRows[this.lastProvider] =
        (this.providerRows[this.lastProvider] ?? 0) + this.lastProviderRows;
    }
    this.lastProviderRows = 0;
  }

  private reject(rejection: RejectedRow) {
    this.rejected++;
    if (this.rejections.length < MAX_RECORDED_REJECTIONS)
      this.rejections.push(rejection);
  }

  private periodState(period: string): PeriodState {
    let state = this.periods.get(period);
    if (!state) {
      state = { period, rows: 0, facts: [] };
      this.periods.set(period, state);
      this.billingPeriods.add(period);
    }
    return state;
  }

  /** The group of a row: found among its resource's recent groups, else by all its dimensions. */
  private groupOf(row: NormalizedCostRow): GroupEntry {
    const tags = canonicalTags(row.tags);
    const bucketKey = quickKey(row.resourceId ?? row.serviceName);
    let bucket = this.buckets.get(bucketKey);
    if (bucket) {
      for (let i = 0; i < bucket.length; i++) {
        const candidate = bucket[i];
        if (sameDimensions(candidate.dimensions, row, tags)) {
          if (i > 0) {
            bucket.splice(i, 1);
            bucket.unshift(candidate);
          }
          return candidate;
        }
      }
    } else {
      bucket = [];
      this.buckets.set(bucketKey, bucket);
    }
    const dimensions = groupDimensions(row);
    const key = dimensions.join('\u0001');
    let entry = this.groupsByKey.get(key);
    if (!entry) {
      const group = newGroup(row, dimensions);
      // The canonical tag text is the one rows of these tags share.
      const detached = dimensions.map((d, i) => (i === 17 ? d : detach(d)));
      entry = this.entriesByHash.get(group.keyHash);
      if (entry) entry.dimensions = detached;
      else entry = this.addEntry(group, detached);
      this.groupsByKey.set(key, entry);
    }
    bucket.unshift(entry);
    if (bucket.length > BUCKET_SIZE) bucket.pop();
    return entry;
  }

  /** A new group of the run, with no facts yet. */
  private addEntry(
    group: FactGroup,
    dimensions: (string | undefined)[],
  ): GroupEntry {
    const entry: GroupEntry = {
      group,
      dimensions,
      facts: new Map(),
      last: -1,
      monthFacts: undefined,
      monthPeriod: undefined,
    };
    this.entriesByHash.set(group.keyHash, entry);
    this.groups.set(group.keyHash, group);
    return entry;
  }

  /** The facts of a billing period, each a {@link DailyFact} whose sums are made when read. */
  private factsOf(state: PeriodState): DailyFact[] {
    return state.facts.map(f => this.table.fact(f));
  }

  /** The facts of each billing period, ready for the store. */
  periodFacts(): Map<string, PeriodFacts> {
    const out = new Map<string, PeriodFacts>();
    for (const [period, state] of this.periods) {
      out.set(period, {
        facts: this.factsOf(state),
        rows: state.rows,
      });
    }
    return out;
  }

  /** billing period → (day|keyHash → fact) */
  get facts(): Map<string, Map<string, DailyFact>> {
    const out = new Map<string, Map<string, DailyFact>>();
    for (const [period, state] of this.periods) {
      const byKey = new Map<string, DailyFact>();
      for (const f of this.factsOf(state))
        byKey.set(`${f.day}|${f.keyHash}`, f);
      out.set(period, byKey);
    }
    return out;
  }

  /** Accepted rows per provider. */
  get providers(): Record<string, number> {
    this.flushProvider();
    return this.providerRows;
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
    for (const state of this.periods.values()) n += state.facts.length;
    return n;
  }
}
