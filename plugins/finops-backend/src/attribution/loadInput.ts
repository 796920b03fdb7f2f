import type { Knex } from 'knex';
import { CostMeasure, Decimal } from '@costwise/plugin-finops-common';
import { MEASURE_COLUMNS } from '../database/measures';
import type { AttributionAmount, AttributionGroup } from './types';

/**
 * Which facts to attribute: a billing period (`YYYY-MM`) or days from/to
 * (`YYYY-MM-DD`, both inclusive), one measure, one currency (default: the
 * one with the largest total).
 *
 * @public
 */
export interface LoadAttributionOptions {
  period?: string;
  from?: string;
  to?: string;
  measure: CostMeasure;
  currency?: string;
}

/**
 * Fact groups and their exact amounts per billing period, ready for
 * `attribute`, with the total of every currency found.
 *
 * @public
 */
export interface LoadedAttributionInput {
  measure: CostMeasure;
  /** Undefined when no facts are in range. */
  currency?: string;
  /** Exact total per currency in range, as decimal strings. */
  currencyTotals: Record<string, string>;
  groups: AttributionGroup[];
  amounts: AttributionAmount[];
}

type Range = Pick<LoadAttributionOptions, 'period' | 'from' | 'to'>;

function inRange(query: Knex.QueryBuilder, range: Range, alias: string) {
  if (range.period) query.where(`${alias}.billing_period`, range.period);
  if (range.from) query.where(`${alias}.day`, '>=', range.from);
  if (range.to) query.where(`${alias}.day`, '<=', range.to);
  return query;
}

function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

/**
 * Reads fact groups and their summed amounts from the cost store. Sums are
 * made here with `Decimal`, since SQLite holds the amounts as text.
 *
 * @public
 */
export async function loadAttributionInput(
  knex: Knex,
  options: LoadAttributionOptions,
): Promise<LoadedAttributionInput> {
  const column = MEASURE_COLUMNS[options.measure];
  if (!column) throw new TypeError(`Unknown measure '${options.measure}'`);
  const rows = await inRange(
    knex('finops_cost_facts as f')
      .join('finops_fact_groups as g', 'g.id', 'f.group_id')
      .select(
        'f.group_id',
        'f.billing_period',
        'g.currency',
        `f.${column} as amount`,
      ),
    options,
    'f',
  );
  const byCurrency = new Map<string, Map<string, AttributionAmount>>();
  const totals = new Map<string, Decimal>();
  for (const row of rows) {
    const currency = String(row.currency);
    const amount = Decimal.parse(String(row.amount));
    totals.set(currency, (totals.get(currency) ?? Decimal.ZERO).add(amount));
    let sums = byCurrency.get(currency);
    if (!sums) byCurrency.set(currency, (sums = new Map()));
    const groupId = String(row.group_id);
    const period = String(row.billing_period);
    const key = `${groupId}|${period}`;
    const found = sums.get(key);
    if (found) found.amount = found.amount.add(amount);
    else sums.set(key, { groupId, period, amount });
  }
  const currency =
    options.currency ??
    [...totals.entries()].sort(
      ([a, x], [b, y]) => y.compare(x) || a.localeCompare(b),
    )[0]?.[0];
  const currencyTotals = Object.fromEntries(
    [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, t]) => [c, t.toString()]),
  );
  if (!currency) {
    return {
      measure: options.measure,
      currencyTotals,
      groups: [],
      amounts: [],
    };
  }
  const groupRows = await knex('finops_fact_groups as g')
    .where('g.currency', currency)
    .whereExists(
      inRange(
        knex('finops_cost_facts as f')
          .select(knex.raw('1'))
          .whereRaw('f.group_id = g.id'),
        options,
        'f',
      ),
    )
    .select('*');
  const groups: AttributionGroup[] = groupRows.map(r => ({
    id: String(r.id),
    provider: String(r.provider),
    billingAccountId: String(r.billing_account_id),
    subAccountId: optional(r.sub_account_id),
    serviceName: String(r.service_name),
    resourceId: optional(r.resource_id),
    resourceName: optional(r.resource_name),
    chargeCategory: optional(r.charge_category),
    commitmentStatus: optional(r.commitment_status),
    tags: JSON.parse(r.tags ?? '{}'),
  }));
  return {
    measure: options.measure,
    currency,
    currencyTotals,
    groups,
    amounts: [...(byCurrency.get(currency)?.values() ?? [])],
  };
}
