/**
 * The format of a cost file, told by its header, and the errors a file is
 * reported with when it cannot be read.
 */
import { CsvFormatError } from './csv';
import { BUILTIN_FORMATS, CostFileFormat, RowMapper } from './formats';
import { CostFileError, ReadCostFilesOptions } from './costFiles';

function describeExpected(formats: CostFileFormat[]): string {
  return formats
    .map(f => `${f.label} (columns ${f.requiredColumns.join(', ')})`)
    .join('; or ');
}

function looksBinary(fields: string[]): boolean {
  const text = fields.join(',');
  if (text.includes('\u0000')) return true;
  let odd = 0;
  for (let i = 0; i < Math.min(text.length, 2000); i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code < 32 && code !== 9)) odd++;
  }
  return odd > 8;
}

/** The formats a file may be read as, given the options; throws when none. */
export function formatCandidates(
  file: string,
  options: ReadCostFilesOptions,
): CostFileFormat[] {
  const all = options.formats ?? BUILTIN_FORMATS;
  const candidates = options.sourceType
    ? all.filter(f => f.sourceType === options.sourceType)
    : all;
  if (candidates.length === 0)
    throw new CostFileError(
      file,
      `no reader for source type '${options.sourceType}'`,
    );
  return candidates;
}

/**
 * The format a header names and the row mapper for it; throws
 * {@link CostFileError} when the header is binary, of no known format or
 * lacks a mandatory column.
 */
export function mapperForHeader(
  file: string,
  fields: string[],
  candidates: CostFileFormat[],
  options: ReadCostFilesOptions,
): { format: CostFileFormat; mapper: RowMapper } {
  if (looksBinary(fields)) {
    throw new CostFileError(
      file,
      `binary content, not a CSV cost export; expected ${describeExpected(
        candidates,
      )}`,
    );
  }
  const format = candidates.find(f => f.detect(fields));
  if (!format) {
    const found = fields
      .slice(0, 8)
      .map(f => f.trim())
      .join(', ');
    throw new CostFileError(
      file,
      `not a cost export: expected ${describeExpected(
        candidates,
      )}; found columns ${found}${fields.length > 8 ? ', …' : ''}`,
    );
  }
  try {
    return {
      format,
      mapper: format.createMapper(fields, { currency: options.currency }),
    };
  } catch (error) {
    throw new CostFileError(
      file,
      `not a valid ${format.label}: ${(error as Error).message}`,
    );
  }
}

/** The error a failed read of a file is reported as: a {@link CostFileError} where it is the file's fault. */
export function readError(file: string, error: unknown): unknown {
  if (error instanceof CostFileError) return error;
  if (error instanceof CsvFormatError)
    return new CostFileError(file, `malformed CSV: ${error.message}`);
  const code = (error as NodeJS.ErrnoException)?.code;
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new CostFileError(
      file,
      `corrupt gzip data (${(error as Error).message})`,
    );
  return error;
}

/** The error for a file without even a header. */
export function emptyFileError(
  file: string,
  candidates: CostFileFormat[],
): CostFileError {
  return new CostFileError(
    file,
    `empty file; expected ${describeExpected(candidates)}`,
  );
}
