import type { CostSourceType } from '@costwise/plugin-finops-node';
import { BUILTIN_FORMATS } from './formats';
import type { CsvLimits } from './csv';
import { FileSelection, readCostFiles } from './reader';

/**
 * How the backend's file sources choose their files: symbolic links are
 * left alone unless followed on purpose, and a file modified in the last
 * `settleMs` (an export still being written) waits for the next run.
 *
 * @public
 */
export interface FileSourceOptions {
  followSymlinks?: boolean;
  /** Default 60,000 (a minute); 0 reads files however recent. */
  settleMs?: number;
  /** Told each file left out, and why. */
  onSkip?: (file: string, reason: string) => void;
  /** The current time, epoch ms (tests set it). */
  now?: () => number;
  /** The longest record and field of a CSV file. */
  limits?: Partial<CsvLimits>;
}

/**
 * A source type reading files (path or glob) of one built-in format.
 *
 * @public
 */
export function createFileSourceType(
  type: string,
  options: FileSourceOptions = {},
): CostSourceType {
  return {
    type,
    read: ({ location, currency, signal }) => {
      const settle = options.settleMs ?? 60_000;
      const selection: FileSelection = {
        followSymlinks: options.followSymlinks ?? false,
        modifiedBefore:
          settle > 0 ? (options.now ?? Date.now)() - settle : undefined,
        onSkip: options.onSkip,
      };
      return readCostFiles([location], {
        sourceType: type,
        currency,
        signal,
        selection,
        limits: options.limits,
      });
    },
  };
}

/** The file source types built into the backend, one per built-in format.
 *
 * @public
 */
export function builtinFileSourceTypes(
  options: FileSourceOptions = {},
): CostSourceType[] {
  return [...new Set(BUILTIN_FORMATS.map(f => f.sourceType))].map(type =>
    createFileSourceType(type, options),
  );
}
