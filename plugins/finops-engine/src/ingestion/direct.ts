import { isAscii } from 'buffer';
import { promises as fs } from 'fs';
import type { NormalizedCostRow } from '@costwise/plugin-finops-common';
import { CostAggregator, DirectKey } from './aggregate';
import { CsvFormatError, isGzipFile, openMaybeGzip } from './csv';
import {
  lastParsedScale,
  lastParsedUnits,
  parsePlainBytes,
} from '../model/exactSum';
import { focusCells, FocusCells, focusFormat } from './formats/focus';
import type { CostFileFormat, RowMapper } from './formats';
import { isParquetFile } from './parquet';
import {
  CostFileError,
  emptyFileError,
  FilePart,
  formatCandidates,
  mapperForHeader,
  readCsvHeader,
  readError,
  readFileBatches,
  ReadCostFilesOptions,
} from './reader';
import { cell, Instant, instantAt, parseInstant } from './values';

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

/** Field flags: quoted; with doubled quotes inside; with text after the closing quote. */
const QUOTED = 1;
const DOUBLED = 2;
const TAIL = 4;
const DOUBLED_QUOTES = /""/g;

/** Progress is told every 512 records. */
const PROGRESS_MASK = 511;

/** Combinations of the other cells remembered, at most (then forgotten and learnt again). */
const MAX_KNOWN_CELLS = 50_000;

