import { awsCurFormat } from './awsCur';
import { azureExportFormat } from './azureExport';
import { focusFormat } from './focus';
import { ociFormat } from './oci';
import type { CostFileFormat } from './types';

/**
 * The file formats built into the backend, most specific first. Provider
 * formats are detected before FOCUS because some carry FOCUS-like columns.
 *
 * @public
 */
export const BUILTIN_FORMATS: CostFileFormat[] = [
  awsCurFormat,
  azureExportFormat,
  ociFormat,
  focusFormat,
];

export type { CostFileFormat, RowMapper } from './types';
