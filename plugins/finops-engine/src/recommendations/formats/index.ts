import { promises as fs } from 'fs';
import type { RecommendationFormat, RecommendationParseResult } from '../types';
import { awsComputeOptimizerFormat } from './awsComputeOptimizer';
import { awsCostOptimizationHubFormat } from './awsCostOptimizationHub';
import { azureAdvisorFormat } from './azureAdvisor';
import {
  decompressed,
  isParquetContent,
  parquetHeader,
  truncate,
} from './common';
import { RecommendationFileError } from './errors';
import { focusRecommendationsFormat } from './focusRecommendations';
import { gcpRecommenderFormat } from './gcpRecommender';

export { RecommendationFileError } from './errors';
export type { RecommendationFileErrorKind } from './errors';
export { writeDemoRecommendationFiles } from './demoFiles';
export type {
  DemoRecommendationResources,
  DemoRecommendationOptions,
} from './demoFiles';

/**
 * The recommendation file formats, most specific first: the FOCUS dataset,
 * whose columns any tool may write, is tried last.
 *
 * @public
 */
export const RECOMMENDATION_FORMATS: readonly RecommendationFormat[] = [
  awsCostOptimizationHubFormat,
  awsComputeOptimizerFormat,
  azureAdvisorFormat,
  gcpRecommenderFormat,
  focusRecommendationsFormat,
];

/** How many bytes of a file detection looks at. */
const HEAD_BYTES = 64 * 1024;

/**
 * The format of a file from its name and its first 64 KiB (decompressed;
 * for Parquet, its column names as a CSV header line), or undefined.
 *
 * @public
 */
export function detectRecommendationFormat(
  fileName: string,
  head: string,
): RecommendationFormat | undefined {
  return RECOMMENDATION_FORMATS.find(format => format.detect(fileName, head));
}

function knownIds(): string {
  return RECOMMENDATION_FORMATS.map(f => f.id).join(', ');
}

/** Whether text holds NUL or other low control characters, or undecodable bytes. */
function isBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 9 || c === 0xfffd) return true;
  }
  return false;
}

/** What the file starts with, for a message: its first line, or that it is binary. */
function describeStart(head: string): string {
  if (isBinary(head.slice(0, 512)))
    return 'it is binary and neither gzip nor Parquet';
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  return `it starts with '${truncate(firstLine, 100)}'`;
}

/**
 * Reads a recommendation file: gzip and Parquet are recognized by their
 * magic bytes (whatever the name says), the format is detected from the
 * content unless `options.format` names one. Rows that cannot be read are
 * in `rejected` with their line (CSV; the row for Parquet) or item (JSON)
 * and a reason; a file that cannot be read at all throws a
 * {@link RecommendationFileError} whose `kind` says why (`unreadable` for a
 * file that cannot be opened).
 *
 * @public
 */
export async function readRecommendationFile(
  path: string,
  options: { format?: string } = {},
): Promise<RecommendationParseResult> {
  let format: RecommendationFormat | undefined;
  if (options.format !== undefined) {
    format = RECOMMENDATION_FORMATS.find(f => f.id === options.format);
    if (!format)
      throw new RecommendationFileError(
        path,
        'unknown-format-id',
        `Unknown recommendation format '${
          options.format
        }' for ${path}: the known formats are ${knownIds()}`,
      );
  }

  let content: Buffer;
  try {
    content = await fs.readFile(path);
  } catch (error) {
    throw new RecommendationFileError(
      path,
      'unreadable',
      `Cannot read recommendation file ${path}: ${(error as Error).message}`,
    );
  }
  const file = { path, content };

  if (!format) {
    let head: string;
    const parquet = isParquetContent(content);
    if (parquet) {
      head = `${(await parquetHeader(path)).join(',')}\n`;
    } else {
      head = decompressed(file).subarray(0, HEAD_BYTES).toString('utf8');
    }
    if (head.trim() === '')
      throw new RecommendationFileError(
        path,
        'unknown-format',
        `${path} is empty: it is not a known recommendation format (${knownIds()})`,
      );
    format = detectRecommendationFormat(path, head);
    if (!format)
      throw new RecommendationFileError(
        path,
        'unknown-format',
        `${path} is not a known recommendation format (${
          parquet
            ? `a Parquet file with the columns ${truncate(head.trim(), 200)}`
            : describeStart(head)
        }); the known formats are ${knownIds()}`,
      );
  }

  try {
    return await format.parse(file);
  } catch (error) {
    if (error instanceof RecommendationFileError) throw error;
    throw new RecommendationFileError(
      path,
      'malformed',
      `${path} cannot be read as ${format.title}: ${(error as Error).message}`,
    );
  }
}
