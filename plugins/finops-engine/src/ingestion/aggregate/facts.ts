import type { DailyFact } from '../../model';
import { ExactSumColumns } from '../../model/exactSum';
import type { GroupEntry } from './groups';

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
export class FactTable {
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

/** The row counts and facts of one billing period. */
export interface PeriodState {
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
 * The run's facts by billing period: each period's row count and facts,
 * and a group's fact of a day, found or created.
 */
export class PeriodFactIndex {
  readonly table = new FactTable();
  readonly periods = new Map<string, PeriodState>();

  constructor(private readonly onNewPeriod: (period: string) => void) {}

  /** The state of a billing period, created when new. */
  period(period: string): PeriodState {
    let state = this.periods.get(period);
    if (!state) {
      state = { period, rows: 0, facts: [] };
      this.periods.set(period, state);
      this.onNewPeriod(period);
    }
    return state;
  }

  /** The group's fact of a day in a billing period: its last one, or found, or created. */
  lastFactOf(entry: GroupEntry, state: PeriodState, day: string): number {
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
  factOf(entry: GroupEntry, state: PeriodState, day: string): number {
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

  /** The facts of a billing period, each a {@link DailyFact} whose sums are made when read. */
  factsOf(state: PeriodState): DailyFact[] {
    return state.facts.map(f => this.table.fact(f));
  }

  /** The facts of each billing period, ready for the store. */
  periodFacts(): Map<string, PeriodFacts> {
    const out = new Map<string, PeriodFacts>();
    for (const [period, state] of this.periods)
      out.set(period, { facts: this.factsOf(state), rows: state.rows });
    return out;
  }

  /** How many facts the run holds. */
  count(): number {
    let n = 0;
    for (const state of this.periods.values()) n += state.facts.length;
    return n;
  }
}
