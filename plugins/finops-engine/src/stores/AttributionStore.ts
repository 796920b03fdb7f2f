import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import {
  AttributionEvidence,
  AttributionMethod,
  Decimal,
} from '@costwise/plugin-finops-common';
import type { AttributionGroup, AttributionOverride } from '../model';
import {
  AllocationSum,
  AllocationSumQuery,
  KEY_OF_ROW,
  SumTable,
  sumAllocations,
} from './allocationSums';
import { MEASURE_COLUMNS } from '../model/measures';
import { RollupAccumulator, rollupRecord } from './rollupTotals';

export type {
  AllocationGrouping,
  AllocationSum,
  AllocationSumKey,
} from './allocationSums';

/** One stored allocation: a fact group's cost on one day attributed to one entity. */
export interface AllocationRow {
  currency: string;
  day: string;
  billingPeriod: string;
  groupId: string;
  entityRef: string;
  method: AttributionMethod;
  confidence: number;
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  contractedCost: string;
}

/** A daily fact as attribution reads it. */
export interface FactRow {
  day: string;
  billingPeriod: string;
  groupId: string;
  currency: string;
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  contractedCost: string;
}

/** A recorded attribution run. */
export interface AttributionRunRecord {
  id: string;
  trigger: string;
  status: 'running' | 'succeeded' | 'failed';
  error?: string;
  startedAt: string;
  finishedAt?: string;
  catalogFingerprint?: string;
  report: Record<string, unknown>;
}

/** How much cost moved to or from an entity in a run. */
export interface AttributionChange {
  runId: string;
  createdAt: string;
  currency: string;
  entityRef: string;
  previous: string;
  current: string;
  delta: string;
  reason: string;
}

/** An override rule as stored. */
export interface StoredOverride extends AttributionOverride {
  createdBy: string;
  createdAt: string;
  note?: string;
}

/** A fact group's dimensions, for views. */
export interface GroupDetails extends AttributionGroup {
  serviceCategory?: string;
  region?: string;
  currency: string;
}

/** Fact groups never change once stored; views look the same ones up again and again. */
const GROUP_CACHE_SIZE = 50_000;

const SQLITE_CHUNK = 400;
const POSTGRES_CHUNK = 1000;

function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

function groupFromRow(r: any): GroupDetails {
  return {
    id: String(r.id),
    provider: r.provider,
    billingAccountId: r.billing_account_id,
    subAccountId: optional(r.sub_account_id),
    serviceName: r.service_name,
    serviceCategory: optional(r.service_category),
    region: optional(r.region),
    resourceId: optional(r.resource_id),
    resourceName: optional(r.resource_name),
    chargeCategory: optional(r.charge_category),
    commitmentStatus: optional(r.commitment_status),
    currency: r.currency,
    tags: JSON.parse(r.tags || '{}'),
  };
}

/** Data access for attribution results, runs, changes and overrides. */
export class AttributionStore {
  private readonly chunk: number;
  private readonly groups = new Map<string, GroupDetails>();

  constructor(private readonly db: Knex) {
    this.chunk = String(db.client.config.client).includes('sqlite')
      ? SQLITE_CHUNK
      : POSTGRES_CHUNK;
  }

