import type {
  RecommendationRejection,
  RecommendationRow,
} from '@costwise/plugin-finops-common';
import { type Checked, cell, truncate } from '../../ingestion/values';
import type { RecommendationParseResult } from '../types';

/**
 * What the formats share: reading files and tables (`./files`), JSON
 * (`./json`), field values (`./values`) and collecting a file's rows and
 * rejections (here).
 */
export * from './files';
export * from './json';
export * from './values';
export type { Checked };
export { cell, truncate };

/** What a row mapper gives: the row, the reason it is rejected, or null when it is skipped. */
export type Mapped = RecommendationRow | string | null;

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
