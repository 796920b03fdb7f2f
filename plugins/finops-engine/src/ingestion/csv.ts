import { isAscii } from 'buffer';
import { createReadStream, promises as fs } from 'fs';
import { createGunzip } from 'zlib';

/** A parsed CSV record and the 1-based line on which it started. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Thrown when a file cannot be read as CSV at all (binary content, unterminated quote). */
export class CsvFormatError extends Error {}

const GZIP_MAGIC = [0x1f, 0x8b];
const DOUBLED_QUOTES = /""/g;
/**
 * Records per yielded batch: small enough that a batch's rows die young (the
 * garbage collector copies whatever is alive at a minor collection).
 */
const BATCH_RECORDS = 256;
/** Bytes read at a time from a file. */
const CHUNK_BYTES = 1 << 20;

/** Bytes `start` (inclusive) to `end` (exclusive) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The bytes of a part of a plain file (a gzip stream cannot be entered in the middle). */
export function readRange(
  path: string,
  range: ByteRange,
): AsyncIterable<Buffer> {
  return createReadStream(path, {
    start: range.start,
    end: range.end - 1,
    highWaterMark: CHUNK_BYTES,
  });
}

/** Whether a buffer starts with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return (
    head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
  );
}

/** Whether a file starts with the gzip magic number (whatever its name says). */
export async function isGzipFile(path: string): Promise<boolean> {
  const head = Buffer.alloc(2);
  const handle = await fs.open(path, 'r');
  try {
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return isGzip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Opens a file as a stream of bytes, gunzipping it when it is gzip-compressed
 * (whatever its name says).
 */
export async function openMaybeGzip(
  path: string,
  chunkBytes = CHUNK_BYTES,
): Promise<NodeJS.ReadableStream> {
  const gzip = await isGzipFile(path);
  const raw = createReadStream(path, { highWaterMark: chunkBytes });
  return gzip
    ? raw.pipe(
        createGunzip({
          chunkSize: Math.max(64, Math.min(chunkBytes, 1 << 16)),
        }),
      )
    : raw;
}

/**
 * Decodes UTF-8 chunks into text, carrying a character split across two
 * chunks over to the next. Decoding whole chunks with `Buffer#toString` is
 * several times faster than `StringDecoder`, which matters at gigabytes.
 */
export class Utf8Chunks {
  private carry: Buffer | undefined;

  write(chunk: Buffer): string {
    let bytes = chunk;
    if (this.carry) {
      bytes = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    // Plain ASCII (most exports) decodes many times faster as such.
    if (isAscii(bytes)) return bytes.toString('ascii');
    const end = completeUtf8Length(bytes);
    if (end < bytes.length) {
      this.carry = Buffer.from(bytes.subarray(end));
      return bytes.toString('utf8', 0, end);
    }
    return bytes.toString('utf8');
  }

  /** What is left: an incomplete character becomes U+FFFD, as a decoder ends it. */
  end(): string {
    const rest = this.carry;
    this.carry = undefined;
    return rest ? rest.toString('utf8') : '';
  }
}

/**
 * The length of the longest prefix of `bytes` that does not end inside a
 * UTF-8 character: the start of a multi-byte sequence among the last three
 * bytes that lacks some of its continuation bytes is left out.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if (b < 0x80) return n; // ASCII: complete
    if (b >= 0xc0) {
      // lead byte: how many bytes its sequence needs
      let need = 2;
      if (b >= 0xf0) need = 4;
      else if (b >= 0xe0) need = 3;
      return need > back ? n - back : n;
    }
    // continuation byte: look further back
  }
  return n;
}

/**
 * The longest record and field a CSV file may hold. An unmatched quote near
 * the top of a file would otherwise make the rest of it one field, held in
 * memory; a file beyond them fails with a message naming the line.
 *
 * @public
 */
export interface CsvLimits {
  /** Default 1 MiB. */
  maxRecordBytes: number;
  /** Default 256 KiB. */
  maxFieldBytes: number;
}

/** @public */
export const DEFAULT_CSV_LIMITS: CsvLimits = {
  maxRecordBytes: 1024 * 1024,
  maxFieldBytes: 256 * 1024,
};

/**
 * Streams RFC 4180 CSV records out of byte chunks: quoted fields with
 * doubled quotes and embedded newlines, CRLF or LF line ends, a UTF-8 BOM.
 * Memory is bounded by the chunk size and the longest record, not by the file.
 */
export async function* parseCsv(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<CsvRecord> {
  for await (const batch of parseCsvBatches(input)) yield* batch;
}

/**
 * Where a CSV parse stands after the chunks it has read so far: updated after
 * each chunk, and at the end of the input.
 */
export interface CsvProgress {
  /** Whether the text so far ends exactly at the end of a record (not inside a field or a quote). */
  atRecordEnd: boolean;
  /** The line the next record starts on; its value when the parse starts is the first record's line. */
  nextLine: number;
}

/**
 * Like {@link parseCsv}, but yields the records in arrays of up to a few
 * hundred: one asynchronous step per batch instead of one per record, which
 * matters at millions of rows. `progress`, when given, is kept up to date.
 */
export async function* parseCsvBatches(
  input: AsyncIterable<Buffer | string>,
  progress?: CsvProgress,
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
): AsyncGenerator<CsvRecord[]> {
  const decoder = new Utf8Chunks();
  let fields: string[] = [];
  let count = 0; // fields of the current record so far
  let width = 0; // fields of the previous record: the next one is sized for as many
  let field = '';
  let inQuotes = false;
  let quoteClosed = false; // the current field had a closing quote
  let line = progress?.nextLine ?? 1; // physical line we are on
  let recordLine = line;
  let first = true;
  let pending = '';

  for await (const chunk of input) {
    let text =
      pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    pending = '';
    if (first) {
      if (text.length === 0) continue;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let out: CsvRecord[] = [];
    let i = 0;
    const n = text.length;
    let nextComma = -1;
    let nextLf = -1;
    let nextCr = -1;
    while (i < n) {
      if (inQuotes) {
        // Find the closing quote, stepping over doubled ones, and take the
        // field in one slice (one replace when it has doubled quotes).
        let doubled = false;
        let q = text.indexOf('"', i);
        while (q !== -1 && q + 1 < n && text.charCodeAt(q + 1) === 34) {
          doubled = true;
          q = text.indexOf('"', q + 2);
        }
        const stop = q === -1 ? n : q;
        line += countNewlines(text, i, stop);
        const part = text.slice(i, stop);
        field += doubled ? part.replace(DOUBLED_QUOTES, '"') : part;
        if (q === -1) {
          i = n;
          break;
        }
        if (q + 1 >= n) {
          // Cannot tell a doubled quote from a closing one yet.
          pending = '"';
          i = n;
          break;
        }
        inQuotes = false;
        quoteClosed = true;
        i = q + 1;
        continue;
      }
      // A quote opens a quoted field only at its start.
      if (text.charCodeAt(i) === 34 && field.length === 0 && !quoteClosed) {
        inQuotes = true;
        i++;
        continue;
      }
      // Unquoted: the field runs to the next comma or line end (a quote
      // inside it is kept literally). The next position of each is looked up
      // with indexOf, again only once passed.
      if (nextComma < i) nextComma = indexOrEnd(text, ',', i);
      if (nextLf < i) nextLf = indexOrEnd(text, '\n', i);
      if (nextCr < i) nextCr = indexOrEnd(text, '\r', i);
      let j = nextComma < nextLf ? nextComma : nextLf;
      if (nextCr < j) j = nextCr;
      if (j > i) {
        field += text.slice(i, j);
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 44) {
        if (field.length > limits.maxFieldBytes)
          throw new CsvFormatError(fieldTooLong('field', recordLine, limits));
        fields[count++] = field;
        field = '';
        quoteClosed = false;
        i++;
      } else {
        // CR or LF ends the record; CRLF counts once.
        if (c === 13) {
          if (i + 1 >= n) {
            pending = '\r';
            i = n;
            break;
          }
          if (text.charCodeAt(i + 1) === 10) i++;
        }
        i++;
        if (field.length > limits.maxFieldBytes)
          throw new CsvFormatError(fieldTooLong('field', recordLine, limits));
        fields[count++] = field;
        field = '';
        quoteClosed = false;
        if (count !== fields.length) fields.length = count;
        if (!(count === 1 && fields[0] === '')) {
          width = count;
          out.push({ line: recordLine, fields });
          if (out.length >= BATCH_RECORDS) {
            yield out;
            out = [];
          }
        }
        fields = width > 0 ? new Array<string>(width) : [];
        count = 0;
        line++;
        recordLine = line;
      }
    }
    if (progress) {
      progress.atRecordEnd =
        !inQuotes && pending === '' && field === '' && count === 0;
      progress.nextLine = line;
    }
    // a record still open after the chunk must stay within the limits
    if (field.length > limits.maxFieldBytes)
      throw new CsvFormatError(fieldTooLong('field', recordLine, limits));
    if (count > 0 || field.length > 0) {
      let length = field.length;
      for (let f = 0; f < count; f++) length += fields[f].length + 1;
      if (length > limits.maxRecordBytes)
        throw new CsvFormatError(fieldTooLong('record', recordLine, limits));
    }
    if (out.length > 0) yield out;
  }
  const rest = pending + decoder.end();
  if (rest === '\r' || rest === '') {
    // nothing left but a line end
  } else if (rest === '"' && inQuotes) {
    inQuotes = false;
  } else {
    field += rest;
  }
  if (inQuotes) {
    throw new CsvFormatError(
      `unterminated quoted field starting on line ${recordLine}`,
    );
  }
  const last = field !== '' || count > 0;
  if (progress) {
    progress.atRecordEnd = !last;
    progress.nextLine = last ? line + 1 : line;
  }
  if (last) {
    fields[count++] = field;
    if (count !== fields.length) fields.length = count;
    yield [{ line: recordLine, fields }];
  }
}

/** The index of `char` in `text` from `from`, or the text's length when none. */
/** Why a record or field is over the limits, naming its line and what to do. */
export function fieldTooLong(
  what: 'record' | 'field',
  line: number,
  limits: CsvLimits,
): string {
  const limit =
    what === 'record' ? limits.maxRecordBytes : limits.maxFieldBytes;
  return `the ${what} starting on line ${line} is longer than ${limit.toLocaleString(
    'en-US',
  )} bytes (finops.ingestion.${
    what === 'record' ? 'maxRecordBytes' : 'maxFieldBytes'
  }): an unmatched quote near that line may have made the rest of the file one field`;
}

function indexOrEnd(text: string, char: string, from: number): number {
  const k = text.indexOf(char, from);
  return k === -1 ? text.length : k;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (
    let k = text.indexOf('\n', from);
    k !== -1 && k < to;
    k = text.indexOf('\n', k + 1)
  )
    count++;
  return count;
}
