import fg from 'fast-glob';
import { promises as fs } from 'fs';
import path from 'path';
import type { CostRecord } from '@costwise/plugin-finops-node';
import {
  ByteRange,
  CsvFormatError,
  CsvLimits,
  CsvProgress,
  DEFAULT_CSV_LIMITS,
  openMaybeGzip,
  parseCsvBatches,
  readRange,
} from './csv';
import { isParquetFile, ParquetRecord, readParquetRecords } from './parquet';
import { BUILTIN_FORMATS, CostFileFormat, RowMapper } from './formats';

/** A file that could not be read as a cost export at all.
 *
 * @public
 */
export class CostFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'CostFileError';
  }
}

/**
 * Options of {@link readCostFiles}.
 *
 * @public
 */
export interface ReadCostFilesOptions {
  /** Restricts the files to one source type's format (`focus`, `aws-cur`, ...). */
  sourceType?: string;
  /** Currency assumed where the export has none. */
  currency?: string;
  /** Formats to choose from; defaults to the built-in ones. */
  formats?: CostFileFormat[];
  signal?: AbortSignal;
  /** Which files to read, and which to leave: see {@link FileSelection}. */
  selection?: FileSelection;
  /** The longest record and field read: see `CsvLimits`. */
  limits?: Partial<CsvLimits>;
}

/**
 * Which of the files a location names are read. By default every file is,
 * as a user who names a file on the command line means it; the backend's
 * file sources skip symbolic links and files still being written.
 *
 * @public
 */
export interface FileSelection {
  /** Read files (and folders) that are symbolic links. Default true. */
  followSymlinks?: boolean;
  /** Skip files modified at or after this time (epoch ms): an export may still be written. */
  modifiedBefore?: number;
  /** Told each file left out, and why. */
  onSkip?: (file: string, reason: string) => void;
}

/** Expands paths and globs into a sorted, de-duplicated list of files.
 *
 * @public
 */
export async function resolveFiles(
  patterns: string[],
  cwd = process.cwd(),
  selection: FileSelection = {},
): Promise<string[]> {
  const follow = selection.followSymlinks ?? true;
  const files = new Set<string>();
  const found: Array<{ file: string; symlink: boolean }> = [];
  const globbed = async (globs: string[], base: string) => {
    for (const entry of await fg(globs, {
      cwd: base,
      absolute: true,
      objectMode: true,
      followSymbolicLinks: follow,
      // links are listed too, to be read or said to be skipped
      onlyFiles: false,
    })) {
      if (entry.dirent.isDirectory()) continue;
      found.push({ file: entry.path, symlink: entry.dirent.isSymbolicLink() });
    }
  };
  const skipped: string[] = [];
  const skip = (file: string, reason: string) => {
    skipped.push(`${path.basename(file)}: ${reason}`);
    selection.onSkip?.(file, reason);
  };
  for (const pattern of patterns) {
    const before = found.length;
    const absolute = path.resolve(cwd, pattern);
    const link = await fs.lstat(absolute).catch(() => undefined);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isFile()) {
      found.push({ file: absolute, symlink: Boolean(link?.isSymbolicLink()) });
    } else if (stat?.isDirectory()) {
      if (link?.isSymbolicLink() && !follow) {
        skip(absolute, 'a symbolic link, not followed');
        continue;
      }
      await globbed(
        ['**/*.csv', '**/*.csv.gz', '**/*.gz', '**/*.parquet'],
        absolute,
      );
    } else if (fg.isDynamicPattern(pattern)) {
      await globbed([pattern.replace(/\\/g, '/')], cwd);
    } else {
      throw new CostFileError(pattern, 'no such file');
    }
    // a location that names nothing is more likely a mistake than no costs
    if (found.length === before)
      throw new CostFileError(
        pattern,
        stat?.isDirectory()
          ? 'no cost files (.csv, .csv.gz, .gz, .parquet) in this folder'
          : 'no file matches this pattern',
      );
  }
  for (const { file, symlink } of found) {
    if (symlink && !follow) {
      skip(file, 'a symbolic link, not followed');
      continue;
    }
    // a link (followed) to a folder is no file to read
    if (symlink && !(await fs.stat(file).catch(() => undefined))?.isFile())
      continue;
    if (selection.modifiedBefore !== undefined) {
      const modified = (await fs.stat(file).catch(() => undefined))?.mtimeMs;
      if (modified !== undefined && modified >= selection.modifiedBefore) {
        skip(
          file,
          `modified ${Math.round(
            (Date.now() - modified) / 1000,
          )} s ago: it may still be written; read on the next run`,
        );
        continue;
      }
    }
    files.add(file);
  }
  if (files.size === 0 && skipped.length > 0)
    throw new CostFileError(
      patterns.join(', '),
      `no file to read now; ${skipped.length} left out (${skipped
        .slice(0, 3)
        .join('; ')}${skipped.length > 3 ? '; …' : ''})`,
    );
  return [...files].sort();
}

function describeExpected(formats: CostFileFormat[]): string {
  return formats
    .map(f => `${f.label} (columns ${f.requiredColumns.join(', ')})`)
    .join('; or ');
}

function looksBinary(fields: string[]): boolean {
  const text = fields.join(',');
  if (text.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < Math.min(text.length, 2000); i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code < 32 && code !== 9)) odd++;
  }
  return odd > 8;
}

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

/** The formats a file may be read as, given the options; throws when none. */
export function formatCandidates(
  file: string,
  options: ReadCostFilesOptions,
): CostFileFormat[] {
  const all = options.formats ?? BUILTIN_FORMATS;
  const candidates = options.sourceType
    ? all.filter(f => f.sourceType === options.sourceType)
    : all;
  if (candidates.length === 0)
    throw new CostFileError(
      file,
      `no reader for source type '${options.sourceType}'`,
    );
  return candidates;
}

/**
 * The format a header names and the row mapper for it; throws
 * {@link CostFileError} when the header is binary, of no known format or
 * lacks a mandatory column.
 */
export function mapperForHeader(
  file: string,
  fields: string[],
  candidates: CostFileFormat[],
  options: ReadCostFilesOptions,
): { format: CostFileFormat; mapper: RowMapper } {
  if (looksBinary(fields)) {
    throw new CostFileError(
      file,
      `binary content, not a CSV cost export; expected ${describeExpected(
        candidates,
      )}`,
    );
  }
  const format = candidates.find(f => f.detect(fields));
  if (!format) {
    const found = fields
      .slice(0, 8)
      .map(f => f.trim())
      .join(', ');
    throw new CostFileError(
      file,
      `not a cost export: expected ${describeExpected(
        candidates,
      )}; found columns ${found}${fields.length > 8 ? ', …' : ''}`,
    );
  }
  try {
    return {
      format,
      mapper: format.createMapper(fields, { currency: options.currency }),
    };
  } catch (error) {
    throw new CostFileError(
      file,
      `not a valid ${format.label}: ${(error as Error).message}`,
    );
  }
}

/** The error a failed read of a file is reported as: a {@link CostFileError} where it is the file's fault. */
export function readError(file: string, error: unknown): unknown {
  if (error instanceof CostFileError) return error;
  if (error instanceof CsvFormatError)
    return new CostFileError(file, `malformed CSV: ${error.message}`);
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new CostFileError(
      file,
      `corrupt gzip data (${(error as Error).message})`,
    );
  return error;
}

/** The error for a file without even a header. */
export function emptyFileError(
  file: string,
  candidates: CostFileFormat[],
): CostFileError {
  return new CostFileError(
    file,
    `empty file; expected ${describeExpected(candidates)}`,
  );
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
