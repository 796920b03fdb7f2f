import fg from 'fast-glob';
import type { RecommendationRejection } from '@costwise/plugin-finops-common';
import type {
  RecommendationProvider,
  RecommendationProviderContext,
} from '@costwise/plugin-finops-node';
import { readRecommendationFile, RecommendationFileError } from './formats';
import type {
  RecommendationImport,
  RecommendationService,
} from './RecommendationService';

/** A rejected row, with the file it came from. @public */
export interface FileRecommendationRejection extends RecommendationRejection {
  file: string;
}

/** What importing a recommendation source did, with its rejected rows. @public */
export interface RecommendationSourceRun extends RecommendationImport {
  files: string[];
  rejected: FileRecommendationRejection[];
}

/**
 * Reads every file of a recommendation source (a path or a glob) and
 * imports their rows as one report of the source: recommendations it no
 * longer reports expire. A location that names no file fails.
 *
 * @public
 */
export async function importRecommendationSource(
  service: RecommendationService,
  source: { id: string; location: string; format?: string },
  options: { at?: string } = {},
): Promise<RecommendationSourceRun> {
  const files = fg.isDynamicPattern(source.location)
    ? (await fg(source.location, { onlyFiles: true, absolute: true })).sort()
    : [source.location];
  if (files.length === 0)
    throw new RecommendationFileError(
      source.location,
      'unreadable',
      `No file matches ${source.location} (recommendation source '${source.id}')`,
    );
  const rows = [];
  const rejected: FileRecommendationRejection[] = [];
  const formats = new Set<string>();
  for (const file of files) {
    const result = await readRecommendationFile(file, {
      format: source.format,
    });
    formats.add(result.format);
    rows.push(...result.rows);
    rejected.push(...result.rejected.map(r => ({ ...r, file })));
  }
  const outcome = await service.import(
    source.id,
    [...formats].join(','),
    rows,
    options,
  );
  return { ...outcome, files, rejected };
}

/**
 * Runs a recommendation provider (a detector, a module's pull) and imports
 * what it reports as one complete report of the provider.
 *
 * @public
 */
export async function runRecommendationProvider(
  service: RecommendationService,
  provider: RecommendationProvider,
  context: RecommendationProviderContext,
): Promise<RecommendationImport & { rejected: RecommendationRejection[] }> {
  const { rows, rejected = [] } = await provider.run(context);
  const outcome = await service.import(provider.id, 'detector', rows);
  return { ...outcome, rejected };
}
