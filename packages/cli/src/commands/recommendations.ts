import { Command } from 'commander';
import {
  CatalogFileError,
  readCatalogFiles,
  readConfigFiles,
  readFinopsConfig,
  readRecommendationFile,
  RecommendationFileError,
  RecommendationService,
  RecommendationStore,
} from '@costwise/plugin-finops-engine';
import { openDatabase } from '../database';
import { fail, info } from '../output';

/** Options of `costwise recommendations import`. */
export interface RecommendationsImportOptions {
  format?: string;
  db?: string;
  catalog?: string[];
  config?: string[];
  source?: string;
  json?: boolean;
  strict?: boolean;
}

/** What `costwise recommendations import --json` prints. */
export interface RecommendationsImportResult {
  accepted: number;
  rejected: Array<{ line: number; reason: string }>;
  recommendations: Array<{
    id: string;
    resourceId: string | null;
    owner: string | null;
    sharedWith: string[];
    subcategory: string;
    estimatedMonthlySavings: string;
    currency: string;
    status: string;
  }>;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

/**
 * Reads a recommendation file and stores its rows as the backend does: the
 * same ids, owners from the stored attribution (or the catalog's rules on
 * the row itself), the same lifecycle.
 */
export async function runRecommendationsImport(
  file: string,
  options: RecommendationsImportOptions,
): Promise<RecommendationsImportResult & { format: string }> {
  const config = await readConfigFiles(options.config ?? []);
  const finops = readFinopsConfig(config);
  const entities = options.catalog?.length
    ? await readCatalogFiles(options.catalog)
    : [];
  const parsed = await readRecommendationFile(file, { format: options.format });
  const knex = await openDatabase(options.db);
  try {
    const service = new RecommendationService({
      store: new RecommendationStore(knex),
      catalogEntities: async () => entities,
      attributionConfig: {
        tagKeyAliases: finops.tagKeyAliases,
        accountOwners: finops.accountOwners,
        inferenceTagKeys: finops.inferenceTagKeys,
        inferenceMinConfidence: finops.inferenceMinConfidence,
      },
      options: {
        measure: finops.measure,
        reopenFactor: finops.recommendations.reopenFactor,
        verifyDays: finops.recommendations.verifyDays,
        verifiedShare: finops.recommendations.verifiedShare,
      },
    });
    const outcome = await service.import(
      options.source ?? `file:${parsed.format}`,
      parsed.format,
      parsed.rows,
      // one file of a source is not all of it: nothing expires
      { complete: false },
    );
    return {
      format: parsed.format,
      accepted: outcome.accepted,
      rejected: parsed.rejected,
      recommendations: outcome.recommendations.map(r => ({
        id: r.id,
        resourceId: r.resourceId,
        owner: r.ownerRef,
        sharedWith: r.sharedWith.map(s => s.entityRef),
        subcategory: r.subcategory,
        estimatedMonthlySavings: r.estimatedMonthlySavings,
        currency: r.currency,
        status: r.status,
      })),
    };
  } finally {
    await knex.destroy();
  }
}

async function importAction(
  file: string,
  options: RecommendationsImportOptions,
) {
  let result;
  try {
    result = await runRecommendationsImport(file, options);
  } catch (error) {
    if (
      error instanceof RecommendationFileError ||
      error instanceof CatalogFileError
    )
      fail(error.message, options.json);
    throw error;
  }
  const { format, ...printed } = result;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(printed)}\n`);
  } else {
    info(
      `Imported ${file} (${format}): ${result.accepted} accepted, ${result.rejected.length} rejected`,
    );
    for (const r of result.recommendations.slice(0, 50))
      info(
        `  ${r.id} ${r.subcategory} ${r.estimatedMonthlySavings} ${
          r.currency
        }/month ${r.resourceId ?? '(no resource)'} → ${r.owner ?? 'unowned'}${
          r.sharedWith.length ? ` (shared with ${r.sharedWith.join(', ')})` : ''
        } [${r.status}]`,
      );
    for (const r of result.rejected.slice(0, 20))
      info(`  rejected line ${r.line}: ${r.reason}`);
    if (result.rejected.length > 20)
      info(`  … and ${result.rejected.length - 20} more rejected rows`);
  }
  process.exitCode = options.strict && result.rejected.length > 0 ? 1 : 0;
}

/** `costwise recommendations import`. */
export function registerRecommendationsCommands(program: Command) {
  const recommendations = program
    .command('recommendations')
    .description('cost recommendations: imported, owned and tracked');
  recommendations
    .command('import')
    .description(
      "store a provider's recommendations (AWS Cost Optimization Hub export or ListRecommendations JSON, Compute Optimizer CSV, Azure Advisor JSON, GCP Recommender JSON, FOCUS recommendations CSV), each owned by the entity its resource is attributed to",
    )
    .argument(
      '<file>',
      'the file (gzip-compressed too; Parquet for the Cost Optimization Hub export)',
    )
    .option(
      '--format <id>',
      'aws-cost-optimization-hub, aws-compute-optimizer, azure-advisor, gcp-recommender or focus-recommendations (default: detected from the file)',
    )
    .option(
      '--db <target>',
      'SQLite file path or postgres:// URL (default: $COSTWISE_DB, else costwise.sqlite)',
    )
    .option(
      '--catalog <path...>',
      'entity YAML files, directories or globs, to own resources not in the cost data by the same rules',
      collect,
    )
    .option(
      '--config <app-config.yaml>',
      'app-config files (finops.*)',
      collect,
    )
    .option(
      '--source <id>',
      'the source id to store them under (default: file:<format>)',
    )
    .option('--strict', 'exit 1 when any row is rejected')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(importAction);
}
