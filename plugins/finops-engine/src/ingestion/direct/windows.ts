import { promises as fs } from 'fs';
import { isGzipFile, openMaybeGzip } from '../csv';
import type { FilePart } from '../reader';

/** Bytes read at a time. */
export const CHUNK_BYTES = 1 << 20;

/**
 * A file's bytes, a window at a time: each window starts with the bytes of
 * the last that were not consumed (a record cut by the window's end),
 * followed by the next bytes read.
 */
export interface ByteWindows {
  /** The next window, `consumed` bytes of the last having been used; undefined at the end. */
  next(consumed: number): Promise<Buffer | undefined>;
  /** What the last window left unconsumed, once `next` has returned undefined. */
  rest(): Buffer;
  close(): Promise<void>;
}

/**
 * The windows of a part of a plain file, read into one buffer that is
 * reused (grown only for a record longer than it): no allocation per chunk.
 * When the part asks for it and its range ends inside a record, reading
 * goes on to the end of the file (see {@link FilePart}).
 */
export async function fileWindows(
  file: string,
  part: FilePart,
  chunkBytes: number,
): Promise<ByteWindows> {
  const handle = await fs.open(file, 'r');
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let position = part.range.start;
  let limit = part.range.end;
  let length = 0; // bytes of the current window
  let kept = 0;
  return {
    async next(consumed) {
      kept = length - consumed;
      if (kept > 0 && consumed > 0) buffer.copyWithin(0, consumed, length);
      length = kept;
      if (position >= limit && kept > 0 && part.continueIfCut) {
        const { size } = await handle.stat();
        if (size > limit) {
          part.continued = true;
          limit = size;
        }
      }
      if (position >= limit) return undefined;
      if (kept === buffer.length) {
        const grown = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(grown, 0, 0, kept);
        buffer = grown;
      }
      const want = Math.min(buffer.length - kept, limit - position);
      const { bytesRead } = await handle.read(buffer, kept, want, position);
      if (bytesRead === 0) {
        limit = position; // the file is shorter than it was
        return undefined;
      }
      position += bytesRead;
      length = kept + bytesRead;
      return buffer.subarray(0, length);
    },
    rest: () => buffer.subarray(0, kept),
    close: () => handle.close(),
  };
}

/** The windows of a whole file, gunzipped when it is gzip-compressed. */
export async function wholeFileWindows(
  file: string,
  chunkBytes: number,
): Promise<ByteWindows> {
  if (!(await isGzipFile(file))) {
    const { size } = await fs.stat(file);
    return fileWindows(
      file,
      {
        range: { start: 0, end: size },
        progress: { atRecordEnd: true, nextLine: 1 },
      },
      chunkBytes,
    );
  }
  const stream = (await openMaybeGzip(
    file,
    chunkBytes,
  )) as AsyncIterable<Buffer> & NodeJS.ReadableStream;
  const chunks = stream[Symbol.asyncIterator]();
  let window: Buffer = Buffer.alloc(0);
  let kept: Buffer = window;
  return {
    async next(consumed) {
      kept = window.subarray(consumed);
      const chunk = await chunks.next();
      if (chunk.done) return undefined;
      window =
        kept.length > 0 ? Buffer.concat([kept, chunk.value]) : chunk.value;
      return window;
    },
    rest: () => kept,
    close: async () => {
      await chunks.return?.();
    },
  };
}
