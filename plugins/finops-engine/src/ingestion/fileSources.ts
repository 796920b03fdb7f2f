import type { CostSourceType } from '@costwise/plugin-finops-node';
import { BUILTIN_FORMATS } from './formats';
import { readCostFiles } from './reader';

/**
 * A source type reading files (path or glob) of one built-in format.
 *
 * @public
 */
export function createFileSourceType(type: string): CostSourceType {
  return {
    type,
    read: ({ location, currency, signal }) =>
      readCostFiles([location], { sourceType: type, currency, signal }),
  };
}

/** The file source types built into the backend, one per built-in format.
 *
 * @public
 */
export function builtinFileSourceTypes(): CostSourceType[] {
  return [...new Set(BUILTIN_FORMATS.map(f => f.sourceType))].map(
    createFileSourceType,
  );
}
