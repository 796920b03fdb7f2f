import { randomUUID } from 'crypto';
import type { FactGroup } from '../../model';
import type { RejectedRow } from '@costwise/plugin-finops-common';
import type { GroupEntry } from './groups';
import type { PeriodFactIndex, PeriodState } from './facts';

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

/**
 * A billing period's facts as {@link FactColumns}, in pieces of at most
 * `maxFacts`; `number` gives each group's number in the export.
 */
export function* exportFactColumns(
  index: PeriodFactIndex,
  state: PeriodState,
  number: Map<string, number>,
  maxFacts: number,
): Generator<FactColumns> {
  const table = index.table;
  const sums = table.sums;
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
    yield facts;
  }
}

/**
 * Adds merged facts to the run's facts of a billing period, exactly;
 * `numbered` are the exporting aggregator's groups in its numbering.
 */
export function mergeFactColumns(
  index: PeriodFactIndex,
  state: PeriodState,
  numbered: GroupEntry[],
  facts: FactColumns,
): void {
  const table = index.table;
  const sums = table.sums;
  for (let i = 0; i < facts.count; i++) {
    const entry = numbered[facts.group[i]];
    if (!entry)
      throw new Error(
        `a merged fact names no known group: number ${facts.group[i]}`,
      );
    const fact = index.factOf(entry, state, facts.days[facts.day[i]]);
    for (let m = 0; m < 5; m++) {
      const at = i * 5 + m;
      sums.addParts(
        5 * fact + m,
        facts.small[at],
        facts.big.get(at) ?? 0n,
        facts.scale[at],
      );
    }
    table.rowCount[fact] += facts.rowCount[i];
  }
}

/**
 * What an aggregator holds as {@link AggregatePart}s of at most `maxFacts`
 * facts (or groups): `head` (its counts and totals) first, then its
 * groups, then each billing period's facts. Each export numbers the groups
 * afresh, in the order given.
 */
export function* exportAggregate(
  head: Omit<AggregatePart, 'groups' | 'source'>,
  groups: FactGroup[],
  index: PeriodFactIndex,
  maxFacts: number,
): Generator<AggregatePart> {
  const source = randomUUID();
  yield { ...head, groups: [], source };
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
  const number = new Map(groups.map((g, i) => [g.keyHash, i]));
  for (let i = 0; i < groups.length; i += maxFacts)
    yield { ...empty(), groups: groups.slice(i, i + maxFacts) };
  for (const state of index.periods.values())
    for (const facts of exportFactColumns(index, state, number, maxFacts))
      yield {
        ...empty(),
        periods: [{ period: state.period, rows: 0, facts }],
      };
}
