import { promises as fs } from 'fs';
import path from 'path';
import { cohExport, cohJson, computeOptimizerCsv } from './demo/aws';
import { azureAdvisorJson } from './demo/azure';
import { focusCsv } from './demo/focus';
import { gcpRecommenderJson } from './demo/gcp';
import {
  DemoRecommendationOptions,
  DemoRecommendationResources,
  pick,
} from './demo/shared';

export type {
  DemoRecommendationOptions,
  DemoRecommendationResources,
} from './demo/shared';

/**
 * Writes one small deterministic file per format into `dir` (created when
 * missing), recommending savings on the given resources, and returns their
 * paths: a Cost Optimization Hub export CSV and ListRecommendations JSON, a
 * Compute Optimizer EC2 export (on the EC2 instances among the AWS
 * resources, else the first ones), an Azure Advisor JSON, a Google Cloud
 * Recommender JSON and a FOCUS recommendations CSV. A provider without
 * resources gets no file.
 *
 * @public
 */
export async function writeDemoRecommendationFiles(
  dir: string,
  resources: DemoRecommendationResources,
  options: DemoRecommendationOptions = {},
): Promise<string[]> {
  const { refreshedAt } = options;
  await fs.mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [];
  const { aws, azure, gcp } = resources;
  if (aws.length > 0) {
    files.push([
      'aws-cost-optimization-hub-export.csv',
      cohExport(pick(aws, 0, 3), resources.awsAccount, refreshedAt),
    ]);
    files.push([
      'aws-cost-optimization-hub-recommendations.json',
      cohJson(pick(aws, 3, 2), resources.awsAccount, refreshedAt),
    ]);
    const instances = aws.filter(arn =>
      /^arn:[^:]+:ec2:.*:instance\//.test(arn),
    );
    files.push([
      'aws-compute-optimizer-ec2-instances.csv',
      computeOptimizerCsv(
        pick(instances.length > 0 ? instances : aws, 0, 2),
        resources.awsAccount,
        refreshedAt,
      ),
    ]);
  }
  if (azure.length > 0)
    files.push([
      'azure-advisor-cost.json',
      azureAdvisorJson(
        pick(azure, 0, 2),
        resources.azureSubscription,
        refreshedAt,
      ),
    ]);
  if (gcp.length > 0)
    files.push([
      'gcp-recommender-cost.json',
      gcpRecommenderJson(pick(gcp, 0, 2), resources.gcpProject, refreshedAt),
    ]);
  if (aws.length + azure.length + gcp.length > 0)
    files.push(['focus-recommendations.csv', focusCsv(resources, refreshedAt)]);

  const paths: string[] = [];
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    await fs.writeFile(file, text, 'utf8');
    paths.push(file);
  }
  return paths;
}
