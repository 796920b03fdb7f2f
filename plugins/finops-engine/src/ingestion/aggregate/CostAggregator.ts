// Longer than the usual file on purpose: `add` and `addDirect` are the
// ingestion hot path measured by `npm run bench:ingest`, and share the
// aggregator's private running state. Key building, per-period bookkeeping
// and merging of parts are in groups.ts, facts.ts and parts.ts.
import {
  COST_MEASURES,
  IngestionSummary,
  NormalizedCostRow,
  RejectedRow,
} from '@costwise/plugin-finops-common';
import type { CostRecord } from '@costwise/plugin-finops-node';
import { CurrencyTotals, DailyFact, ExactSum, FactGroup } from '../../model';
import { ParsedDecimal, parseDecimalText } from '../../model/exactSum';
import { detach } from '../values';
import { Instant } from '../instants';
import { PeriodFactIndex, PeriodFacts, PeriodState } from './facts';
import { DEFAULT_MAX_FACT_GROUPS, GroupEntry, GroupIndex } from './groups';
import { AggregatePart, exportAggregate, mergeFactColumns } from './parts';

/**
 * Rejections kept per run; the rest are counted.
 *
 * @public
 */
export const MAX_RECORDED_REJECTIONS = 1000;

/** The amounts of a row, in the order of {@link CostAggregator.parsed}. */
const AMOUNT_FIELDS = [
  'billedCost',
  'effectiveCost',
  'listCost',
  'contractedCost',
  'consumedQuantity',
] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];

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

function addExactText(sum: ExactSum, text: string) {
  if (!sum.addText(text))
    throw new TypeError(`Not a decimal number: '${text}'`);
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
  private readonly index: GroupIndex;
  /** The groups of each aggregator merged from, in its numbering. */
  private readonly partGroups = new Map<string, GroupEntry[]>();
  private readonly dailyFacts = new PeriodFactIndex(period =>
    this.billingPeriods.add(period),
  );
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

  constructor(
    private readonly options: {
      summaryOnly?: boolean;
      /** Distinct fact groups allowed (default {@link DEFAULT_MAX_FACT_GROUPS}). */
      maxGroups?: number;
    } = {},
  ) {
    this.index = new GroupIndex(options.maxGroups);
  }

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
      state = this.dailyFacts.period(row.billingPeriodStart.slice(0, 7));
      this.lastBillingPeriodStart = row.billingPeriodStart;
      this.lastPeriod = state;
    }
    if (this.options.summaryOnly) return;
    state.rows++;

    const entry = this.index.groupOf(row);
    const day = this.dayOf(row.chargePeriodStart);
    const fact = this.dailyFacts.lastFactOf(entry, state, day);
    const sums = this.dailyFacts.table.sums;
    const at = 5 * fact;
    sums.addParsed(at, billed);
    sums.addParsed(at + 1, effective);
    sums.addParsed(at + 2, list);
    sums.addParsed(at + 3, contracted);
    if (row.consumedQuantity) sums.addParsed(at + 4, quantity);
    this.dailyFacts.table.rowCount[fact]++;
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
      entry: this.options.summaryOnly ? undefined : this.index.groupOf(row),
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
      state = this.dailyFacts.period(period);
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
        fact = this.dailyFacts.factOf(entry, state, day.day);
        slots[day.dayOfMonth] = fact;
      }
    } else {
      fact = this.dailyFacts.lastFactOf(entry, state, day.day);
    }
    const sums = this.dailyFacts.table.sums;
    const at = 5 * fact;
    sums.addUnits(at, units[0], scales[0]);
    sums.addUnits(at + 1, units[1], scales[1]);
    sums.addUnits(at + 2, units[2], scales[2]);
    sums.addUnits(at + 3, units[3], scales[3]);
    if (hasQuantity) sums.addUnits(at + 4, units[4], scales[4]);
    this.dailyFacts.table.rowCount[fact]++;
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
    yield* exportAggregate(
      {
        files: [...this.files],
        rows: this.rows,
        accepted: this.accepted,
        rejected: this.rejected,
        rejections: this.rejections,
        totals,
        providers: { ...this.providers },
        periods: [...this.dailyFacts.periods.values()].map(p => ({
          period: p.period,
          rows: p.rows,
        })),
      },
      [...this.index.groups.values()],
      this.dailyFacts,
      maxFacts,
    );
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
    for (const group of part.groups) numbered.push(this.index.merged(group));
    for (const { period, rows, facts } of part.periods) {
      const state = this.dailyFacts.period(period);
      state.rows += rows;
      if (facts) mergeFactColumns(this.dailyFacts, state, numbered, facts);
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

  /** The facts of each billing period, ready for the store. */
  periodFacts(): Map<string, PeriodFacts> {
    return this.dailyFacts.periodFacts();
  }

  /** billing period → (day|keyHash → fact) */
  get facts(): Map<string, Map<string, DailyFact>> {
    const out = new Map<string, Map<string, DailyFact>>();
    for (const [period, state] of this.dailyFacts.periods) {
      const byKey = new Map<string, DailyFact>();
      for (const f of this.dailyFacts.factsOf(state))
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
    return this.dailyFacts.count();
  }

  /** The run's fact groups by key hash. */
  get groups(): Map<string, FactGroup> {
    return this.index.groups;
  }
}
