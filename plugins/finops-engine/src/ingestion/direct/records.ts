import { isAscii } from 'buffer';
import { CsvFormatError } from '../csv';

/** Field flags: quoted; with doubled quotes inside; with text after the closing quote. */
export const QUOTED = 1;
export const DOUBLED = 2;
export const TAIL = 4;
const DOUBLED_QUOTES = /""/g;

/**
 * The fields of one CSV record as positions in a chunk's bytes: for field
 * `k`, the bytes between the quotes (or all of it) are `inner[2k]` to
 * `inner[2k+1]`, the whole field, quotes included, `outer[2k]` to
 * `outer[2k+1]`.
 */
export class RecordFields {
  count = 0;
  start = 0;
  end = 0;
  inner = new Int32Array(128);
  outer = new Int32Array(128);
  flags = new Uint8Array(64);
  /** Line ends inside quoted fields. */
  newlines = 0;

  reset(start: number) {
    this.count = 0;
    this.newlines = 0;
    this.start = start;
  }

  push(
    outerStart: number,
    innerStart: number,
    innerEnd: number,
    outerEnd: number,
    flags: number,
  ) {
    const k = this.count++;
    if (2 * k + 2 > this.inner.length) {
      const inner = new Int32Array(this.inner.length * 2);
      inner.set(this.inner);
      this.inner = inner;
      const outer = new Int32Array(this.outer.length * 2);
      outer.set(this.outer);
      this.outer = outer;
      const f = new Uint8Array(this.flags.length * 2);
      f.set(this.flags);
      this.flags = f;
    }
    this.inner[2 * k] = innerStart;
    this.inner[2 * k + 1] = innerEnd;
    this.outer[2 * k] = outerStart;
    this.outer[2 * k + 1] = outerEnd;
    this.flags[k] = flags;
  }

  /** The value of field `k`, as the CSV parser gives it. */
  text(bytes: Buffer, k: number, ascii = false): string {
    const flags = this.flags[k];
    const encoding = ascii ? 'latin1' : 'utf8';
    let value = bytes.toString(
      encoding,
      this.inner[2 * k],
      this.inner[2 * k + 1],
    );
    if (flags & DOUBLED) value = value.replace(DOUBLED_QUOTES, '"');
    if (flags & TAIL)
      value += bytes.toString(
        encoding,
        this.inner[2 * k + 1] + 1,
        this.outer[2 * k + 1],
      );
    return value;
  }

  /** The values of every field. */
  texts(bytes: Buffer): string[] {
    const ascii = isAscii(bytes.subarray(this.start, this.end));
    const out = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) out[k] = this.text(bytes, k, ascii);
    return out;
  }

  /** Whether the record is a blank line (one empty field). */
  blank(): boolean {
    return (
      this.count === 1 &&
      this.inner[0] === this.inner[1] &&
      !(this.flags[0] & TAIL)
    );
  }
}

/** Sorted columns as runs of adjacent ones: the first and last column of each run, one pair after the other. */
export function otherRuns(columns: number[]): Int32Array {
  const runs: number[] = [];
  for (const k of columns) {
    if (runs.length > 0 && runs[runs.length - 1] === k - 1)
      runs[runs.length - 1] = k;
    else runs.push(k, k);
  }
  return Int32Array.from(runs);
}

/** What {@link scanRecord} returns when the record goes on past the bytes it was given. */
export const INCOMPLETE = -1;

/**
 * Scans the record starting at `from` into `fields`. Returns the position
 * after its line end, or {@link INCOMPLETE} when the text ends before the
 * record does and more may come (`end` false). At the end of the input a
 * record without a line end ends with the text; an open quote there is an
 * error. Quoting follows RFC 4180 as `parseCsvBatches` reads it: a quote
 * opens a quoted field only as its first character; text after a closing
 * quote belongs to the field; a quote inside an unquoted field is literal.
 */
export function scanRecord(
  bytes: Uint8Array,
  from: number,
  end: boolean,
  fields: RecordFields,
  line: number,
): number {
  const n = bytes.length;
  fields.reset(from);
  let p = from;
  for (;;) {
    const fieldStart = p;
    let innerStart = p;
    let innerEnd = -1;
    let flags = 0;
    if (p < n && bytes[p] === 34) {
      flags = QUOTED;
      innerStart = p + 1;
      let q = innerStart;
      for (;;) {
        while (q < n) {
          const c = bytes[q];
          if (c === 34) break;
          if (c === 10) fields.newlines++;
          q++;
        }
        if (q >= n) {
          if (!end) return INCOMPLETE;
          throw new CsvFormatError(
            `unterminated quoted field starting on line ${line}`,
          );
        }
        if (q + 1 >= n && !end) return INCOMPLETE; // a doubled quote or the closing one
        if (q + 1 < n && bytes[q + 1] === 34) {
          flags |= DOUBLED;
          q += 2;
          continue;
        }
        break;
      }
      innerEnd = q;
      p = q + 1;
      if (p < n) {
        const c = bytes[p];
        if (c !== 44 && c !== 10 && c !== 13) flags |= TAIL;
      }
    }
    // An unquoted field, or the tail after a closing quote: up to the next comma or line end.
    while (p < n) {
      const c = bytes[p];
      if (c <= 44 && (c === 44 || c === 10 || c === 13)) break;
      p++;
    }
    if (innerEnd < 0) innerEnd = p;
    if (p >= n) {
      if (!end) return INCOMPLETE;
      fields.push(fieldStart, innerStart, innerEnd, p, flags);
      fields.end = n;
      return n;
    }
    fields.push(fieldStart, innerStart, innerEnd, p, flags);
    const c = bytes[p];
    if (c === 44) {
      p++;
      continue;
    }
    fields.end = p;
    if (c === 13) {
      if (p + 1 >= n) return end ? n : INCOMPLETE; // CR, or the CR of a CRLF
      if (bytes[p + 1] === 10) p++;
    }
    return p + 1;
  }
}
