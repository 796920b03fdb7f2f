import type { Knex } from 'knex';
import { AttributionChange, AttributionRunRecord, optional } from '../types';

export async function createRun(db: Knex, run: AttributionRunRecord) {
  await db('finops_attribution_runs').insert({
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    started_at: run.startedAt,
    report: JSON.stringify(run.report),
  });
}

export async function finishRun(db: Knex, run: AttributionRunRecord) {
  await db('finops_attribution_runs')
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
export async function latestRunId(
  db: Knex,
  status: AttributionRunRecord['status'] = 'succeeded',
): Promise<string | undefined> {
  const row = await db('finops_attribution_runs')
    .where({ status })
    .orderBy('started_at', 'desc')
    .first('id');
  return row?.id;
}

export async function latestRun(
  db: Knex,
  status: AttributionRunRecord['status'] = 'succeeded',
): Promise<AttributionRunRecord | undefined> {
  const row = await db('finops_attribution_runs')
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

export async function addChanges(
  db: Knex,
  chunk: number,
  changes: AttributionChange[],
) {
  for (let i = 0; i < changes.length; i += chunk) {
    await db('finops_attribution_changes').insert(
      changes.slice(i, i + chunk).map(c => ({
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

export async function listChanges(
  db: Knex,
  limit = 100,
): Promise<AttributionChange[]> {
  const rows = await db('finops_attribution_changes')
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
