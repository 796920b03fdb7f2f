import { promises as fs } from 'fs';
import os from 'os';
import type { CostRecord } from '@costwise/plugin-finops-node';
import { CostAggregator } from './aggregate';
import { ByteRange, isGzipFile } from './csv';
import { aggregateFile } from './direct';
import { isParquetFile } from './parquet';
import { PART_WORKER, PartOptions } from './parallelWorker';
import { partWorker, readPartOnWorker } from './partThreads';
import {
  fileReadOf,
  FilePart,
  ReadCostFilesOptions,
  recordBatches,
  resolveFiles,
} from './reader';

/**
 * How large plain CSV files are read: in parts, one per thread, each part
 * aggregated on its own and the parts merged exactly.
 *
 * @public
 */
export interface ParallelReadOptions {
  /**
   * Threads reading one file, the calling thread included. Default: the
   * available cores, at most 4. 1 reads every file on the calling thread.
   */
  threads?: number;
  /** Files smaller than this many bytes are read on the calling thread. Default 32 MiB. */
  minBytes?: number;
  /** Told when a worker thread cannot be started or fails (the file is then read on one thread). */
  warn?: (message: string) => void;
}

const DEFAULT_MIN_BYTES = 32 * 2 ** 20;
const MAX_DEFAULT_THREADS = 4;
const PROGRESS_EVERY = 50_000;
/**
 * The first part, read on the calling thread, is this many bytes larger than
 * the others (at most twice their size): a worker thread first loads its
 * modules, and sends what it read when done.
 */
const FIRST_PART_EXTRA_BYTES = 32 * 2 ** 20;

/** How a file was read: in parts on several threads, or whole on one.
 *
 * @public
 */
export type FileReading = 'parts' | 'whole';

/**
 * Folds records into the aggregator. Records returned by `readCostFiles` are
 * read file by file, large plain CSV files in parallel parts; any other
 * records one batch after another.
 *
 * @public
 */
export async function aggregateRecords(
  records: AsyncIterable<CostRecord>,
  aggregator: CostAggregator,
  options: {
    onProgress?: (progress: { rows: number; file?: string }) => void;
    parallel?: ParallelReadOptions;
    /** Rows between two progress reports; default 50,000. */
    progressEvery?: number;
    /** Told how each file was read, and how many of its parts worker threads read. */
    onFile?: (file: string, reading: FileReading, workerParts: number) => void;
  } = {},
): Promise<void> {
  let file: string | undefined;
  let reported = aggregator.rows;
  const every = options.progressEvery ?? PROGRESS_EVERY;
  const progress = (rows: number) => {
    if (options.onProgress && rows - reported >= every) {
      reported = rows - (rows % every);
      options.onProgress({ rows: reported, file });
    }
  };
  const addAll = async (batches: AsyncIterable<CostRecord[]>) => {
    for await (const batch of batches) {
      for (const record of batch) {
        if (record.kind === 'file') file = record.file;
        aggregator.add(record);
      }
      progress(aggregator.rows);
    }
  };
  const read = fileReadOf(records);
  if (!read || read.options.formats) {
    await addAll(recordBatches(records));
    return;
  }
  for (const each of await resolveFiles(
    read.patterns,
    undefined,
    read.options.selection,
  )) {
    file = each;
    const base = aggregator.rows;
    const reading = await aggregateFileInParts(
      each,
      read.options,
      aggregator,
      options.parallel ?? {},
      rows => progress(base + rows),
    );
    options.onFile?.(
      each,
      reading ? reading.reading : 'whole',
      reading ? reading.workerParts : 0,
    );
    if (!reading)
      await aggregateFile(each, read.options, aggregator, undefined, {
        onRows: rows => progress(base + rows),
      });
  }
}

/**
 * Where the file's parts start: after the first line end at or past each
 * share of the file (the first share {@link FIRST_PART_EXTRA_BYTES} larger). The parse of the part before tells whether that
 * line end really ended a record (it may sit inside a quoted field).
 */
async function partRanges(
  file: string,
  size: number,
  parts: number,
): Promise<ByteRange[]> {
  const starts = [0];
  const extra = Math.min(
    FIRST_PART_EXTRA_BYTES,
    Math.floor(size / (parts + 1)),
  );
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    for (let k = 1; k < parts; k++) {
      let position = Math.max(
        extra + Math.floor(((size - extra) * k) / parts),
        starts[starts.length - 1] + 1,
      );
      let start: number | undefined;
      while (position < size && start === undefined) {
        const { bytesRead } = await handle.read(
          buffer,
          0,
          buffer.length,
          position,
        );
        if (bytesRead === 0) break;
        const lf = buffer.subarray(0, bytesRead).indexOf(10);
        if (lf >= 0) start = position + lf + 1;
        else position += bytesRead;
      }
      if (start === undefined || start >= size) break;
      starts.push(start);
    }
  } finally {
    await handle.close();
  }
  return starts.map((start, k) => ({
    start,
    end: k + 1 < starts.length ? starts[k + 1] : size,
  }));
}

