/**
 * The worker threads that read parts of a file: where their entry point
 * is, how one is started, and the messages by which it reports its rows
 * and sends what it read.
 */
import { existsSync } from 'fs';
import { Worker } from 'worker_threads';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { AggregatePart } from './aggregate';
import {
  PartRead,
  PartWorkerData,
  PartWorkerMessage,
  SEND_PART,
} from './parallelWorker';

const WORKER_YOUNG_GENERATION_MB = 48;

/** How to start a part worker: its entry file, or code to evaluate that loads it. */
export interface PartWorkerEntry {
  file: string;
  code?: string;
}

/**
 * The worker thread's entry point next to this module (`.ts` when running
 * from source, built JavaScript otherwise) and the Node options it needs;
 * undefined when there is none.
 */
export function partWorker(): PartWorkerEntry | undefined {
  const fromSource = __filename.endsWith('.ts');
  let file: string;
  try {
    file = resolvePackagePath(
      '@costwise/plugin-finops-engine',
      fromSource
        ? 'src/ingestion/parallelWorker.ts'
        : 'dist/ingestion/parallelWorker.cjs.js',
    );
  } catch {
    return undefined;
  }
  if (!existsSync(file)) return undefined;
  // The worker inherits the process's Node options (a worker refuses some
  // of them, such as V8 flags, when they are given to it explicitly).
  if (!fromSource || process.execArgv.some(a => a.includes('nodeTransform')))
    return { file };
  // From source without the TypeScript transform (tests): load it first.
  try {
    const transform = require.resolve(
      '@backstage/cli/config/nodeTransform.cjs',
    );
    return {
      file,
      code: `require(${JSON.stringify(transform)}); require(${JSON.stringify(
        file,
      )});`,
    };
  } catch {
    return undefined;
  }
}

/** A part being read on a worker thread. */
export interface WorkerPart {
  /** How the read ended; undefined when the worker failed to run or was stopped. */
  read: Promise<PartRead | undefined>;
  /** Merges what the worker read, once it has all come; false if it did not. */
  receive(merge: (piece: AggregatePart) => void): Promise<boolean>;
  stop(): void;
}

/** Starts reading a part on a worker thread. */
export function readPartOnWorker(
  worker: PartWorkerEntry,
  data: PartWorkerData,
  onRows: (rows: number) => void,
  warn: (message: string) => void,
): WorkerPart {
  let thread: Worker | undefined;
  // What the worker read, asked for piece by piece as soon as it has read
  // its part (while this thread still reads the part before), kept until
  // that part is known to end at a record's end.
  const pieces: AggregatePart[] = [];
  let sent = false;
  // settles when the worker has sent everything, or has exited without
  let finished: Promise<void> = Promise.resolve();
  let finish = () => {};
  const read = new Promise<PartRead | undefined>(resolve => {
    try {
      thread = new Worker(worker.code ?? worker.file, {
        eval: worker.code !== undefined,
        workerData: data,
        // a young generation of a fixed size: the default grows larger than
        // short-lived rows need, and the process holds two heaps
        resourceLimits: {
          maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
        },
      });
    } catch (error) {
      warn(
        `Cannot start a thread to read part of ${
          data.file
        }, reading it on one thread: ${(error as Error).message}`,
      );
      resolve(undefined);
      return;
    }
    const started = thread;
    finished = new Promise(done => {
      finish = done;
      started.once('exit', () => done());
    });
    started.on('message', (message: PartWorkerMessage) => {
      if (message.type === 'rows') {
        onRows(message.rows);
      } else if (message.type === 'read') {
        resolve(message.read);
        if (message.read.ok) started.postMessage(SEND_PART);
      } else if (message.type === 'piece') {
        pieces.push(message.piece);
        started.postMessage(SEND_PART);
      } else {
        sent = true;
        finish();
      }
    });
    started.on('error', (error: unknown) =>
      warn(
        `The thread reading part of ${
          data.file
        } failed, reading the rest on one thread: ${(error as Error).message}`,
      ),
    );
    started.once('exit', () => resolve(undefined));
  });
  return {
    read,
    receive: async merge => {
      if (!thread) return false;
      // messages arrive in order: once it says all is sent, all is here
      await finished;
      const received = pieces.splice(0);
      if (!sent) return false;
      for (const piece of received) merge(piece);
      return true;
    },
    stop: () => {
      pieces.length = 0;
      thread?.terminate();
    },
  };
}
