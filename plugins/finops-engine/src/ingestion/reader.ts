import { promises as fs } from 'fs';
import type { CostRecord } from '@costwise/plugin-finops-node';
import {
  ByteRange,
  CsvProgress,
  DEFAULT_CSV_LIMITS,
  openMaybeGzip,
  parseCsvBatches,
  readRange,
} from './csv';
import { isParquetFile, ParquetRecord, readParquetRecords } from './parquet';
import type { RowMapper } from './formats';
import { CostFileError, ReadCostFilesOptions, resolveFiles } from './costFiles';
import {
  emptyFileError,
  formatCandidates,
  mapperForHeader,
  readError,
} from './fileFormat';

export { CostFileError, resolveFiles } from './costFiles';
export type { FileSelection, ReadCostFilesOptions } from './costFiles';
export {
  emptyFileError,
  formatCandidates,
  mapperForHeader,
  readError,
} from './fileFormat';

/**
 * Records that can also be read in batches: one asynchronous step per batch
 * instead of one per record, which matters at millions of rows.
 *
 * @public
 */
export interface CostRecordBatches {
  /** Reads the records afresh, as arrays of consecutive records. */
  batches(): AsyncIterable<CostRecord[]>;
}

/**
 * Reads one cost export file as a stream of records. The first record is the
 * header; it decides the format. Throws {@link CostFileError} when the file is
 * empty, binary or not a known cost export; bad rows are yielded as rejections.
 *
 * @public
 */
export async function* readCostFile(
  file: string,
  options: ReadCostFilesOptions = {},
): AsyncGenerator<CostRecord> {
  for await (const batch of readCostFileBatches(file, options)) {
    for (const record of batch) yield record;
  }
}

/**
 * A part of a plain CSV file to read on its own (see `parallel.ts`): its
 * byte range, which must start at the start of a record; the header is read
 * from the start of the file. `progress` gives the part's first line and
 * then tells where the parse stopped.
 */
export interface FilePart {
  range: ByteRange;
  progress: CsvProgress;
  /**
   * When the range turns out to end inside a record, read on to the end of
   * the file (and set `continued`) instead of stopping there.
   */
  continueIfCut?: boolean;
  continued?: boolean;
}

/** The bytes of a part, and of the rest of the file when it asks for it and was cut. */
async function* partChunks(file: string, part: FilePart) {
  yield* readRange(file, part.range);
  if (part.continueIfCut && !part.progress.atRecordEnd) {
    const { size } = await fs.stat(file);
    if (size > part.range.end) {
      part.continued = true;
      yield* readRange(file, { start: part.range.end, end: size });
    }
  }
}

/** The first record of a CSV file: its header. */
export async function readCsvHeader(
  file: string,
): Promise<string[] | undefined> {
  for await (const batch of parseCsvBatches(
    (await openMaybeGzip(file)) as AsyncIterable<Buffer>,
  ))
    return batch[0]?.fields;
  return undefined;
}

/**
 * Like {@link readCostFile}, yielding the records of each chunk of the file
 * as one array.
 *
 * @public
 */
export async function* readCostFileBatches(
  file: string,
  options: ReadCostFilesOptions = {},
): AsyncGenerator<CostRecord[]> {
  yield* readFileBatches(file, options);
}

/**
 * {@link readCostFileBatches}, or with `part` the records of a part of the
 * file: without the `file` record, with lines counted from the part's start.
 */
export async function* readFileBatches(
  file: string,
  options: ReadCostFilesOptions,
  part?: FilePart,
): AsyncGenerator<CostRecord[]> {
  const candidates = formatCandidates(file, options);
  let batches: AsyncIterable<ParquetRecord[]>;
  let header: string[] | undefined;
  let parquet = false;
  try {
    if (part && part.range.start > 0) {
      header = await readCsvHeader(file);
      if (!header) throw new Error('no header');
    }
    const limits = { ...DEFAULT_CSV_LIMITS, ...options.limits };
    if (part)
      batches = parseCsvBatches(partChunks(file, part), part.progress, limits);
    else if (await isParquetFile(file)) {
      parquet = true;
      batches = readParquetRecords(file);
    } else
      batches = parseCsvBatches(
        (await openMaybeGzip(file)) as AsyncIterable<Buffer>,
        undefined,
        limits,
      );
  } catch (error) {
    throw new CostFileError(file, `cannot open: ${(error as Error).message}`);
  }
  let mapper: RowMapper | undefined;
  try {
    if (header)
      mapper = mapperForHeader(file, header, candidates, options).mapper;
    for await (const batch of batches) {
      if (options.signal?.aborted) throw new Error('ingestion aborted');
      const out: CostRecord[] = [];
      let start = 0;
      if (!mapper) {
        const first = batch[0];
        if ('error' in first) throw new CostFileError(file, first.error);
        const set = mapperForHeader(file, first.fields, candidates, options);
        mapper = set.mapper;
        out.push({ kind: 'file', file, format: set.format.sourceType });
        start = 1;
      }
      for (let i = start; i < batch.length; i++) {
        const record = batch[i];
        if ('error' in record) {
          out.push({
            kind: 'rejected',
            rejection: { file, line: record.line, reason: record.error },
          });
          continue;
        }
        const result = mapper(record.fields);
        if (typeof result === 'string') {
          out.push({
            kind: 'rejected',
            rejection: { file, line: record.line, reason: result },
          });
        } else {
          out.push({ kind: 'row', row: result, file, line: record.line });
        }
      }
      if (out.length > 0) yield out;
    }
  } catch (error) {
    if (parquet && !(error instanceof CostFileError))
      throw new CostFileError(
        file,
        `not a readable Parquet file: ${(error as Error).message}`,
      );
    throw readError(file, error);
  }
  if (!mapper) throw emptyFileError(file, candidates);
}

/** What {@link readCostFiles} was asked to read, by the records it returned. */
const fileReads = new WeakMap<
  object,
  { patterns: string[]; options: ReadCostFilesOptions }
>();

/**
 * The files and options behind records returned by {@link readCostFiles},
 * which can then be read in parts; undefined for other records.
 */
export function fileReadOf(
  records: object,
): { patterns: string[]; options: ReadCostFilesOptions } | undefined {
  return fileReads.get(records);
}

/**
 * Reads several files (paths or globs) one after the other. The records can
 * also be read in batches, through `batches()`.
 *
 * @public
 */
export function readCostFiles(
  patterns: string[],
  options: ReadCostFilesOptions = {},
): AsyncGenerator<CostRecord> & CostRecordBatches {
  async function* batches(): AsyncGenerator<CostRecord[]> {
    for (const file of await resolveFiles(
      patterns,
      undefined,
      options.selection,
    )) {
      yield* readCostFileBatches(file, options);
    }
  }
  async function* records(): AsyncGenerator<CostRecord> {
    for await (const batch of batches()) {
      for (const record of batch) yield record;
    }
  }
  const result = Object.assign(records(), { batches });
  fileReads.set(result, { patterns, options });
  return result;
}

/**
 * The records as batches: through their `batches()` when they have one
 * ({@link CostRecordBatches}), else one record at a time.
 */
export async function* recordBatches(
  records: AsyncIterable<CostRecord>,
): AsyncGenerator<CostRecord[]> {
  const batched = records as Partial<CostRecordBatches>;
  if (typeof batched.batches === 'function') {
    yield* batched.batches();
    return;
  }
  for await (const record of records) yield [record];
}
