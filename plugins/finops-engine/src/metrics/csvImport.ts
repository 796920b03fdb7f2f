import { promises as fs } from 'fs';
import type {
  MetricBatchResult,
  MetricRejection,
} from '@costwise/plugin-finops-common';
import { CsvFormatError, openMaybeGzip, parseCsv } from '../ingestion/csv';
import type { MetricService } from './MetricService';

/**
 * A metrics file that cannot be imported at all: missing, not CSV, or
 * without the needed columns. Bad rows are rejected one by one instead.
 *
 * @public
 */
export class MetricFileError extends Error {}

/** What {@link importMetricCsv} read and stored. @public */
export interface MetricImportResult extends MetricBatchResult {
  file: string;
  /** Columns other than entity, metric, date and value, which are ignored. */
  ignoredColumns: string[];
}

const COLUMNS = ['entity', 'metric', 'date', 'value'] as const;
const BATCH = 5000;

/**
 * Imports a CSV of daily metric values (columns `entity,metric,date,value`
 * in any order, a header line first; gzip-compressed files are read too).
 * Each row is checked and upserted like a point sent to `POST /metrics`;
 * rejections carry the row's line number (the header is line 1).
 *
 * @public
 */
export async function importMetricCsv(
  file: string,
  metrics: MetricService,
): Promise<MetricImportResult> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) throw new MetricFileError(`${file}: no such file`);
  const result: MetricImportResult = {
    file,
    received: 0,
    stored: 0,
    rejected: [],
    ignoredColumns: [],
  };
  type ColumnIndex = Record<(typeof COLUMNS)[number], number>;
  let index: ColumnIndex | undefined;
  let batch: { line: number; point: Record<string, string> }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const stored = await metrics.record(
      batch.map(b => b.point),
      'csv',
    );
    result.received += stored.received;
    result.stored += stored.stored;
    result.rejected.push(
      ...stored.rejected.map(
        (r): MetricRejection => ({ ...r, index: batch[r.index].line }),
      ),
    );
    batch = [];
  };
  try {
    for await (const record of parseCsv(await openMaybeGzip(file))) {
      if (!index) {
        const header = record.fields.map(f =>
          f
            .replace(/^\uFEFF/, '')
            .trim()
            .toLowerCase(),
        );
        const missing = COLUMNS.filter(c => !header.includes(c));
        if (missing.length > 0)
          throw new MetricFileError(
            `${file}: the header has no column ${missing.join(
              ', ',
            )} (needed: entity,metric,date,value; found: ${header.join(',')})`,
          );
        index = Object.fromEntries(
          COLUMNS.map(c => [c, header.indexOf(c)]),
        ) as ColumnIndex;
        result.ignoredColumns = header.filter(
          h => !(COLUMNS as readonly string[]).includes(h),
        );
        continue;
      }
      if (record.fields.length === 1 && record.fields[0].trim() === '')
        continue; // blank line
      const point: Record<string, string> = {};
      for (const c of COLUMNS) point[c] = record.fields[index[c]] ?? '';
      if (record.fields.length < Math.max(...Object.values(index)) + 1) {
        result.received += 1;
        result.rejected.push({
          index: record.line,
          reason: `the row has ${record.fields.length} fields; the header has more`,
          point: point as any,
        });
        continue;
      }
      batch.push({ line: record.line, point });
      if (batch.length >= BATCH) await flush();
    }
  } catch (error) {
    if (error instanceof CsvFormatError)
      throw new MetricFileError(`${file}: ${error.message}`);
    throw error;
  }
  if (!index) throw new MetricFileError(`${file}: the file is empty`);
  await flush();
  result.rejected.sort((a, b) => a.index - b.index);
  return result;
}
