import { createReadStream } from 'fs';
import {
  Decimal,
  type NormalizedCostRow,
  type RejectedRow,
} from '@costwise/plugin-finops-common';
import { parseCsv } from '../../csv';
import { readCostFile } from '../../reader';

/** Reads a file through the format detection and mapping under test. */
export async function read(file: string) {
  const rows: NormalizedCostRow[] = [];
  const rejected: RejectedRow[] = [];
  let format: string | undefined;
  for await (const record of readCostFile(file)) {
    if (record.kind === 'row') rows.push(record.row);
    else if (record.kind === 'rejected') rejected.push(record.rejection);
    else format = record.format;
  }
  return { rows, rejected, format };
}

/** The file's header and records as column-name → value objects, read independently of the format. */
export async function table(file: string) {
  const records: string[][] = [];
  for await (const record of parseCsv(createReadStream(file)))
    records.push(record.fields);
  const [header, ...data] = records;
  return {
    header,
    records: data.map(fields =>
      Object.fromEntries(header.map((name, i) => [name, fields[i]])),
    ),
  };
}

/** Exact sums of a measure of normalized rows, per currency. */
export function totals(
  rows: NormalizedCostRow[],
  pick: (r: NormalizedCostRow) => string,
): Record<string, string> {
  const sums: Record<string, Decimal> = {};
  for (const r of rows)
    sums[r.billingCurrency] = (sums[r.billingCurrency] ?? Decimal.ZERO).add(
      Decimal.parse(pick(r)),
    );
  return Object.fromEntries(
    Object.entries(sums).map(([k, v]) => [k, v.toString()]),
  );
}
