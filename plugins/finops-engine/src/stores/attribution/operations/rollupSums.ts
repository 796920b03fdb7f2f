import type { Knex } from 'knex';
import { Decimal } from '@costwise/plugin-finops-common';
import { MEASURE_COLUMNS } from '../../../model/measures';
import {
  AllocationSum,
  AllocationSumQuery,
  KEY_OF_ROW,
  SumTable,
} from '../../allocationSums';

/**
 * A rollup's sums from the totals stored with the latest run, when they
 * can answer the query: groupings by day or month over any range, and by
 * fact group and/or method over exactly the stored last-30-days window.
 * Undefined when they cannot (the caller then sums the members'
 * allocations); an entity without stored totals has no data.
 */
export async function rollupSums(
  db: Knex,
  entityRef: string,
  query: Omit<AllocationSumQuery, 'entityRefs'>,
): Promise<AllocationSum[][] | undefined> {
  const column = MEASURE_COLUMNS[query.measure];
  const negativeColumn = column.replace(/_cost$/, '_negative');
  const plan = query.groupings.map(g => {
    const keys = new Set(g.by);
    if ([...keys].every(k => k === 'day' || k === 'month' || k === 'method'))
      return 'daily' as const;
    if ([...keys].every(k => k === 'groupId' || k === 'method'))
      return 'groups' as const;
    return undefined;
  });
  if (plan.some(p => p === undefined)) return undefined;
  let window: { from_day: string; to_day: string } | undefined;
  if (plan.includes('groups')) {
    window = await db('finops_rollup_groups')
      .where({ entity_ref: entityRef })
      .first('from_day', 'to_day');
    if (!window) return undefined;
    for (const [i, g] of query.groupings.entries()) {
      if (plan[i] !== 'groups') continue;
      const from = g.from ?? query.from;
      if (from !== window.from_day || query.to !== window.to_day)
        return undefined;
    }
  }
  const daily = plan.includes('daily')
    ? await (() => {
        const select = db('finops_rollup_daily')
          .where({ entity_ref: entityRef })
          .select('day', 'currency', 'method', 'rows', {
            amount: column,
            negative: negativeColumn,
          });
        if (query.from) select.where('day', '>=', query.from);
        if (query.to) select.where('day', '<=', query.to);
        return select;
      })()
    : [];
  if (plan.includes('daily') && daily.length === 0) {
    // no totals in range: nothing there, or none stored yet (a store
    // migrated before its next run): let the scan tell
    const any = await db('finops_rollup_daily')
      .where({ entity_ref: entityRef })
      .first('day');
    if (!any) return undefined;
  }
  const groups = plan.includes('groups')
    ? await db('finops_rollup_groups')
        .where({ entity_ref: entityRef })
        .select('group_id', 'currency', 'method', 'rows', {
          amount: column,
          negative: negativeColumn,
        })
    : [];
  return query.groupings.map((g, i) => {
    const table = new SumTable(g.by);
    const keyFns = g.by.map(k => KEY_OF_ROW[k]);
    for (const r of plan[i] === 'daily' ? daily : groups) {
      if (plan[i] === 'daily' && g.from && r.day < g.from) continue;
      table.add(
        r.currency,
        keyFns.map(key => key(r)),
        Decimal.parse(String(r.amount)),
        Decimal.parse(String(r.negative)),
        Number(r.rows),
      );
    }
    return table.values();
  });
}
