import type { Knex } from 'knex';
import type { KpiId, KpiTarget } from '@costwise/plugin-finops-common';

/** A KPI's stored value for a scope and month. @public */
export interface StoredKpiValue {
  /** `organization`, or a team's ref. */
  scope: string;
  kpi: KpiId;
  month: string;
  value: number | null;
  detail: Record<string, string | number | null>;
  message?: string;
  computedAt: string;
}

/** A day of one entity's allocations in one measure, with its fact group's keys. @public */
export interface MonthAllocation {
  entityRef: string;
  method: string;
  currency: string;
  groupId: string;
  effectiveCost: string;
  listCost: string;
  billedCost: string;
  contractedCost: string;
}

const CHUNK = 100;

/** Data access for KPI history and targets. @public */
export class GovernanceStore {
  constructor(private readonly db: Knex) {}

  /** The stored values of the scopes (all when not given) from `fromMonth` on. */
  async history(options: {
    scopes?: string[];
    fromMonth?: string;
  }): Promise<StoredKpiValue[]> {
    const read = async (scopes?: string[]) => {
      const select = this.db('finops_kpi_history').select('*');
      if (scopes) select.whereIn('scope', scopes);
      if (options.fromMonth) select.where('month', '>=', options.fromMonth);
      return (await select.orderBy(['scope', 'kpi', 'month'])).map(r => ({
        scope: r.scope,
        kpi: r.kpi,
        month: r.month,
        value:
          r.value === null || r.value === undefined ? null : Number(r.value),
        detail: JSON.parse(r.detail),
        ...(r.message ? { message: r.message } : {}),
        computedAt: r.computed_at,
      }));
    };
    if (!options.scopes) return read();
    const out: StoredKpiValue[] = [];
    for (let i = 0; i < options.scopes.length; i += 500)
      out.push(...(await read(options.scopes.slice(i, i + 500))));
    return out;
  }

  /** Stores values, replacing those of the same scope, KPI and month. */
  async saveHistory(values: StoredKpiValue[]): Promise<void> {
    if (values.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < values.length; i += CHUNK)
        await tx('finops_kpi_history')
          .insert(
            values.slice(i, i + CHUNK).map(v => ({
              scope: v.scope,
              kpi: v.kpi,
              month: v.month,
              value: v.value === null ? null : String(v.value),
              detail: JSON.stringify(v.detail),
              message: v.message ?? null,
              computed_at: v.computedAt,
            })),
          )
          .onConflict(['scope', 'kpi', 'month'])
          .merge();
    });
  }

  async targets(): Promise<KpiTarget[]> {
    const rows = await this.db('finops_kpi_targets').orderBy(['kpi', 'scope']);
    return rows.map(r => ({
      kpi: r.kpi,
      ...(r.scope ? { team: r.scope } : {}),
      target: r.target === null ? null : Number(r.target),
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  /** Stores an admin's target; a `null` one removes it, so config or the default applies again. */
  async setTarget(target: KpiTarget): Promise<void> {
    if (target.target === null) {
      await this.db('finops_kpi_targets')
        .where({ kpi: target.kpi, scope: target.team ?? '' })
        .delete();
      return;
    }
    await this.db('finops_kpi_targets')
      .insert({
        kpi: target.kpi,
        scope: target.team ?? '',
        target: String(target.target),
        updated_by: target.updatedBy,
        updated_at: target.updatedAt,
      })
      .onConflict(['kpi', 'scope'])
      .merge();
  }

  /** The first and last day with cost facts, if any. */
  async factDays(): Promise<{ first: string; last: string } | undefined> {
    const row = await this.db('finops_cost_facts')
      .min({ first: 'day' })
      .max({ last: 'day' })
      .first();
    return row?.first ? { first: row.first, last: row.last } : undefined;
  }

  /** Every allocation from `from` to `to` (days, both included). */
  async allocationsBetween(
    from: string,
    to: string,
  ): Promise<MonthAllocation[]> {
    const rows = await this.db('finops_allocations')
      .select(
        'entity_ref',
        'method',
        'currency',
        'group_id',
        'effective_cost',
        'list_cost',
        'billed_cost',
        'contracted_cost',
      )
      .where('day', '>=', from)
      .where('day', '<=', to);
    return rows.map(r => ({
      entityRef: r.entity_ref,
      method: r.method,
      currency: r.currency,
      groupId: String(r.group_id),
      effectiveCost: String(r.effective_cost),
      listCost: String(r.list_cost),
      billedCost: String(r.billed_cost),
      contractedCost: String(r.contracted_cost),
    }));
  }
}
