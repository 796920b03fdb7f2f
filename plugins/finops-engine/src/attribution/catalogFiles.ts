import { promises as fs } from 'fs';
import path from 'path';
import fg from 'fast-glob';
import { parseAllDocuments } from 'yaml';
import type { Entity } from '@backstage/catalog-model';

/**
 * A catalog file that could not be read as Backstage entity YAML.
 *
 * @public
 */
export class CatalogFileError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'CatalogFileError';
  }
}

/** Files to read, each marked with whether it was named explicitly. */
async function resolveCatalogFiles(
  patterns: string[],
  cwd: string,
): Promise<Map<string, boolean>> {
  const files = new Map<string, boolean>();
  const found = (list: string[]) => {
    for (const f of list) if (!files.has(f)) files.set(f, false);
  };
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isFile()) {
      files.set(absolute, true);
    } else if (stat?.isDirectory()) {
      found(
        await fg('**/*.{yaml,yml}', {
          cwd: absolute,
          absolute: true,
          ignore: ['**/node_modules/**'],
        }),
      );
    } else if (fg.isDynamicPattern(pattern)) {
      found(await fg(pattern.replace(/\\/g, '/'), { cwd, absolute: true }));
    } else {
      throw new CatalogFileError(pattern, 'no such file or directory');
    }
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entities of one multi-document YAML text; throws a
 * {@link CatalogFileError} naming the file when it is not entity YAML.
 * With `skipForeign`, documents without `apiVersion` and `kind` (such as an
 * app-config found in a directory) are skipped instead.
 *
 * @public
 */
export function parseCatalogYaml(
  text: string,
  file: string,
  options: { skipForeign?: boolean } = {},
): Entity[] {
  const entities: Entity[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    const where = `document ${index + 1}`;
    if ('errors' in doc && doc.errors.length > 0) {
      const error = doc.errors[0];
      const line = error.linePos?.[0]?.line;
      throw new CatalogFileError(
        file,
        `invalid YAML${line ? ` at line ${line}` : ''}: ${
          error.message.split('\n')[0]
        }`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    const foreign =
      !isRecord(value) ||
      (value.kind === undefined && value.apiVersion === undefined);
    if (foreign && options.skipForeign) return;
    if (
      !isRecord(value) ||
      typeof value.kind !== 'string' ||
      !isRecord(value.metadata)
    ) {
      throw new CatalogFileError(
        file,
        `${where} is not an entity (no kind or metadata)`,
      );
    }
    if (typeof value.metadata.name !== 'string' || !value.metadata.name) {
      throw new CatalogFileError(
        file,
        `${where} (${value.kind}) has no metadata.name`,
      );
    }
    if (value.kind.toLowerCase() === 'location') return;
    entities.push(value as unknown as Entity);
  });
  return entities;
}

/**
 * Reads Backstage entity YAML files (multi-document, as `catalog-info.yaml`)
 * from files, directories or globs; `Location` entities are skipped, and so
 * are YAML documents that are not entities in files found by a directory or
 * glob (a named file must hold only entities).
 *
 * @public
 */
export async function readCatalogFiles(
  patterns: string[],
  cwd = process.cwd(),
): Promise<Entity[]> {
  const entities: Entity[] = [];
  for (const [file, named] of await resolveCatalogFiles(patterns, cwd)) {
    const text = await fs.readFile(file, 'utf8').catch(error => {
      throw new CatalogFileError(file, (error as Error).message);
    });
    entities.push(...parseCatalogYaml(text, file, { skipForeign: !named }));
  }
  return entities;
}
