import { gunzipSync } from 'zlib';
import {
  Decimal,
  type ImplementationEffort,
  type RecommendationRejection,
  type RecommendationRow,
  type RecommendationSubcategory,
} from '@costwise/plugin-finops-common';
import { CsvFormatError, isGzip, parseCsv } from '../../ingestion/csv';
import { parseInstant } from '../../ingestion/instants';
import { readParquetRecords } from '../../ingestion/parquet';
import {
  type Checked,
  cell,
  currencyCell,
  parseTags,
  truncate,
} from '../../ingestion/values';
import type { RecommendationParseResult } from '../types';
import { RecommendationFileError } from './errors';

export type { Checked };
export { cell, truncate };

/** A recommendation file as a format's `parse` receives it. */
export interface RecommendationFile {
  path: string;
  content: Buffer;
}

/** What a row mapper gives: the row, the reason it is rejected, or null when it is skipped. */
export type Mapped = RecommendationRow | string | null;

// ---------------------------------------------------------------------------
// Bytes and text

/** Whether the bytes start with the Parquet magic `PAR1`. */
export function isParquetContent(content: Uint8Array): boolean {
  return (
    content.length >= 4 &&
    content[0] === 0x50 &&
    content[1] === 0x41 &&
    content[2] === 0x52 &&
    content[3] === 0x31
  );
}

/** The file's bytes, gunzipped when they are gzip-compressed (whatever the name says). */
export function decompressed(file: RecommendationFile): Buffer {
  if (!isGzip(file.content)) return file.content;
  try {
    return gunzipSync(file.content);
  } catch (error) {
    throw new RecommendationFileError(
      file.path,
      'malformed',
      `${file.path}: starts like a gzip file but cannot be decompressed (${
        (error as Error).message
      })`,
    );
  }
}

