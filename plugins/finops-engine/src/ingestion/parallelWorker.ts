import { isMainThread, parentPort, workerData } from 'worker_threads';
import { AggregatePart, CostAggregator } from './aggregate';
import { ByteRange, CsvFormatError } from './csv';
import { aggregateFile } from './direct';
import { CostFileError, FilePart } from './reader';

/** Marks the data of a worker thread reading a part of a cost file. */
export const PART_WORKER = 'costwise-ingestion-part';

/** The options a part is read with (plain data). */
export interface PartOptions {
  sourceType?: string;
  currency?: string;
  summaryOnly?: boolean;
}

/** What a part worker is started with. */
export interface PartWorkerData {
  kind: typeof PART_WORKER;
  file: string;
  range: ByteRange;
  options: PartOptions;
}

/** How reading a part ended. */
export type PartRead =
  | {
      ok: true;
      /** Whether the part ended at the end of a record (else its range cut a record in two). */
      atRecordEnd: boolean;
      /** Lines the part spans. */
      lines: number;
    }
  | { ok: false; message: string };

/**
 * Messages from a part worker: rows read so far; how the read ended; then,
 * each time it is asked with {@link SEND_PART}, the next piece of what it
 * read, and the end.
 */
export type PartWorkerMessage =
  | { type: 'rows'; rows: number }
  | { type: 'read'; read: PartRead }
  | { type: 'piece'; piece: AggregatePart }
  | { type: 'sent' };

/** The message asking a worker that has read its part for the next piece of it. */
export const SEND_PART = 'send';

/** Reads a byte range of a plain CSV cost file into an aggregator of its own. */
export async function readPart(
  data: PartWorkerData,
  onRows: (rows: number) => void,
): Promise<{ read: PartRead; aggregator: CostAggregator }> {
  const aggregator = new CostAggregator({
    summaryOnly: data.options.summaryOnly,
  });
  const part: FilePart = {
    range: data.range,
    progress: { atRecordEnd: true, nextLine: 1 },
  };
  try {
    let reported = 0;
    await aggregateFile(
      data.file,
      { sourceType: data.options.sourceType, currency: data.options.currency },
      aggregator,
      part,
      {
        onRows: rows => {
          if (rows - reported < 20_000) return;
          reported = rows;
          onRows(rows);
        },
      },
    );
    const read: PartRead = {
      ok: true,
      atRecordEnd: part.progress.atRecordEnd,
      lines: part.progress.nextLine - 1,
    };
    return { read, aggregator };
  } catch (error) {
    // The caller reads the file on from this part's start itself, and
    // reports the error with the file's own line numbers.
    const known =
      error instanceof CostFileError || error instanceof CsvFormatError;
    return {
      read: {
        ok: false,
        message: known
          ? (error as Error).message
          : String((error as Error)?.stack ?? error),
      },
      aggregator,
    };
  }
}

// Run when this module is a worker thread's entry point.
if (!isMainThread && parentPort && workerData?.kind === PART_WORKER) {
  const port = parentPort;
  const post = (message: PartWorkerMessage) => port.postMessage(message);
  readPart(workerData as PartWorkerData, rows =>
    post({ type: 'rows', rows }),
  ).then(({ read, aggregator }) => {
    post({ type: 'read', read });
    if (!read.ok) {
      port.close();
      return;
    }
    // One piece per request: the main thread asks for the next once it has
    // taken the last.
    const pieces = aggregator.exportParts();
    port.on('message', message => {
      if (message !== SEND_PART) return;
      const next = pieces.next();
      if (next.done) {
        post({ type: 'sent' });
        port.close();
      } else {
        // the fact columns' buffers move to the main thread without a copy
        const transfer = next.value.periods.flatMap(p =>
          p.facts
            ? [
                p.facts.day.buffer,
                p.facts.group.buffer,
                p.facts.small.buffer,
                p.facts.scale.buffer,
                p.facts.rowCount.buffer,
              ]
            : [],
        );
        port.postMessage(
          { type: 'piece', piece: next.value } satisfies PartWorkerMessage,
          transfer,
        );
      }
    });
  });
}