/**
 * Reads a large plain CSV file in parts: the first on this thread, straight
 * into the aggregator, the others on worker threads, each into an
 * aggregator of its own, merged exactly when they are done. A part is used
 * only when the one before it ended at a record's end: when a part boundary
 * cut a record (a quoted field with a line end in it), this thread reads the
 * file on from there itself. Returns how the file was read, or undefined,
 * having read nothing, when it is not read this way (small, compressed,
 * Parquet, a single core, no worker entry point): the caller reads it.
 */
export async function aggregateFileInParts(
  file: string,
  options: ReadCostFilesOptions,
  aggregator: CostAggregator,
  parallel: ParallelReadOptions,
  onRows?: (rows: number) => void,
): Promise<{ reading: FileReading; workerParts: number } | undefined> {
  const threads = Math.floor(
    parallel.threads ??
      Math.min(
        MAX_DEFAULT_THREADS,
        os.availableParallelism?.() ?? os.cpus().length,
      ),
  );
  if (threads < 2 || options.formats) return undefined;
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile() || stat.size < (parallel.minBytes ?? DEFAULT_MIN_BYTES))
    return undefined;
  if (await isParquetFile(file)) return undefined;
  if (await isGzipFile(file)) return undefined;
  const worker = partWorker();
  if (!worker) return undefined;
  const ranges = await partRanges(file, stat.size, threads);
  if (ranges.length < 2) return undefined;

  const partOptions: PartOptions = {
    sourceType: options.sourceType,
    currency: options.currency,
    summaryOnly: aggregator.summaryOnly,
  };
  // Rows read: those in the aggregator, and those of parts still on workers.
  const base = aggregator.rows;
  const onWorkers = ranges.map(() => 0);
  const report = () =>
    onRows?.(aggregator.rows - base + onWorkers.reduce((a, b) => a + b, 0));
  const workers = ranges.slice(1).map((range, i) =>
    readPartOnWorker(
      worker,
      { kind: PART_WORKER, file, range, options: partOptions },
      n => {
        onWorkers[i + 1] = n;
        report();
      },
      parallel.warn ?? (() => {}),
    ),
  );
  const stopAll = () => workers.forEach(w => w.stop());
  options.signal?.addEventListener('abort', stopAll);
  try {
    const addPart = (part: FilePart) =>
      aggregateFile(file, options, aggregator, part, { onRows: report });
    const first: FilePart = {
      range: ranges[0],
      progress: { atRecordEnd: true, nextLine: 1 },
      continueIfCut: true,
    };
    await addPart(first);
    if (first.continued) return { reading: 'whole', workerParts: 0 };
    let lineOffset = first.progress.nextLine - 1;
    let workerParts = 0;
    for (let k = 1; k < ranges.length; k++) {
      const read = await workers[k - 1].read;
      const last = k === ranges.length - 1;
      if (read?.ok && (last || read.atRecordEnd)) {
        // A failure while merging leaves the aggregator with part of the
        // part, so the run fails then.
        const offset = lineOffset;
        onWorkers[k] = 0;
        const received = await workers[k - 1].receive(piece =>
          aggregator.mergePart(piece, offset),
        );
        if (options.signal?.aborted) throw new Error('ingestion aborted');
        if (received) {
          lineOffset += read.lines;
          workerParts++;
          continue;
        }
        // nothing of it was merged: it is read again below
        parallel.warn?.(
          `The thread reading part ${
            k + 1
          } of ${file} stopped before it had sent what it read; reading the rest on one thread`,
        );
      }
      // The part failed, cut a record or was not all sent: read the rest of
      // the file here, from this part's start (the end of a record), with
      // the file's lines.
      stopAll();
      onWorkers.fill(0);
      await addPart({
        range: { start: ranges[k].start, end: stat.size },
        progress: { atRecordEnd: true, nextLine: lineOffset + 1 },
      });
      break;
    }
    return { reading: workerParts > 0 ? 'parts' : 'whole', workerParts };
  } finally {
    options.signal?.removeEventListener('abort', stopAll);
    stopAll();
  }
}
