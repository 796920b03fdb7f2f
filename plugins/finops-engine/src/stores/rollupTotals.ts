import { ExactSum } from '../model/exactSum';
import { addDays } from '../model/dates';

/**
 * The four measures of an allocation, as exact decimal text.
 *
 * @public
 */
export interface MeasureTexts {
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  contractedCost: string;
}

/**
 * One allocation as the accumulator needs it.
 *
 * @public
 */
export interface RollupInput extends MeasureTexts {
  entityRef: string;
  day: string;
  currency: string;
  method: string;
  groupId: string;
}

/**
 * A row of `finops_rollup_daily` or `finops_rollup_groups`, amounts as exact text.
 *
 * @public
 */
export interface RollupRow extends MeasureTexts {
  /** Sums of the negative allocation amounts (credits, refunds), as `SumTable` keeps them. */
  negative: MeasureTexts;
  entityRef: string;
  currency: string;
  method: string;
  rows: number;
  day?: string;
  groupId?: string;
  fromDay?: string;
  toDay?: string;
}

/**
 * A rollup row with the column names of its table.
 *
 * @public
 */
export function rollupRecord(r: RollupRow): Record<string, unknown> {
  return {
    entity_ref: r.entityRef,
    ...(r.day !== undefined ? { day: r.day } : {}),
    ...(r.groupId !== undefined
      ? { group_id: Number(r.groupId), from_day: r.fromDay, to_day: r.toDay }
      : {}),
    currency: r.currency,
    method: r.method,
    billed_cost: r.billedCost,
    effective_cost: r.effectiveCost,
    list_cost: r.listCost,
    contracted_cost: r.contractedCost,
    billed_negative: r.negative.billedCost,
    effective_negative: r.negative.effectiveCost,
    list_negative: r.negative.listCost,
    contracted_negative: r.negative.contractedCost,
    rows: r.rows,
  };
}

/** The days before the last day of data that the group totals cover, the last included. */
export const ROLLUP_GROUP_DAYS = 30;

class Sums {
  readonly billed = new ExactSum();
  readonly effective = new ExactSum();
  readonly list = new ExactSum();
  readonly contracted = new ExactSum();
  readonly billedNegative = new ExactSum();
  readonly effectiveNegative = new ExactSum();
  readonly listNegative = new ExactSum();
  readonly contractedNegative = new ExactSum();
  rows = 0;

  add(a: MeasureTexts) {
    this.billed.addText(a.billedCost);
    this.effective.addText(a.effectiveCost);
    this.list.addText(a.listCost);
    this.contracted.addText(a.contractedCost);
    if (a.billedCost.startsWith('-')) this.billedNegative.addText(a.billedCost);
    if (a.effectiveCost.startsWith('-'))
      this.effectiveNegative.addText(a.effectiveCost);
    if (a.listCost.startsWith('-')) this.listNegative.addText(a.listCost);
    if (a.contractedCost.startsWith('-'))
      this.contractedNegative.addText(a.contractedCost);
    this.rows++;
  }

  texts(): MeasureTexts & { rows: number; negative: MeasureTexts } {
    return {
      billedCost: this.billed.toString(),
      effectiveCost: this.effective.toString(),
      listCost: this.list.toString(),
      contractedCost: this.contracted.toString(),
      negative: {
        billedCost: this.billedNegative.toString(),
        effectiveCost: this.effectiveNegative.toString(),
        listCost: this.listNegative.toString(),
        contractedCost: this.contractedNegative.toString(),
      },
      rows: this.rows,
    };
  }
}

/**
 * Sums allocations into the totals of every rollup (an entity with members
 * other than itself: System, Domain, Group) that contains their entity: per
 * day, currency and method, and per fact group and method over the last
 * 30 days of data up to `lastDay` (the last day with
 * data). Exact, whatever the order of additions.
 *
 * @public
 */
export class RollupAccumulator {
  /** member → the rollups it counts in */
  private readonly rollupsOf = new Map<string, string[]>();
  private readonly daily = new Map<string, Sums>();
  private readonly groups = new Map<string, Sums>();
  private readonly fromDay: string;

  constructor(
    members: Map<string, Map<string, string>>,
    private readonly lastDay: string,
  ) {
    this.fromDay = addDays(lastDay, -(ROLLUP_GROUP_DAYS - 1));
    for (const [rollup, map] of members) {
      if (map.size <= 1) continue;
      // the rollup's own direct cost counts too: it is among its members
      for (const member of map.keys()) {
        const list = this.rollupsOf.get(member);
        if (list) list.push(rollup);
        else this.rollupsOf.set(member, [rollup]);
      }
    }
  }

  add(a: RollupInput) {
    const rollups = this.rollupsOf.get(a.entityRef);
    if (!rollups) return;
    const inWindow = a.day >= this.fromDay && a.day <= this.lastDay;
    for (const rollup of rollups) {
      const dayKey = `${rollup}\u0001${a.day}\u0001${a.currency}\u0001${a.method}`;
      let daily = this.daily.get(dayKey);
      if (!daily) this.daily.set(dayKey, (daily = new Sums()));
      daily.add(a);
      if (!inWindow) continue;
      const groupKey = `${rollup}\u0001${a.currency}\u0001${a.method}\u0001${a.groupId}`;
      let sums = this.groups.get(groupKey);
      if (!sums) this.groups.set(groupKey, (sums = new Sums()));
      sums.add(a);
    }
  }

  dailyRows(): RollupRow[] {
    return [...this.daily].map(([key, sums]) => {
      const [entityRef, day, currency, method] = key.split('\u0001');
      return { entityRef, day, currency, method, ...sums.texts() };
    });
  }

  /** Per fact group and method over the last 30 days of data. */
  groupRows(): RollupRow[] {
    return [...this.groups].map(([key, sums]) => {
      const [entityRef, currency, method, groupId] = key.split('\u0001');
      return {
        entityRef,
        currency,
        method,
        groupId,
        fromDay: this.fromDay,
        toDay: this.lastDay,
        ...sums.texts(),
      };
    });
  }
}