  /**
   * Fact groups by id, or all of them. Groups are only ever inserted (a
   * group is a distinct set of dimensions), so those looked up by id are
   * kept in memory, up to a bound.
   */
  async loadGroups(ids?: string[]): Promise<GroupDetails[]> {
    if (!ids) return (await this.db('finops_fact_groups')).map(groupFromRow);
    const found = new Map<string, GroupDetails>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const group = this.groups.get(id);
      if (group) found.set(id, group);
      else missing.push(id);
    }
    for (let i = 0; i < missing.length; i += 500) {
      const rows = await this.db('finops_fact_groups').whereIn(
        'id',
        missing.slice(i, i + 500),
      );
      for (const group of rows.map(groupFromRow)) {
        if (this.groups.size >= GROUP_CACHE_SIZE) this.groups.clear();
        this.groups.set(group.id, group);
        found.set(group.id, group);
      }
    }
    // in id order, as the database answered an id lookup
    return [...found.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  /**
   * The daily facts with their group's currency: all of them, or those of a
   * billing period (`YYYY-MM`) and/or from and to a day (both inclusive).
   */
  async loadFacts(
    range: { period?: string; from?: string; to?: string } = {},
  ): Promise<FactRow[]> {
    const query = this.db('finops_cost_facts as f')
      .join('finops_fact_groups as g', 'g.id', 'f.group_id')
      .select(
        'f.day',
        'f.billing_period',
        'f.group_id',
        'g.currency',
        'f.billed_cost',
        'f.effective_cost',
        'f.list_cost',
        'f.contracted_cost',
      );
    if (range.period) query.where('f.billing_period', range.period);
    if (range.from) query.where('f.day', '>=', range.from);
    if (range.to) query.where('f.day', '<=', range.to);
    const rows = await query;
    return rows.map(r => ({
      day: r.day,
      billingPeriod: r.billing_period,
      groupId: String(r.group_id),
      currency: r.currency,
      billedCost: String(r.billed_cost),
      effectiveCost: String(r.effective_cost),
      listCost: String(r.list_cost),
      contractedCost: String(r.contracted_cost),
    }));
  }

  /** Replaces every allocation, evidence and rollup membership in one transaction. */
  async replaceResults(results: {
    allocations: AllocationRow[];
    evidence: {
      groupId: string;
      entityRef: string;
      method: AttributionMethod;
      evidence: AttributionEvidence;
    }[];
    /** entity → member → the direct child it rolls up through */
    members: Map<string, Map<string, string>>;
  }): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('finops_allocations').delete();
      await tx('finops_allocation_evidence').delete();
      await tx('finops_entity_members').delete();
      const insert = async (table: string, rows: Record<string, unknown>[]) => {
        for (let i = 0; i < rows.length; i += this.chunk)
          await tx(table).insert(rows.slice(i, i + this.chunk));
      };
      await insert(
        'finops_allocations',
        results.allocations.map(a => ({
          currency: a.currency,
          day: a.day,
          billing_period: a.billingPeriod,
          group_id: Number(a.groupId),
          entity_ref: a.entityRef,
          method: a.method,
          confidence: a.confidence,
          billed_cost: a.billedCost,
          effective_cost: a.effectiveCost,
          list_cost: a.listCost,
          contracted_cost: a.contractedCost,
        })),
      );
      await insert(
        'finops_allocation_evidence',
        results.evidence.map(e => ({
          group_id: Number(e.groupId),
          entity_ref: e.entityRef,
          method: e.method,
          evidence: JSON.stringify(e.evidence),
        })),
      );
      const members: Record<string, unknown>[] = [];
      for (const [entity, map] of results.members) {
        for (const [member, via] of map)
          members.push({
            entity_ref: entity,
            member_ref: member,
            via_ref: via,
          });
      }
      await insert('finops_entity_members', members);

      await tx('finops_rollup_daily').delete();
      await tx('finops_rollup_groups').delete();
      let lastDay = '';
      for (const a of results.allocations) if (a.day > lastDay) lastDay = a.day;
      if (lastDay) {
        const rollups = new RollupAccumulator(results.members, lastDay);
        for (const a of results.allocations) rollups.add(a);
        await insert(
          'finops_rollup_daily',
          rollups.dailyRows().map(rollupRecord),
        );
        await insert(
          'finops_rollup_groups',
          rollups.groupRows().map(rollupRecord),
        );
      }
      // views cached against the previous allocations must forget them
      await tx('finops_data_versions')
        .insert({ name: 'allocations', version: randomUUID() })
        .onConflict('name')
        .merge();
    });
  }

  /** Changes whenever the allocations are replaced, in the same transaction. */
  async allocationsVersion(): Promise<string | undefined> {
    const row = await this.db('finops_data_versions')
      .where({ name: 'allocations' })
      .first('version');
    return row?.version;
  }

  /**
   * A rollup's sums from the totals stored with the latest run, when they
   * can answer the query: groupings by day or month over any range, and by
   * fact group and/or method over exactly the stored last-30-days window.
   * Undefined when they cannot (the caller then sums the members'
   * allocations); an entity without stored totals has no data.
   */
  async rollupSums(
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
      window = await this.db('finops_rollup_groups')
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
          const select = this.db('finops_rollup_daily')
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
      const any = await this.db('finops_rollup_daily')
        .where({ entity_ref: entityRef })
        .first('day');
      if (!any) return undefined;
    }
    const groups = plan.includes('groups')
      ? await this.db('finops_rollup_groups')
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

  /** The entities whose direct cost counts in the entity's total, each with the direct child it rolls up through. */
  async members(entityRef: string): Promise<Map<string, string>> {
    const rows = await this.db('finops_entity_members')
      .where({ entity_ref: entityRef })
      .select('member_ref', 'via_ref');
    if (rows.length === 0) return new Map([[entityRef, entityRef]]);
    return new Map(
      rows.map(r => [r.member_ref as string, r.via_ref as string]),
    );
  }

  /** The last day with data and when it was ingested, per source. */
  async freshness(): Promise<
    { sourceId: string; lastDay: string; ingestedAt: string }[]
  > {
    const rows = await this.db('finops_source_periods').select(
      'source_id',
      'last_day',
      'ingested_at',
    );
    const bySource = new Map<
      string,
      { sourceId: string; lastDay: string; ingestedAt: string }
    >();
    for (const r of rows) {
      if (!r.last_day) continue;
      const known = bySource.get(r.source_id);
      if (!known || r.last_day > known.lastDay) {
        bySource.set(r.source_id, {
          sourceId: r.source_id,
          lastDay: r.last_day,
          ingestedAt: r.ingested_at,
        });
      }
    }
    return [...bySource.values()].sort((a, b) =>
      a.sourceId.localeCompare(b.sourceId),
    );
  }

  async allocations(options: {
    entityRefs: string[];
    from?: string;
    to?: string;
    currency?: string;
  }): Promise<AllocationRow[]> {
    const out: AllocationRow[] = [];
    for (let i = 0; i < options.entityRefs.length; i += 500) {
      const query = this.db('finops_allocations').whereIn(
        'entity_ref',
        options.entityRefs.slice(i, i + 500),
      );
      if (options.from) query.where('day', '>=', options.from);
      if (options.to) query.where('day', '<=', options.to);
      if (options.currency) query.where('currency', options.currency);
      for (const r of await query) {
        out.push({
          currency: r.currency,
          day: r.day,
          billingPeriod: r.billing_period,
          groupId: String(r.group_id),
          entityRef: r.entity_ref,
          method: r.method,
          confidence: Number(r.confidence),
          billedCost: String(r.billed_cost),
          effectiveCost: String(r.effective_cost),
          listCost: String(r.list_cost),
          contractedCost: String(r.contracted_cost),
        });
      }
    }
    return out;
  }

  /**
   * Sums one measure of the entities' allocations from `from` to `to`, per
   * currency and each grouping's keys, in one list per grouping.
   */
  sumAllocations(query: AllocationSumQuery): Promise<AllocationSum[][]> {
    return sumAllocations(this.db, query);
  }

  async evidence(options: { groupIds?: string[]; entityRefs?: string[] }) {
    const query = this.db('finops_allocation_evidence');
    if (options.groupIds)
      query.whereIn('group_id', options.groupIds.map(Number));
    if (options.entityRefs) query.whereIn('entity_ref', options.entityRefs);
    const rows = await query;
    return rows.map(r => ({
      groupId: String(r.group_id),
      entityRef: r.entity_ref as string,
      method: r.method as AttributionMethod,
      evidence: JSON.parse(r.evidence) as AttributionEvidence,
    }));
  }

  async groupIdsByResourceId(resourceId: string): Promise<string[]> {
    const rows = await this.db('finops_fact_groups')
      .where({ resource_id: resourceId })
      .select('id');
    return rows.map(r => String(r.id));
  }

  async createRun(run: AttributionRunRecord) {
    await this.db('finops_attribution_runs').insert({
      id: run.id,
      trigger: run.trigger,
      status: run.status,
      started_at: run.startedAt,
      report: JSON.stringify(run.report),
    });
  }

  async finishRun(run: AttributionRunRecord) {
    await this.db('finops_attribution_runs')
      .where({ id: run.id })
      .update({
        status: run.status,
        error: run.error ?? null,
        finished_at: run.finishedAt ?? null,
        catalog_fingerprint: run.catalogFingerprint ?? null,
        report: JSON.stringify(run.report),
      });
  }

  /** The id of the latest run with the status, without reading its report. */
  async latestRunId(
    status: AttributionRunRecord['status'] = 'succeeded',
  ): Promise<string | undefined> {
    const row = await this.db('finops_attribution_runs')
      .where({ status })
      .orderBy('started_at', 'desc')
      .first('id');
    return row?.id;
  }

  async latestRun(
    status: AttributionRunRecord['status'] = 'succeeded',
  ): Promise<AttributionRunRecord | undefined> {
    const row = await this.db('finops_attribution_runs')
      .where({ status })
      .orderBy('started_at', 'desc')
      .first();
    if (!row) return undefined;
    return {
      id: row.id,
      trigger: row.trigger,
      status: row.status,
      error: optional(row.error),
      startedAt: row.started_at,
      finishedAt: optional(row.finished_at),
      catalogFingerprint: optional(row.catalog_fingerprint),
      report: JSON.parse(row.report),
    };
  }

  async addChanges(changes: AttributionChange[]) {
    for (let i = 0; i < changes.length; i += this.chunk) {
      await this.db('finops_attribution_changes').insert(
        changes.slice(i, i + this.chunk).map(c => ({
          run_id: c.runId,
          created_at: c.createdAt,
          currency: c.currency,
          entity_ref: c.entityRef,
          previous: c.previous,
          current: c.current,
          delta: c.delta,
          reason: c.reason,
        })),
      );
    }
  }

  async listChanges(limit = 100): Promise<AttributionChange[]> {
    const rows = await this.db('finops_attribution_changes')
      .orderBy('created_at', 'desc')
      .limit(limit);
    return rows.map(r => ({
      runId: r.run_id,
      createdAt: r.created_at,
      currency: r.currency,
      entityRef: r.entity_ref,
      previous: String(r.previous),
      current: String(r.current),
      delta: String(r.delta),
      reason: r.reason,
    }));
  }

  async listOverrides(): Promise<StoredOverride[]> {
    const rows = await this.db('finops_overrides').orderBy('created_at');
    return rows.map(r => ({
      id: r.id,
      match: JSON.parse(r.match),
      entityRef: r.entity_ref,
      createdBy: r.created_by,
      createdAt: r.created_at,
      note: optional(r.note),
    }));
  }

  async addOverride(override: StoredOverride) {
    await this.db('finops_overrides').insert({
      id: override.id,
      match: JSON.stringify(override.match),
      entity_ref: override.entityRef,
      created_by: override.createdBy,
      created_at: override.createdAt,
      note: override.note ?? null,
    });
  }

  async deleteOverride(id: string): Promise<boolean> {
    return (await this.db('finops_overrides').where({ id }).delete()) > 0;
  }
}
