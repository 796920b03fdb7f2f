import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import { RollupAccumulator, rollupRecord } from '../../rollupTotals';
import type { AllocationRow, StoredEvidence } from '../types';

/**
 * A run's results were not stored: a run that started later has already
 * stored its own, which read newer facts, overrides and catalog.
 *
 * @public
 */
export class SupersededRunError extends Error {
  name = 'SupersededRunError';
}

/**
 * Replaces every allocation, evidence and rollup membership in one
 * transaction. With `startedAt`, refuses (a {@link SupersededRunError}) when
 * a run that started later has already succeeded.
 */
export async function replaceResults(
  db: Knex,
  chunk: number,
  results: {
    allocations: AllocationRow[];
    evidence: StoredEvidence[];
    /** entity → member → the direct child it rolls up through */
    members: Map<string, Map<string, string>>;
    /** entity → member → its team and system line */
    memberKeys?: Map<string, Map<string, { team?: string; system?: string }>>;
  },
  run?: { id: string; startedAt: string },
): Promise<void> {
  await db.transaction(async tx => {
    if (run) {
      const newer = await tx('finops_attribution_runs')
        .where({ status: 'succeeded' })
        .andWhere('started_at', '>', run.startedAt)
        .first('id', 'started_at');
      if (newer)
        throw new SupersededRunError(
          `run ${run.id} (started ${run.startedAt}) was superseded by run ${newer.id} (started ${newer.started_at}), which stored its results first`,
        );
    }
    await tx('finops_allocations').delete();
    await tx('finops_allocation_evidence').delete();
    await tx('finops_entity_members').delete();
    const insert = async (table: string, rows: Record<string, unknown>[]) => {
      for (let i = 0; i < rows.length; i += chunk)
        await tx(table).insert(rows.slice(i, i + chunk));
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
        shared_from: a.sharedFrom ?? null,
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
      const keys = results.memberKeys?.get(entity);
      for (const [member, via] of map)
        members.push({
          entity_ref: entity,
          member_ref: member,
          via_ref: via,
          team_ref: keys?.get(member)?.team ?? null,
          system_ref: keys?.get(member)?.system ?? null,
        });
    }
    await insert('finops_entity_members', members);

    await tx('finops_rollup_daily').delete();
    await tx('finops_rollup_groups').delete();
    let lastDay = '';
    let firstDay = '';
    for (const a of results.allocations) {
      if (a.day > lastDay) lastDay = a.day;
      if (!firstDay || a.day < firstDay) firstDay = a.day;
    }
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
    // the days the allocations span, which the views clamp ranges to
    await tx('finops_data_versions')
      .insert({
        name: 'allocation-days',
        version: firstDay ? `${firstDay}/${lastDay}` : '',
      })
      .onConflict('name')
      .merge();
  });
}

/**
 * The first and last day of the stored allocations; undefined when there
 * are none. Read from the allocations themselves (one look-up of the day
 * index) where no run has recorded them yet, as in a store attributed
 * before runs recorded them.
 */
export async function allocationDays(
  db: Knex,
): Promise<{ first: string; last: string } | undefined> {
  const row = await db('finops_data_versions')
    .where({ name: 'allocation-days' })
    .first('version');
  if (row === undefined) {
    // apart: SQLite answers a lone min() or max() from the index, not both
    const first = await db('finops_allocations').min({ day: 'day' }).first();
    const last = await db('finops_allocations').max({ day: 'day' }).first();
    return first?.day && last?.day
      ? { first: String(first.day), last: String(last.day) }
      : undefined;
  }
  const [first, last] = String(row.version ?? '').split('/');
  return first && last ? { first, last } : undefined;
}

/** Changes whenever the allocations are replaced, in the same transaction. */
export async function allocationsVersion(
  db: Knex,
): Promise<string | undefined> {
  const row = await db('finops_data_versions')
    .where({ name: 'allocations' })
    .first('version');
  return row?.version;
}
