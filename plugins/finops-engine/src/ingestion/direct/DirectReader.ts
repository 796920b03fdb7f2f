import type { NormalizedCostRow } from '@costwise/plugin-finops-common';
import {
  lastParsedScale,
  lastParsedUnits,
  parsePlainBytes,
} from '../../model/exactSum';
import { CostAggregator, DirectKey } from '../aggregate';
import { focusCells, FocusCells, focusFormat } from '../formats/focus';
import type { CostFileFormat, RowMapper } from '../formats';
import { cell } from '../values';
import { Instant, instantAt, parseInstant } from '../instants';
import {
  CsvFormatError,
  CsvLimits,
  DEFAULT_CSV_LIMITS,
  fieldTooLong,
} from '../csv';
import type { ReadCostFilesOptions } from '../reader';
import { mapperForHeader } from '../reader';
import {
  DOUBLED,
  INCOMPLETE,
  otherRuns,
  RecordFields,
  scanRecord,
  TAIL,
} from './records';

/** Progress is told every 512 records. */
export const PROGRESS_MASK = 511;

/** Combinations of the other cells remembered, at most (then forgotten and learnt again). */
export const MAX_KNOWN_CELLS = 50_000;

/** An earlier accepted row's other cells (the bytes of their runs, one after the other) and what they map to. */
interface KnownCells {
  bytes: Uint8Array;
  view: DataView;
  /** Where each run's bytes end. */
  ends: Int32Array;
  key: DirectKey;
  next: KnownCells | undefined;
}

/** The state of reading one file (or part) straight into an aggregator. */
export class DirectReader {
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
    private readonly limits: CsvLimits = DEFAULT_CSV_LIMITS,
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
      // only a record longer than a field may be is looked at field by field
      if (next - p > this.limits.maxFieldBytes) this.checkFields(recordLine);
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

  /** Refuses a record one of whose fields is longer than the limit. */
  private checkFields(line: number) {
    const { inner, count } = this.fields;
    for (let k = 0; k < count; k++)
      if (inner[2 * k + 1] - inner[2 * k] > this.limits.maxFieldBytes)
        throw new CsvFormatError(fieldTooLong('field', line, this.limits));
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
