import { Decimal } from '@costwise/plugin-finops-common';

/** Reads CSV text (RFC 4180 quoting) into its header and rows keyed by column. */
export function parseCsv(text: string): {
  header: string[];
  rows: Record<string, string>[];
} {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field || record.length) records.push([...record, field]);
  const [header, ...rows] = records;
  return {
    header,
    rows: rows.map(r => Object.fromEntries(header.map((h, i) => [h, r[i]]))),
  };
}

/** Exact sums of a column per value of another, in key order. */
export function sumBy(
  rows: Record<string, string>[],
  key: string,
  amount: string,
): Record<string, string> {
  const sums = new Map<string, Decimal>();
  for (const r of rows)
    sums.set(
      r[key],
      (sums.get(r[key]) ?? Decimal.ZERO).add(Decimal.parse(r[amount])),
    );
  return Object.fromEntries(
    [...sums.keys()].sort().map(k => [k, sums.get(k)!.toString()]),
  );
}
