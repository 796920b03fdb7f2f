import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  NormalizedCostRow,
  RejectedRow,
} from '@costwise/plugin-finops-common';

/**
 * What a cost source yields while it reads: accepted rows (normalized to
 * FOCUS), rejected rows with a reason, and progress.
 *
 * @public
 */
export type CostRecord =
  | { kind: 'row'; row: NormalizedCostRow; file: string; line: number }
  | { kind: 'rejected'; rejection: RejectedRow }
  | { kind: 'file'; file: string; format: string };

/**
 * How a configured source is read.
 *
 * @public
 */
export interface CostSourceReadOptions {
  /** The `location` of the source: a path or glob for file sources. */
  location: string;
  /** The currency to assume when the export has none. */
  currency?: string;
  /** Aborts a long read. */
  signal?: AbortSignal;
}

/**
 * A type of cost source (`focus`, `aws-cur`, ... or one a module adds). It
 * reads a location and yields normalized rows; it never writes.
 *
 * @public
 */
export interface CostSourceType {
  /** The value of `finops.sources[].type` this reader serves. */
  type: string;
  read(options: CostSourceReadOptions): AsyncIterable<CostRecord>;
}

/**
 * Lets modules add cost source types to the finops backend.
 *
 * @public
 */
export interface CostSourcesExtensionPoint {
  addSourceType(...sourceTypes: CostSourceType[]): void;
}

/**
 * The extension point for cost source types.
 *
 * @public
 */
export const costSourcesExtensionPoint =
  createExtensionPoint<CostSourcesExtensionPoint>({
    id: 'finops.sources',
  });
