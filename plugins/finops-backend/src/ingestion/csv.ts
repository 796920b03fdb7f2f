import { createReadStream } from 'fs';
import { createGunzip } from 'zlib';
import { StringDecoder } from 'string_decoder';

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

/** Whether a buffer starts with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return (
    head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
  );
}

/**
 * Opens a file as a stream of bytes, gunzipping it when it is gzip-compressed
 * (whatever its name says).
 */
export async function openMaybeGzip(
  path: string,
): Promise<NodeJS.ReadableStream> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const stream = createReadStream(path, { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    stream.on('data', c => chunks.push(c as Buffer));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  return isGzip(head) ? raw.pipe(createGunzip()) : raw;
}

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
 * Like {@link parseCsv}, but yields the records in arrays of up to a few
 * hundred: one asynchronous step per batch instead of one per record, which
 * matters at millions of rows.
 */
export async function* parseCsvBatches(
  input: AsyncIterable<Buffer | string>,
): AsyncGenerator<CsvRecord[]> {
  const decoder = new StringDecoder('utf8');
  let fields: string[] = [];
  let count = 0; // fields of the current record so far
  let width = 0; // fields of the previous record: the next one is sized for as many
  let field = '';
  let inQuotes = false;
  let quoteClosed = false; // the current field had a closing quote
  let line = 1; // physical line we are on
  let recordLine = 1;
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
  if (field !== '' || count > 0) {
    fields[count++] = field;
    if (count !== fields.length) fields.length = count;
    yield [{ line: recordLine, fields }];
  }
}

/** The index of `char` in `text` from `from`, or the text's length when none. */
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
