import type { Knex } from 'knex';
import { CostMeasure, Decimal } from '@costwise/plugin-finops-common';
import { MEASURE_COLUMNS } from '../../../model/measures';

/** Ids per query: within every database's bound parameters. */
const IDS_PER_QUERY = 500;

/**
 * One `shared` allocation that came through a shared Resource: a day of a
 * fact group's cost passed on to a consumer.
 *
 * @public
 */
export interface SharedAllocation {
  currency: string;
  day: string;
  groupId: string;
  /** The consumer the cost was passed on to. */
  entityRef: string;
  amount: Decimal;
}

/**
 * The allocations a shared Resource passed on from `from` to `to` (all of
 * them, or those of `groupIds`), in one measure.
 */
export async function sharedAllocations(
  db: Knex,
  resourceRef: string,
  query: {
    from?: string;
    to?: string;
    measure: CostMeasure;
    groupIds?: string[];
  },
): Promise<SharedAllocation[]> {
  const read = async (groupIds?: string[]) => {
    const select = db('finops_allocations')
      .select('currency', 'day', 'group_id', 'entity_ref', {
        amount: MEASURE_COLUMNS[query.measure],
      })
      .where({ shared_from: resourceRef });
    if (query.from) select.where('day', '>=', query.from);
    if (query.to) select.where('day', '<=', query.to);
    if (groupIds) select.whereIn('group_id', groupIds.map(Number));
    return (await select).map(r => ({
      currency: r.currency as string,
      day: r.day as string,
      groupId: String(r.group_id),
      entityRef: r.entity_ref as string,
      amount: Decimal.parse(String(r.amount)),
    }));
  };
  if (!query.groupIds) return read();
  const out: SharedAllocation[] = [];
  for (let i = 0; i < query.groupIds.length; i += IDS_PER_QUERY)
    out.push(...(await read(query.groupIds.slice(i, i + IDS_PER_QUERY))));
  return out;
}

/** The consumers a shared Resource passed cost on to, in any period. */
export async function sharedConsumers(
  db: Knex,
  resourceRef: string,
): Promise<string[]> {
  const rows = await db('finops_allocations')
    .distinct('entity_ref')
    .where({ shared_from: resourceRef });
  return rows.map(r => r.entity_ref as string).sort();
}
