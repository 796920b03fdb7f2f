import type { Knex } from 'knex';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { eachDay } from '../../model';
import { MEASURE_COLUMNS, MEASURE_FIELDS } from '../../model/measures';
import type {
  AllocationRow,
  AttributionStore,
  FactRow,
  MeasureTexts,
  StoredGroup,
} from '../../stores';

/** Refs per `whereIn`: within every database's bound parameters. */
const REFS_PER_QUERY = 500;

/**
 * What to read for a statement: one measure of the facts and/or the
 * allocations from `from` to `to` (days, both included).
 *
 * @public
 */
export interface ShowbackReadQuery {
  from: string;
  to: string;
  measure: CostMeasure;
  /** Only the allocations of these entities; all of them when undefined. */
  entityRefs?: string[];
  /** Whether to read the facts (the ingested cost) too. */
  facts: boolean;
  /** Whether rows carry every measure and their billing period (for the FOCUS-shaped export). */
  allMeasures?: boolean;
}

/**
 * A daily fact or allocation as statements read it: one measure, exact
 * decimal text, with its fact group's service.
 *
 * @public
 */
export interface ShowbackRow {
  groupId: string;
  currency: string;
  service: string;
  day: string;
  amount: string;
  /** `YYYY-MM`, when the query asks for all measures. */
  billingPeriod?: string;
  /** Every measure, when the query asks for them. */
  amounts?: MeasureTexts;
}

/**
 * A fact group with the dimensions only the FOCUS-shaped export shows.
 *
 * @public
 */
export type ShowbackGroup = StoredGroup;

/**
 * Receives the rows read, one at a time, so that a month is summed
 * without being held.
 *
 * @public
 */
export interface ShowbackSink {
  fact(row: ShowbackRow): void;
  allocation(row: ShowbackRow & { entityRef: string; method: string }): void;
}

/**
 * Where statements read the month's cost: the stored facts and
 * allocations (the backend), or facts with allocations just computed from
 * them (the CLI).
 *
 * @public
 */
export interface ShowbackData {
  read(query: ShowbackReadQuery, sink: ShowbackSink): Promise<void>;
  /** The fact groups' dimensions, for the FOCUS-shaped export. */
  groups(ids: string[]): Promise<ShowbackGroup[]>;
  /** The last day with cost facts from `from` to `to`. */
  lastDay(from: string, to: string): Promise<string | undefined>;
}

/**
 * The stored facts and allocations. Money is read as exact text (NUMERIC on
 * PostgreSQL, decimal TEXT on SQLite) and summed by the caller: a whole
 * month is read a day at a time, an entity list 500 refs at a time.
 *
 * @public
 */
export function storedShowbackData(
  knex: Knex,
  store: Pick<AttributionStore, 'loadGroups'>,
): ShowbackData {
  const text = (value: unknown) => (value === null ? '0' : String(value));
  return {
    async read(query, sink) {
      const column = MEASURE_COLUMNS[query.measure];
      const all = query.allMeasures ?? false;
      const measures = (prefix: string) =>
        all
          ? [
              `${prefix}.billing_period`,
              ...Object.values(MEASURE_COLUMNS).map(c => `${prefix}.${c}`),
            ]
          : [];
      const extra = (r: any) =>
        all
          ? {
              billingPeriod: String(r.billing_period),
              amounts: {
                billedCost: text(r.billed_cost),
                effectiveCost: text(r.effective_cost),
                listCost: text(r.list_cost),
                contractedCost: text(r.contracted_cost),
              },
            }
          : {};
      const allocations = () =>
        knex('finops_allocations as a')
          .join('finops_fact_groups as g', 'g.id', 'a.group_id')
          .select(
            'a.group_id',
            'a.entity_ref',
            'a.method',
            'a.currency',
            'a.day',
            'g.service_name',
            { amount: `a.${column}` },
            ...measures('a'),
          );
      const emit = (rows: any[]) => {
        for (const r of rows)
          sink.allocation({
            groupId: String(r.group_id),
            entityRef: r.entity_ref,
            method: r.method,
            currency: r.currency,
            service: r.service_name,
            day: r.day,
            amount: text(r.amount),
            ...extra(r),
          });
      };
      for (const day of eachDay(query.from, query.to)) {
        if (query.facts) {
          const facts = await knex('finops_cost_facts as f')
            .join('finops_fact_groups as g', 'g.id', 'f.group_id')
            .where('f.day', day)
            .select(
              'f.group_id',
              'g.currency',
              'g.service_name',
              { amount: `f.${column}` },
              ...measures('f'),
            );
          for (const r of facts)
            sink.fact({
              groupId: String(r.group_id),
              currency: r.currency,
              service: r.service_name,
              day,
              amount: text(r.amount),
              ...extra(r),
            });
        }
        if (!query.entityRefs) emit(await allocations().where('a.day', day));
      }
      const refs = query.entityRefs ? [...new Set(query.entityRefs)] : [];
      for (let i = 0; i < refs.length; i += REFS_PER_QUERY) {
        emit(
          await allocations()
            .whereIn('a.entity_ref', refs.slice(i, i + REFS_PER_QUERY))
            .whereBetween('a.day', [query.from, query.to]),
        );
      }
    },
    groups(ids) {
      return store.loadGroups(ids);
    },
    async lastDay(from, to) {
      const row = await knex('finops_cost_facts')
        .whereBetween('day', [from, to])
        .max({ day: 'day' })
        .first();
      return row?.day ? String(row.day) : undefined;
    },
  };
}

/** A row's billing period and every measure. */
function measuresOf(row: FactRow | AllocationRow) {
  return {
    billingPeriod: row.billingPeriod,
    amounts: {
      billedCost: row.billedCost,
      effectiveCost: row.effectiveCost,
      listCost: row.listCost,
      contractedCost: row.contractedCost,
    },
  };
}

/**
 * Facts, allocations and fact groups already in memory, such as the facts
 * of a month and the allocations an attribution pass computed from them.
 *
 * @public
 */
export function rowsShowbackData(input: {
  facts: FactRow[];
  allocations: AllocationRow[];
  groups: ShowbackGroup[];
}): ShowbackData {
  const groups = new Map(input.groups.map(g => [g.id, g]));
  const service = (groupId: string) => groups.get(groupId)?.serviceName ?? '';
  return {
    async read(query, sink) {
      const field = MEASURE_FIELDS[query.measure];
      const inRange = (day: string) => day >= query.from && day <= query.to;
      if (query.facts) {
        for (const f of input.facts) {
          if (!inRange(f.day)) continue;
          sink.fact({
            groupId: f.groupId,
            currency: f.currency,
            service: service(f.groupId),
            day: f.day,
            amount: f[field],
            ...(query.allMeasures ? measuresOf(f) : {}),
          });
        }
      }
      const refs = query.entityRefs ? new Set(query.entityRefs) : undefined;
      for (const a of input.allocations) {
        if (!inRange(a.day) || (refs && !refs.has(a.entityRef))) continue;
        sink.allocation({
          groupId: a.groupId,
          entityRef: a.entityRef,
          method: a.method,
          currency: a.currency,
          service: service(a.groupId),
          day: a.day,
          amount: a[field],
          ...(query.allMeasures ? measuresOf(a) : {}),
        });
      }
    },
    async groups(ids) {
      return ids.flatMap(id => {
        const group = groups.get(id);
        return group ? [group] : [];
      });
    },
    async lastDay(from, to) {
      let last: string | undefined;
      for (const f of input.facts)
        if (f.day >= from && f.day <= to && (!last || f.day > last))
          last = f.day;
      return last;
    },
  };
}