/** An earlier accepted row's other cells (the bytes of their runs, one after the other) and what they map to. */
interface KnownCells {
  bytes: Uint8Array;
  view: DataView;
  /** Where each run's bytes end. */
  ends: Int32Array;
  key: DirectKey;
  next: KnownCells | undefined;
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * The fields of one CSV record as positions in a chunk's bytes: for field
 * `k`, the bytes between the quotes (or all of it) are `inner[2k]` to
 * `inner[2k+1]`, the whole field, quotes included, `outer[2k]` to
 * `outer[2k+1]`.
 */
class RecordFields {
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
function otherRuns(columns: number[]): Int32Array {
  const runs: number[] = [];
  for (const k of columns) {
    if (runs.length > 0 && runs[runs.length - 1] === k - 1)
      runs[runs.length - 1] = k;
    else runs.push(k, k);
  }
  return Int32Array.from(runs);
}

/** What {@link scanRecord} returns when the record goes on past the bytes it was given. */
const INCOMPLETE = -1;

/**
 * Scans the record starting at `from` into `fields`. Returns the position
 * after its line end, or {@link INCOMPLETE} when the text ends before the
 * record does and more may come (`end` false). At the end of the input a
 * record without a line end ends with the text; an open quote there is an
 * error. Quoting follows RFC 4180 as `parseCsvBatches` reads it: a quote
 * opens a quoted field only as its first character; text after a closing
 * quote belongs to the field; a quote inside an unquoted field is literal.
 */
function scanRecord(
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

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 20;

/**
 * A file's bytes, a window at a time: each window starts with the bytes of
 * the last that were not consumed (a record cut by the window's end),
 * followed by the next bytes read.
 */
interface ByteWindows {
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
async function fileWindows(
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
async function wholeFileWindows(
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

/** The state of reading one file (or part) straight into an aggregator. */
class DirectReader {
  private mapper: RowMapper | undefined;
  private cells: FocusCells | undefined;
  private readonly fields = new RecordFields();
  private readonly known = new Map<number, KnownCells>();
  private knownCount = 0;
  private readonly units = new Float64Array(5);
  private readonly scales = new Int32Array(5);
  /**
   * The other cells as runs of adjacent columns, first and last column of
   * each: the bytes of a run, commas included, are compared at once (equal
   * bytes from the start of a field are read as the same fields).
   */
  private runs = new Int32Array(0);
  /** A view of the bytes being read. */
  private view = new DataView(new ArrayBuffer(0));
  /** The last billing period start cell's bytes (length -1: none) and instant: most rows repeat it. */
  private readonly lastBilling = new Uint8Array(64);
  private lastBillingLength = -1;
  private lastBillingInstant: Instant | undefined;
  /** The line the next record starts on. */
  line = 1;
  /** Records scanned. */
  private scanned = 0;
  /** Whether the last record scanned was a record (not a blank line). */
  lastWasRecord = false;

  constructor(
    private readonly file: string,
    private readonly aggregator: CostAggregator,
    private readonly candidates: CostFileFormat[],
    private readonly options: ReadCostFilesOptions,
    private readonly maxKnown: number,
    private readonly progress: (() => void) | undefined,
  ) {}

  get hasHeader(): boolean {
    return this.mapper !== undefined;
  }

  setHeader(header: string[], announce: boolean) {
    const { format, mapper } = mapperForHeader(
      this.file,
      header,
      this.candidates,
      this.options,
    );
    this.mapper = mapper;
    this.cells = format === focusFormat ? focusCells(header) : undefined;
    this.runs = otherRuns(this.cells?.other ?? []);
    if (announce)
      this.aggregator.add({
        kind: 'file',
        file: this.file,
        format: format.sourceType,
      });
  }

  /**
   * Reads the records of `bytes` from `from`; returns where the first
   * record it could not finish starts (their length when none).
   */
  records(
    bytes: Buffer,
    from: number,
    end: boolean,
    firstLine: number,
  ): number {
    const fields = this.fields;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    this.view = view;
    let p = from;
    let line = firstLine;
    this.line = line;
    while (p < bytes.length) {
      const next = scanRecord(bytes, p, end, fields, line);
      if (next === INCOMPLETE) break;
      const recordLine = line;
      line += fields.newlines + 1;
      if ((++this.scanned & PROGRESS_MASK) === 0) this.progress?.();
      p = next;
      this.line = line;
      this.lastWasRecord = !fields.blank();
      if (!this.lastWasRecord) continue;
      if (!this.mapper) {
        this.setHeader(fields.texts(bytes), true);
      } else if (!this.cells || !this.addParsed(bytes)) {
        this.addMapped(bytes, recordLine);
      }
    }
    return p;
  }

  /** Adds a row through the format's mapper, as the record reader does. */
  private addMapped(bytes: Buffer, line: number) {
    const result = this.mapper!(this.fields.texts(bytes));
    if (typeof result === 'string') {
      this.aggregator.add({
        kind: 'rejected',
        rejection: { file: this.file, line, reason: result },
      });
      return;
    }
    const accepted = this.aggregator.accepted;
    this.aggregator.add({ kind: 'row', row: result, file: this.file, line });
    if (this.cells && this.aggregator.accepted > accepted)
      this.remember(bytes, result);
  }

  /** Remembers the other cells of an accepted row. */
  private remember(bytes: Buffer, row: NormalizedCostRow) {
    if (this.knownKey(bytes)) return;
    if (this.knownCount >= this.maxKnown) {
      this.known.clear();
      this.knownCount = 0;
    }
    const runs = this.runs;
    const outer = this.fields.outer;
    const ends = new Int32Array(runs.length / 2);
    let length = 0;
    for (let r = 0; r < runs.length; r += 2) {
      length += outer[2 * runs[r + 1] + 1] - outer[2 * runs[r]];
      ends[r / 2] = length;
    }
    const copy = new Uint8Array(length);
    for (let r = 0; r < runs.length; r += 2) {
      copy.set(
        bytes.subarray(outer[2 * runs[r]], outer[2 * runs[r + 1] + 1]),
        r === 0 ? 0 : ends[r / 2 - 1],
      );
    }
    const hash = this.otherHash(bytes);
    this.known.set(hash, {
      bytes: copy,
      view: new DataView(copy.buffer),
      ends,
      key: this.aggregator.directKeyOf(row),
      next: this.known.get(hash),
    });
    this.knownCount++;
  }

  /** A hash of the bytes of the other cells, read four at a time. */
  private otherHash(bytes: Uint8Array): number {
    const runs = this.runs;
    const outer = this.fields.outer;
    const view = this.view;
    let h = 0x811c9dc5;
    for (let r = 0; r < runs.length; r += 2) {
      const s = outer[2 * runs[r]];
      const e = outer[2 * runs[r + 1] + 1];
      h = Math.imul(h ^ (e - s), 0x01000193);
      let i = s;
      for (; i + 4 <= e; i += 4)
        h = Math.imul(h ^ view.getInt32(i, true), 0x01000193);
      for (; i < e; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    }
    return h;
  }

  /** What an earlier accepted row with the same other cells mapped to. */
  private knownKey(bytes: Uint8Array): DirectKey | undefined {
    if (this.knownCount === 0) return undefined;
    let known = this.known.get(this.otherHash(bytes));
    while (known !== undefined && !this.sameCells(known, bytes))
      known = known.next;
    return known?.key;
  }

  /** Whether the record's other cells are byte for byte those remembered. */
  private sameCells(known: KnownCells, bytes: Uint8Array): boolean {
    const runs = this.runs;
    const outer = this.fields.outer;
    const view = this.view;
    const saved = known.bytes;
    const savedView = known.view;
    const ends = known.ends;
    let at = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const s = outer[2 * runs[r]];
      const length = outer[2 * runs[r + 1] + 1] - s;
      if (ends[r / 2] - at !== length) return false;
      let i = 0;
      for (; i + 4 <= length; i += 4)
        if (savedView.getInt32(at + i, true) !== view.getInt32(s + i, true))
          return false;
      for (; i < length; i++) if (saved[at + i] !== bytes[s + i]) return false;
      at += length;
    }
    return true;
  }

  /**
   * Parses a plain decimal cell into amount `m`; false when the cell is
   * anything else (the mapper's path then reads the row).
   */
  private amount(bytes: Uint8Array, k: number, m: number): boolean {
    const fields = this.fields;
    if (fields.flags[k] & (DOUBLED | TAIL)) return false;
    if (!parsePlainBytes(bytes, fields.inner[2 * k], fields.inner[2 * k + 1]))
      return false;
    this.units[m] = lastParsedUnits();
    this.scales[m] = lastParsedScale();
    return true;
  }

  /** Whether cell `k` is empty (absent columns count as empty). */
  private empty(k: number): boolean {
    const fields = this.fields;
    return (
      k < 0 ||
      (fields.inner[2 * k] === fields.inner[2 * k + 1] &&
        !(fields.flags[k] & TAIL))
    );
  }

  /** The instant in cell `k`, as the mapper reads it; undefined when it is empty or no date. */
  private instant(bytes: Buffer, k: number): Instant | undefined {
    const fields = this.fields;
    if (!(fields.flags[k] & (DOUBLED | TAIL))) {
      const fast = instantAt(
        bytes,
        fields.inner[2 * k],
        fields.inner[2 * k + 1],
      );
      if (fast) return fast;
    }
    const value = cell(fields.text(bytes, k));
    return value === undefined ? undefined : parseInstant(value);
  }

  /** {@link DirectReader.instant} of a cell that most rows repeat. */
  private billingInstant(bytes: Buffer, k: number): Instant | undefined {
    const fields = this.fields;
    const s = fields.inner[2 * k];
    const n = fields.inner[2 * k + 1] - s;
    const plain = !(fields.flags[k] & (DOUBLED | TAIL));
    const last = this.lastBilling;
    if (plain && n === this.lastBillingLength) {
      let i = 0;
      while (i < n && bytes[s + i] === last[i]) i++;
      if (i === n) return this.lastBillingInstant;
    }
    const instant = this.instant(bytes, k);
    if (plain && n <= last.length) {
      last.set(bytes.subarray(s, s + n));
      this.lastBillingLength = n;
      this.lastBillingInstant = instant;
    } else {
      this.lastBillingLength = -1;
    }
    return instant;
  }

  private copyAmount(from: number, to: number) {
    this.units[to] = this.units[from];
    this.scales[to] = this.scales[from];
  }

  /**
   * Adds a FOCUS row whose cells it can read here; false, having added
   * nothing, when the mapper's path must read it.
   */
  private addParsed(bytes: Buffer): boolean {
    const c = this.cells!;
    const fields = this.fields;
    if (fields.count !== c.width) return false;
    if (!this.amount(bytes, c.billed, 0)) return false;
    if (c.effective < 0) this.copyAmount(0, 1);
    else if (!this.amount(bytes, c.effective, 1)) return false;
    // as the mapper: an empty ListCost is the BilledCost, an empty ContractedCost the ListCost
    if (this.empty(c.list)) this.copyAmount(0, 2);
    else if (!this.amount(bytes, c.list, 2)) return false;
    if (this.empty(c.contracted)) this.copyAmount(2, 3);
    else if (!this.amount(bytes, c.contracted, 3)) return false;
    let hasQuantity = false;
    if (!this.empty(c.quantity)) {
      if (!this.amount(bytes, c.quantity, 4)) return false;
      // the mapper keeps a quantity in its shortest form
      let units = this.units[4];
      let scale = this.scales[4];
      while (scale > 0 && units % 10 === 0) {
        units /= 10;
        scale--;
      }
      this.units[4] = units === 0 ? 0 : units;
      this.scales[4] = units === 0 ? 0 : scale;
      hasQuantity = true;
    }
    if (this.empty(c.start) || this.empty(c.end)) return false;
    const start = this.instant(bytes, c.start);
    if (!start) return false;
    const end = this.instant(bytes, c.end);
    if (!end || end.ms < start.ms) return false;
    let period = start.month;
    if (!this.empty(c.billingStart)) {
      const billing = this.billingInstant(bytes, c.billingStart);
      if (billing) period = billing.month;
      else if (cell(fields.text(bytes, c.billingStart)) !== undefined)
        return false; // not a date
    }
    const key = this.knownKey(bytes);
    if (!key) return false;
    this.aggregator.addDirect(
      key,
      period,
      start,
      this.units,
      this.scales,
      hasQuantity,
    );
    return true;
  }
}

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
  const reader = new DirectReader(
    file,
    aggregator,
    candidates,
    options,
    fileOptions.maxKnownCells ?? MAX_KNOWN_CELLS,
    onRows && (() => onRows(aggregator.rows - base)),
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
