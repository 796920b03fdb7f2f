import type { NormalizedCostRow } from '@costwise/plugin-finops-common';

/**
 * Maps one CSV record to a normalized row, or to the reason it is rejected.
 *
 * @public
 */
export type RowMapper = (fields: string[]) => NormalizedCostRow | string;

/** A file format Costwise can read: how to recognize it and how to map its rows.
 *
 * @public
 */
export interface CostFileFormat {
  /** Source type that reads this format (`focus`, `aws-cur`, `azure-export`, `oci`). */
  sourceType: string;
  /** Human name used in messages. */
  label: string;
  /** Columns whose presence identifies the format, as shown in error messages. */
  requiredColumns: string[];
  /** Whether a header row is this format. */
  detect(header: string[]): boolean;
  /** Builds the row mapper for this header; throws an Error naming missing columns. */
  createMapper(header: string[], options: { currency?: string }): RowMapper;
}

/** Index of each column name in a header (first occurrence, trimmed). */
export function columnIndex(header: string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}
