/**
 * Which files a location names: paths, folders and globs expanded, symbolic
 * links followed or skipped, and files still being written left for the
 * next run.
 */
import fg from 'fast-glob';
import { promises as fs } from 'fs';
import path from 'path';
import type { CsvLimits } from './csv';
import type { CostFileFormat } from './formats';

/** A file that could not be read as a cost export at all.
 *
 * @public
 */
export class CostFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'CostFileError';
  }
}

/**
 * Options of {@link readCostFiles}.
 *
 * @public
 */
export interface ReadCostFilesOptions {
  /** Restricts the files to one source type's format (`focus`, `aws-cur`, ...). */
  sourceType?: string;
  /** Currency assumed where the export has none. */
  currency?: string;
  /** Formats to choose from; defaults to the built-in ones. */
  formats?: CostFileFormat[];
  signal?: AbortSignal;
  /** Which files to read, and which to leave: see {@link FileSelection}. */
  selection?: FileSelection;
  /** The longest record and field read: see `CsvLimits`. */
  limits?: Partial<CsvLimits>;
}

/**
 * Which of the files a location names are read. By default every file is,
 * as a user who names a file on the command line means it; the backend's
 * file sources skip symbolic links and files still being written.
 *
 * @public
 */
export interface FileSelection {
  /** Read files (and folders) that are symbolic links. Default true. */
  followSymlinks?: boolean;
  /** Skip files modified at or after this time (epoch ms): an export may still be written. */
  modifiedBefore?: number;
  /** Told each file left out, and why. */
  onSkip?: (file: string, reason: string) => void;
}

/** Expands paths and globs into a sorted, de-duplicated list of files.
 *
 * @public
 */
export async function resolveFiles(
  patterns: string[],
  cwd = process.cwd(),
  selection: FileSelection = {},
): Promise<string[]> {
  const follow = selection.followSymlinks ?? true;
  const files = new Set<string>();
  const found: Array<{ file: string; symlink: boolean }> = [];
  const globbed = async (globs: string[], base: string) => {
    for (const entry of await fg(globs, {
      cwd: base,
      absolute: true,
      objectMode: true,
      followSymbolicLinks: follow,
      // links are listed too, to be read or said to be skipped
      onlyFiles: false,
    })) {
      if (entry.dirent.isDirectory()) continue;
      found.push({ file: entry.path, symlink: entry.dirent.isSymbolicLink() });
    }
  };
  const skipped: string[] = [];
  const skip = (file: string, reason: string) => {
    skipped.push(`${path.basename(file)}: ${reason}`);
    selection.onSkip?.(file, reason);
  };
  for (const pattern of patterns) {
    const before = found.length;
    const absolute = path.resolve(cwd, pattern);
    const link = await fs.lstat(absolute).catch(() => undefined);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isFile()) {
      found.push({ file: absolute, symlink: Boolean(link?.isSymbolicLink()) });
    } else if (stat?.isDirectory()) {
      if (link?.isSymbolicLink() && !follow) {
        skip(absolute, 'a symbolic link, not followed');
        continue;
      }
      await globbed(
        ['**/*.csv', '**/*.csv.gz', '**/*.gz', '**/*.parquet'],
        absolute,
      );
    } else if (fg.isDynamicPattern(pattern)) {
      await globbed([pattern.replace(/\\/g, '/')], cwd);
    } else {
      throw new CostFileError(pattern, 'no such file');
    }
    // a location that names nothing is more likely a mistake than no costs
    if (found.length === before)
      throw new CostFileError(
        pattern,
        stat?.isDirectory()
          ? 'no cost files (.csv, .csv.gz, .gz, .parquet) in this folder'
          : 'no file matches this pattern',
      );
  }
  for (const { file, symlink } of found) {
    if (symlink && !follow) {
      skip(file, 'a symbolic link, not followed');
      continue;
    }
    // a link (followed) to a folder is no file to read
    if (symlink && !(await fs.stat(file).catch(() => undefined))?.isFile())
      continue;
    if (selection.modifiedBefore !== undefined) {
      const modified = (await fs.stat(file).catch(() => undefined))?.mtimeMs;
      if (modified !== undefined && modified >= selection.modifiedBefore) {
        skip(
          file,
          `modified ${Math.round(
            (Date.now() - modified) / 1000,
          )} s ago: it may still be written; read on the next run`,
        );
        continue;
      }
    }
    files.add(file);
  }
  if (files.size === 0 && skipped.length > 0)
    throw new CostFileError(
      patterns.join(', '),
      `no file to read now; ${skipped.length} left out (${skipped
        .slice(0, 3)
        .join('; ')}${skipped.length > 3 ? '; …' : ''})`,
    );
  return [...files].sort();
}
