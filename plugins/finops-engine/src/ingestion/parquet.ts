import { promises as fs } from 'fs';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
} from 'hyparquet';

/** Whether the file starts with the Parquet magic bytes `PAR1`. */
export async function isParquetFile(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.toString('latin1') === 'PAR1';
  } finally {
    await handle.close();
  }
}

/** A row of a Parquet file turned into CSV-like text fields, or why it cannot be. */
export type ParquetRecord =
  | { line: number; fields: string[] }
  | { line: number; error: string };

interface ColumnInfo {
  name: string;
  decimalScale?: number;
}

function columnsOf(metadata: any): ColumnInfo[] {
  // The first schema element is the root; its direct children are the columns.
  const [root, ...elements] = metadata.schema as any[];
  const columns: ColumnInfo[] = [];
  let index = 0;
  for (let c = 0; c < (root.num_children ?? 0); c++) {
    const element = elements[index];
    const decimal =
      element.converted_type === 'DECIMAL' ||
      element.logical_type?.type === 'DECIMAL';
    columns.push({
      name: element.name,
      decimalScale: decimal ? element.scale ?? 0 : undefined,
    });
    index += 1 + countDescendants(elements, index);
  }
  return columns;
}

function countDescendants(elements: any[], index: number): number {
  let total = 0;
  const children = elements[index].num_children ?? 0;
  let next = index + 1;
  for (let i = 0; i < children; i++) {
    const sub = countDescendants(elements, next);
    total += 1 + sub;
    next += 1 + sub;
  }
  return total;
}

/**
 * A Parquet DECIMAL arrives as a binary double (unscaled / 10^scale). It is
 * turned back into the exact decimal when the unscaled integer fits a double
 * exactly; otherwise the row is refused rather than rounded.
 */
function decimalText(value: number, scale: number): string | Error {
  const unscaled = value * 10 ** scale;
  if (
    !Number.isFinite(unscaled) ||
    Math.abs(unscaled) > Number.MAX_SAFE_INTEGER
  ) {
    return new Error(
      `a DECIMAL value (${value}) has more digits than can be read exactly`,
    );
  }
  return Decimal.fromUnits(BigInt(Math.round(unscaled)), scale).toString();
}

function toText(value: unknown, column: ColumnInfo): string | Error {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (column.decimalScale !== undefined)
      return decimalText(value, column.decimalScale);
    return String(value); // a DOUBLE: its shortest round-trip decimal
  }
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return JSON.stringify(Object.fromEntries(value));
  if (Array.isArray(value)) {
    // map<string,string> columns can arrive as key/value entries
    if (value.every(e => e && typeof e === 'object' && 'key' in e)) {
      return JSON.stringify(
        Object.fromEntries(value.map((e: any) => [e.key, e.value])),
      );
    }
    return JSON.stringify(value);
  }
  if (typeof value === 'object')
    return JSON.stringify(value, (_k, v) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
  return String(value);
}

function toRecord(
  row: Record<string, unknown>,
  line: number,
  columns: ColumnInfo[],
): ParquetRecord {
  const fields: string[] = [];
  for (const column of columns) {
    const text = toText(row[column.name], column);
    if (text instanceof Error)
      return { line, error: `${column.name}: ${text.message}` };
    fields.push(text);
  }
  return { line, fields };
}

/**
 * Reads a Parquet file one row group at a time (memory bounded by the largest
 * row group), yielding the header and then each row as text fields, so that
 * the CSV formats' validation applies unchanged. Map columns (Tags in AWS
 * exports) become JSON object strings.
 */
export async function* readParquetRecords(
  file: string,
): AsyncGenerator<ParquetRecord[]> {
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const columns = columnsOf(metadata);
  yield [{ line: 0, fields: columns.map(c => c.name) }];
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = (await parquetReadObjects({
      file: buffer,
      metadata,
      rowStart,
      rowEnd,
    })) as Record<string, unknown>[];
    const firstLine = rowStart + 1;
    yield rows.map((row, i) => toRecord(row, firstLine + i, columns));
    rowStart = rowEnd;
  }
}
