import type {
  RecommendationRejection,
  RecommendationRow,
} from '@costwise/plugin-finops-common';

/** What reading one recommendation file gives. @public */
export interface RecommendationParseResult {
  /** The format's id, e.g. `aws-cost-optimization-hub`. */
  format: string;
  rows: RecommendationRow[];
  rejected: RecommendationRejection[];
}

/**
 * A file format of recommendations: detected from the file's name and first
 * bytes, read into normalized rows with a reason for each rejected one.
 *
 * @public
 */
export interface RecommendationFormat {
  id: string;
  /** Human name, e.g. "AWS Compute Optimizer (CSV export)". */
  title: string;
  /** Whether the file looks like this format (name and the first 64 KiB, decompressed). */
  detect(fileName: string, head: string): boolean;
  parse(file: {
    path: string;
    content: Buffer;
  }): Promise<RecommendationParseResult>;
}
