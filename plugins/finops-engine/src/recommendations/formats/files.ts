import { gunzipSync } from 'zlib';
import { CsvFormatError, isGzip, parseCsv } from '../../ingestion/csv';
import { readParquetRecords } from '../../ingestion/parquet';
import { cell } from '../../ingestion/values';
import { RecommendationFileError } from './errors';

// Bytes, text and tables (CSV, optionally gzip, and Parquet) of a recommendation file.

/** A recommendation file as a format's `parse` receives it. */
export interface RecommendationFile {
  path: string;
  content: Buffer;
}

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