/** The file as UTF-8 text, without a byte order mark. */
export function textOf(file: RecommendationFile): string {
  const text = decompressed(file).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Whether a file's first bytes are JSON (an object or an array). */
export function looksLikeJson(head: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(head);
}

/** Whether the file's content (gunzipped, not Parquet) is JSON. */
export function isJsonContent(file: RecommendationFile): boolean {
  if (isParquetContent(file.content)) return false;
  return looksLikeJson(decompressed(file).subarray(0, 256).toString('utf8'));
}

/**
 * Whether a JSON head is a list response with no items (`{"<key>": []}`,
 * or `{}` as protobuf JSON writes an empty page): such a file has nothing
 * to recognize it by but its name.
 */
export function isEmptyList(head: string, key: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trim();
  if (text === '{}' || text === '[]') return true;
  return new RegExp(`^\\{\\s*"${key}"\\s*:\\s*\\[\\s*\\]`).test(text);
}

/** The file's name without its folders, for name hints. */
export function baseName(fileName: string): string {
  return fileName.split(/[\\/]/).pop() ?? fileName;
}

/**
 * The lower-cased column names of the first line of a CSV head (empty for
 * JSON), for detection.
 */
export function headerColumns(head: string): Set<string> {
  if (looksLikeJson(head)) return new Set();
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const end = text.search(/\r?\n/);
  const line = end < 0 ? text : text.slice(0, end);
  return new Set(
    line
      .split(',')
      .map(name => name.trim().replace(/^"|"$/g, '').trim().toLowerCase())
      .filter(name => name !== ''),
  );
}

// ---------------------------------------------------------------------------
// Tables: CSV (optionally gzip) and Parquet

/** A record of a table: its line (CSV: the file's line; Parquet: the row, 1-based) and fields. */
export interface TableRecord {
  line: number;
  fields: string[];
}

/** A table's header and records; a record that could not be read carries why. */
export interface Table {
  header: string[];
  records: Array<TableRecord | { line: number; error: string }>;
}

/**
 * Reads a CSV (gzip or not) or Parquet file into memory: recommendation
 * files are small. CSV goes through the engine's CSV reader, Parquet through
 * its Parquet reader (which turns values into the same text fields).
 */
export async function readTable(file: RecommendationFile): Promise<Table> {
  if (isParquetContent(file.content)) return readParquetTable(file.path);
  const records: TableRecord[] = [];
  let header: string[] | undefined;
  try {
    for await (const record of parseCsv(chunksOf(decompressed(file)))) {
      if (header) records.push(record);
      else header = record.fields.map(name => name.trim());
    }
  } catch (error) {
    if (error instanceof CsvFormatError)
      throw new RecommendationFileError(
        file.path,
        'malformed',
        `${file.path}: not readable as CSV: ${error.message}`,
      );
    throw error;
  }
  return { header: header ?? [], records };
}

async function* chunksOf(content: Buffer): AsyncGenerator<Buffer> {
  yield content;
}

async function readParquetTable(path: string): Promise<Table> {
  const table: Table = { header: [], records: [] };
  try {
    for await (const batch of readParquetRecords(path)) {
      for (const record of batch) {
        if (record.line === 0 && 'fields' in record)
          table.header = record.fields.map(name => name.trim());
        else table.records.push(record);
      }
    }
  } catch (error) {
    throw new RecommendationFileError(
      path,
      'malformed',
      `${path}: starts like a Parquet file but cannot be read as one (${
        (error as Error).message
      })`,
    );
  }
  return table;
}

/** The column names of a Parquet file (a `malformed` file error when it cannot be read). */
export async function parquetHeader(path: string): Promise<string[]> {
  try {
    // The header comes first: no row group is read.
    for await (const batch of readParquetRecords(path)) {
      const [first] = batch;
      if (first && first.line === 0 && 'fields' in first)
        return first.fields.map(name => name.trim());
    }
    return [];
  } catch (error) {
    throw new RecommendationFileError(
      path,
      'malformed',
      `${path}: starts like a Parquet file but cannot be read as one (${
        (error as Error).message
      })`,
    );
  }
}

/** A table's columns, looked up case-insensitively (exports and Athena tables differ in case). */
export class Columns {
  private readonly index = new Map<string, number>();

  constructor(readonly header: string[]) {
    header.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  has(name: string): boolean {
    return this.index.has(name.toLowerCase());
  }

  /** The header's own spelling of a column, for messages. */
  name(name: string): string {
    const i = this.index.get(name.toLowerCase());
    return i === undefined ? name : this.header[i];
  }

  /** The trimmed cell of a column, undefined when absent, empty or a NULL literal. */
  get(fields: string[], name: string): string | undefined {
    const i = this.index.get(name.toLowerCase());
    return i === undefined ? undefined : cell(fields[i]);
  }

  /** The first of the columns that has a value in this record, with its name. */
  first(
    fields: string[],
    names: string[],
  ): { column: string; value: string } | undefined {
    for (const name of names) {
      const value = this.get(fields, name);
      if (value !== undefined) return { column: this.name(name), value };
    }
    return undefined;
  }

  /** The first of the columns the header has. */
  present(names: string[]): string | undefined {
    const name = names.find(n => this.has(n));
    return name === undefined ? undefined : this.name(name);
  }
}

/** Why a record's field count does not match its header, or undefined when it does. */
export function widthProblem(
  record: TableRecord,
  header: string[],
): string | undefined {
  if (record.fields.length === header.length) return undefined;
  return `has ${record.fields.length} fields where the header has ${header.length}`;
}

// ---------------------------------------------------------------------------
// JSON

/** Keeps a JSON number as the text it was written with, so that amounts stay exact. */
function keepNumberText(
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  return typeof value === 'number' ? context?.source ?? String(value) : value;
}

/**
 * Parses a JSON file with every number kept as its source text (never a
 * binary double). A syntax error is a `malformed` file error naming the
 * position, line and column.
 */
export function parseJsonFile(file: RecommendationFile): unknown {
  const text = textOf(file);
  try {
    return JSON.parse(
      text,
      keepNumberText as (k: string, v: unknown) => unknown,
    );
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    let where = '';
    if (!match) {
      where = ` at position ${text.length} (the end of the file)`;
    } else if (!/line \d+/.test(message)) {
      const { line, column } = lineAndColumn(text, Number(match[1]));
      where = ` (line ${line} column ${column})`;
    }
    throw new RecommendationFileError(
      file.path,
      'malformed',
      `${file.path}: malformed JSON: ${message}${where}`,
    );
  }
}

function lineAndColumn(
  text: string,
  position: number,
): { line: number; column: number } {
  const before = text.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** A JSON object, or undefined for anything else. */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** A JSON value as trimmed text (numbers arrive as their source text); undefined when empty or not a scalar. */
export function textField(value: unknown): string | undefined {
  if (typeof value === 'string') return cell(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** The value at a path of keys, e.g. `['properties', 'shortDescription', 'problem']`. */
export function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    const object = asObject(current);
    if (!object) return undefined;
    current = object[key];
  }
  return current;
}

/**
 * The items of a list response: `{<listKey>: [...], <page token>?}` or a
 * bare array. An object without the list (an empty page, as protobuf JSON
 * omits empty lists) has none; anything else is a `malformed` file error.
 */
export function jsonItems(
  file: RecommendationFile,
  document: unknown,
  listKey: string,
  pageKey: string,
): unknown[] {
  if (Array.isArray(document)) return document;
  const object = asObject(document);
  if (object) {
    const list = object[listKey];
    if (Array.isArray(list)) return list;
    if (list === undefined && Object.keys(object).every(key => key === pageKey))
      return [];
  }
  throw new RecommendationFileError(
    file.path,
    'malformed',
    `${file.path}: expected a JSON object with a "${listKey}" array (or a bare array of recommendations)`,
  );
}

// ---------------------------------------------------------------------------
// Values

/** An optional amount: undefined when empty, the exact decimal, or why it is not a number. */
export function optionalAmount(
  column: string,
  raw: unknown,
): Checked<Decimal | undefined> {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  const text = typeof raw === 'string' ? cell(raw) : undefined;
  if (typeof raw !== 'string')
    return {
      ok: false,
      reason: `${column} is not a number: ${truncate(JSON.stringify(raw))}`,
    };
  if (text === undefined) return { ok: true, value: undefined };
  const value = Decimal.tryParse(text);
  if (!value)
    return {
      ok: false,
      reason: `${column} is not a number: '${truncate(text)}'`,
    };
  return { ok: true, value };
}

/** A required amount: the exact decimal, or why the row is rejected. */
export function requiredAmount(column: string, raw: unknown): Checked<Decimal> {
  const amount = optionalAmount(column, raw);
  if (!amount.ok) return amount;
  if (amount.value === undefined)
    return { ok: false, reason: `${column} is empty` };
  return { ok: true, value: amount.value };
}

/** A required ISO 4217 currency code, upper-cased. */
export function requiredCurrency(
  column: string,
  raw: unknown,
): Checked<string> {
  return currencyCell(
    column,
    typeof raw === 'string' ? cell(raw) : undefined,
    undefined,
  );
}

/** FOCUS's EstimatedMonthlyCostImpact of a saving: its negation, as exact text. */
export function impactOfSaving(saving: Decimal): string {
  return saving.negate().toString();
}

/**
 * `a / b`, exact when the quotient terminates (its reduced denominator has
 * only the prime factors 2 and 5), otherwise rounded half to even at
 * `digits` fractional digits. Throws a `RangeError` when `b` is zero.
 */
export function divideExact(a: Decimal, b: Decimal, digits = 6): Decimal {
  if (b.isZero()) throw new RangeError('Division by zero');
  // a / b = (|a.units| · 10^b.scale) / (|b.units| · 10^a.scale)
  const n = abs(a.units) * 10n ** BigInt(b.scale);
  let d = abs(b.units) * 10n ** BigInt(a.scale);
  d /= gcd(n, d);
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  const exactDigits = Math.max(twos, fives);
  if (d === 1n && exactDigits <= 100) return a.divide(b, exactDigits);
  return a.divide(b, digits);
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/**
 * An optional instant as ISO 8601 UTC text: ISO timestamps with or without
 * a zone, `YYYY-MM-DD HH:MM:SS`, or epoch seconds / milliseconds (SDK JSON).
 */
export function optionalInstant(
  column: string,
  raw: unknown,
): Checked<string | undefined> {
  const text = textField(raw);
  if (text === undefined) return { ok: true, value: undefined };
  if (/^\d{9,13}(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return { ok: true, value: new Date(n < 1e11 ? n * 1000 : n).toISOString() };
  }
  const instant = parseInstant(text);
  if (!instant)
    return {
      ok: false,
      reason: `${column} is not a date: '${truncate(text)}'`,
    };
  return { ok: true, value: instant.iso };
}

const EFFORTS: Record<string, ImplementationEffort> = {
  verylow: 'Very Low',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  veryhigh: 'Very High',
};

/** `VeryLow`, `very_low`, `Very Low` … as the FOCUS value; undefined when unknown. */
export function effortOf(raw: unknown): ImplementationEffort | undefined {
  const text = textField(raw);
  return text === undefined
    ? undefined
    : EFFORTS[text.toLowerCase().replace(/[^a-z]/g, '')];
}

/**
 * Tags as the sources give them: `[{key, value}]` (AWS APIs), an object, or
 * either as JSON text (exports). Undefined when there are none or they
 * cannot be read (tags only help matching; they never reject a row).
 */
export function tagsOf(raw: unknown): Record<string, string> | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    const text = cell(raw);
    if (text === undefined) return undefined;
    try {
      value = JSON.parse(text);
    } catch {
      value = parseTags(text);
    }
  }
  const tags: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      const key = textField(at(entry, 'key') ?? at(entry, 'Key'));
      const tagValue = at(entry, 'value') ?? at(entry, 'Value');
      if (key !== undefined)
        tags[key] = typeof tagValue === 'string' ? tagValue : '';
    }
  } else {
    const object = asObject(value);
    if (!object) return undefined;
    for (const [key, tagValue] of Object.entries(object)) {
      if (tagValue === null || tagValue === undefined) continue;
      tags[key] =
        typeof tagValue === 'string' ? tagValue : JSON.stringify(tagValue);
    }
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** JSON text of a configuration: text as given, objects serialized; undefined when empty. */
export function configurationText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return cell(raw);
  if (raw === null || raw === undefined) return undefined;
  return JSON.stringify(raw);
}

/**
 * Whether a recommendation must name its resource: all but commitment
 * purchases (a Savings Plan or reservation is bought for an account, not a
 * resource).
 */
export function needsResource(subcategory: RecommendationSubcategory): boolean {
  return subcategory !== 'Commitment Purchase';
}

/**
 * A subcategory from a recommendation's words (Azure Advisor's problem and
 * solution, a sub-category name): right-sizing first ("Right-size or
 * shutdown underutilized virtual machines" is right-sizing), then
 * commitments, idle resources, scaling and modernization.
 */
export function subcategoryFromText(text: string): RecommendationSubcategory {
  const t = text.toLowerCase();
  if (/right[- ]?siz|resiz|downsiz|underutili[sz]ed|overprovision/.test(t))
    return 'Rightsizing';
  if (
    /reserved instance|reserved capacity|reservation|savings plan|commitment/.test(
      t,
    )
  )
    return 'Commitment Purchase';
  if (
    /\bidle\b|shut ?down|\bdelete\b|\bunused\b|unattached|orphan|\bstop\b/.test(
      t,
    )
  )
    return 'Idle Resource Removal';
  if (/auto-?scal|scale (in|down)/.test(t)) return 'Scaling';
  if (/upgrade|newer generation|modern|migrate to/.test(t))
    return 'Modernization';
  return 'Other';
}

// ---------------------------------------------------------------------------
// Results

/**
 * Collects a file's rows and rejections. A RecommendationId seen twice is
 * rejected the second time (the store keys recommendations by it).
 */
export class ResultCollector {
  private readonly rows: RecommendationRow[] = [];
  private readonly rejected: RecommendationRejection[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly format: string,
    /** How positions are named in reasons: CSV lines or JSON items. */
    private readonly unit: 'line' | 'item',
  ) {}

  reject(line: number, reason: string): void {
    this.rejected.push({ line, reason });
  }

  /** Adds what a row mapper gave for the record at `line`. */
  add(line: number, mapped: Mapped): void {
    if (mapped === null) return;
    if (typeof mapped === 'string') {
      this.reject(line, mapped);
      return;
    }
    const first = this.seen.get(mapped.RecommendationId);
    if (first !== undefined) {
      this.reject(
        line,
        `duplicate RecommendationId '${truncate(
          mapped.RecommendationId,
        )}' (first at ${this.unit} ${first})`,
      );
      return;
    }
    this.seen.set(mapped.RecommendationId, line);
    this.rows.push(compact(mapped));
  }

  result(): RecommendationParseResult {
    return { format: this.format, rows: this.rows, rejected: this.rejected };
  }
}

/** The row without its undefined and empty optional fields. */
function compact(row: RecommendationRow): RecommendationRow {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === undefined) continue;
    if (value === '' && key !== 'RecommendationDescription') continue;
    out[key] = value;
  }
  return out as unknown as RecommendationRow;
}

/** An ARN's parts (`arn:partition:service:region:account:resource`), or undefined. */
export function arnParts(arn: string | undefined):
  | {
      service: string;
      region: string;
      account: string;
      resource: string;
    }
  | undefined {
  const m = arn ? /^arn:[^:]+:([^:]*):([^:]*):([^:]*):(.+)$/.exec(arn) : null;
  if (!m) return undefined;
  return { service: m[1], region: m[2], account: m[3], resource: m[4] };
}
