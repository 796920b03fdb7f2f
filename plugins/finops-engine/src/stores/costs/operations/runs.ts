import type { Knex } from 'knex';
import type { IngestionRun } from '@costwise/plugin-finops-common';

type RunRow = {
  id: string;
  source_id: string;
  status: string;
  error: string | null;
  files: string;
  billing_periods: string;
  rows: number;
  accepted: number;
  rejected: number;
  rejections: string;
  rejections_truncated: number;
  providers: string;
  totals: string;
  stored_totals: string;
  started_at: string;
  finished_at: string | null;
};

function runToRow(run: IngestionRun): RunRow {
  return {
    id: run.id,
    source_id: run.sourceId,
    status: run.status,
    error: run.error ?? null,
    files: JSON.stringify(run.files),
    billing_periods: JSON.stringify(run.billingPeriods),
    rows: run.rows,
    accepted: run.accepted,
    rejected: run.rejected,
    rejections: JSON.stringify(run.rejections),
    rejections_truncated: run.rejectionsTruncated,
    providers: JSON.stringify(run.providers),
    totals: JSON.stringify(run.totals),
    stored_totals: JSON.stringify(run.storedTotals),
    started_at: run.startedAt,
    finished_at: run.finishedAt ?? null,
  };
}

function rowToRun(row: RunRow): IngestionRun {
  return {
    id: row.id,
    sourceId: row.source_id,
    status: row.status as IngestionRun['status'],
    error: row.error ?? undefined,
    files: JSON.parse(row.files),
    billingPeriods: JSON.parse(row.billing_periods),
    rows: Number(row.rows),
    accepted: Number(row.accepted),
    rejected: Number(row.rejected),
    rejections: JSON.parse(row.rejections),
    rejectionsTruncated: Number(row.rejections_truncated),
    providers: JSON.parse(row.providers),
    totals: JSON.parse(row.totals),
    storedTotals: JSON.parse(row.stored_totals),
    startedAt: row.started_at,
    finishedAt: row.finished_at ?? undefined,
  };
}

export async function createRun(db: Knex, run: IngestionRun) {
  await db('finops_ingestion_runs').insert(runToRow(run));
}

export async function updateRun(db: Knex, run: IngestionRun) {
  const { id, ...rest } = runToRow(run);
  await db('finops_ingestion_runs').where({ id }).update(rest);
}

export async function listRuns(
  db: Knex,
  options: { sourceId?: string; limit?: number } = {},
) {
  const query = db<RunRow>('finops_ingestion_runs')
    .orderBy('started_at', 'desc')
    .limit(options.limit ?? 50);
  if (options.sourceId) query.where({ source_id: options.sourceId });
  return (await query).map(rowToRun);
}

export async function getRun(db: Knex, id: string) {
  const row = await db<RunRow>('finops_ingestion_runs').where({ id }).first();
  return row ? rowToRun(row) : undefined;
}
