import { CostAggregator } from '../aggregate';
import { isParquetFile } from '../parquet';
import {
  CostFileError,
  emptyFileError,
  FilePart,
  formatCandidates,
  readCsvHeader,
  readError,
  readFileBatches,
  ReadCostFilesOptions,
} from '../reader';
import { CsvFormatError, DEFAULT_CSV_LIMITS, fieldTooLong } from '../csv';
import { DirectReader, MAX_KNOWN_CELLS } from './DirectReader';
import {
  ByteWindows,
  CHUNK_BYTES,
  fileWindows,
  wholeFileWindows,
} from './windows';

/**
 * Reading a CSV cost file straight into an aggregator, without a record
 * object per row: the bytes of each chunk are scanned once for the fields of
 * each record, which stay positions in the bytes (CSV's quotes, commas and
 * line ends are ASCII, which UTF-8 never uses inside a character) and are
 * decoded only where a row needs its text. Every row goes through the
 * format's own mapper and {@link CostAggregator.add}, except FOCUS rows whose
 * measured cells (amounts, quantity, timestamps) are plain decimals and
 * dates and whose other cells are the very text of an earlier accepted row:
 * those are parsed here and added with {@link CostAggregator.addDirect}, to
 * the same effect. Any other row (a quoted amount with doubled quotes, a
 * NULL literal, an exponent, a date in another form, a new combination of
 * the other cells, a wrong field count) takes the mapper's path, with the
 * mapper's reasons.
 */

const BOM = [0xef, 0xbb, 0xbf];

/** Options of {@link aggregateFile}. */
export interface AggregateFileOptions {
  /** Told the rows read so far, every few hundred rows. */
  onRows?: (rows: number) => void;
  /** Bytes read at a time (tests use small ones to cut records anywhere). */
  chunkBytes?: number;
  /** Combinations of the other cells remembered (tests use few). */
  maxKnownCells?: number;
}

/**
 * Reads a cost file, or with `part` a part of a plain CSV file (see
 * {@link FilePart}), into the aggregator: the same rows, rejections,
 * totals and facts as adding every record of {@link readFileBatches}.
 * Parquet files are read through their records.
 */
export async function aggregateFile(
  file: string,
  options: ReadCostFilesOptions,
  aggregator: CostAggregator,
  part?: FilePart,
  fileOptions: AggregateFileOptions = {},
): Promise<void> {
  const base = aggregator.rows;
  const onRows = fileOptions.onRows;
  const candidates = formatCandidates(file, options);
  let windows: ByteWindows | undefined;
  let header: string[] | undefined;
  const chunkBytes = Math.max(16, fileOptions.chunkBytes ?? CHUNK_BYTES);
  try {
    // Parquet is read through its records
    if (part || !(await isParquetFile(file))) {
      if (part && part.range.start > 0) {
        header = await readCsvHeader(file);
        if (!header) throw new Error('no header');
      }
      windows = part
        ? await fileWindows(file, part, chunkBytes)
        : await wholeFileWindows(file, chunkBytes);
    }
  } catch (error) {
    throw new CostFileError(file, `cannot open: ${(error as Error).message}`);
  }
  if (!windows) {
    for await (const batch of readFileBatches(file, options)) {
      for (const record of batch) aggregator.add(record);
      onRows?.(aggregator.rows - base);
    }
    return;
  }
  const limits = { ...DEFAULT_CSV_LIMITS, ...options.limits };
  const reader = new DirectReader(
    file,
    aggregator,
    candidates,
    options,
    fileOptions.maxKnownCells ?? MAX_KNOWN_CELLS,
    onRows && (() => onRows(aggregator.rows - base)),
    limits,
  );
  try {
    if (header) reader.setHeader(header, false);
    let line = part?.progress.nextLine ?? 1;
    let first = true;
    let consumed = 0;
    for (;;) {
      const bytes = await windows.next(consumed);
      if (!bytes) break;
      if (options.signal?.aborted) throw new Error('ingestion aborted');
      let from = 0;
      if (first && bytes.length > 0) {
        if (
          bytes.length < BOM.length &&
          BOM.every((b, i) => i >= bytes.length || bytes[i] === b)
        ) {
          // maybe the start of a byte-order mark: wait for the rest
          consumed = 0;
          continue;
        }
        if (BOM.every((b, i) => bytes[i] === b)) from = BOM.length;
        first = false;
      }
      consumed = reader.records(bytes, from, false, line);
      line = reader.line;
      // what is left is one record not yet ended: it may not grow for ever
      if (bytes.length - consumed > limits.maxRecordBytes)
        throw new CsvFormatError(fieldTooLong('record', line, limits));
      if (part) {
        part.progress.atRecordEnd = consumed === bytes.length;
        part.progress.nextLine = line;
      }
      onRows?.(aggregator.rows - base);
    }
    const rest = windows.rest();
    let last = false;
    if (rest.length > 0 && !(rest.length === 1 && rest[0] === 13)) {
      reader.records(rest, 0, true, line);
      last = reader.lastWasRecord;
    }
    if (part) {
      part.progress.atRecordEnd = !last;
      part.progress.nextLine = last ? reader.line : line;
    }
    onRows?.(aggregator.rows - base);
  } catch (error) {
    throw readError(file, error);
  } finally {
    await windows.close();
  }
  if (!reader.hasHeader) throw emptyFileError(file, candidates);
}
