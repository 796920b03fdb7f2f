import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import { AWS_COH_EXPORT_COLUMNS } from './awsCostOptimizationHub';

/**
 * The demo's resources that recommendations are written for.
 *
 * @public
 */
export interface DemoRecommendationResources {
  /** AWS resource ids (ARNs) as they are in the cost data. */
  aws: string[];
  /** Azure resource ids as they are in the cost data. */
  azure: string[];
  /** Google Cloud resource names as they are in the cost data. */
  gcp: string[];
  awsAccount: string;
  azureSubscription: string;
  gcpProject: string;
}

/** @public */
export interface DemoRecommendationOptions {
  /** When the sources last refreshed the recommendations (ISO 8601); left out when not given. */
  refreshedAt?: string;
}

/** A deterministic hex digest of the text, for ids. */
function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A deterministic UUID-shaped id of the text. */
function uuidOf(text: string): string {
  const h = digest(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

/** `count` distinct entries of the list from `start`, wrapping around. */
function pick(list: string[], start: number, count: number): string[] {
  const n = Math.min(count, list.length);
  return Array.from({ length: n }, (_, i) => list[(start + i) % list.length]);
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(header: string[], rows: Array<Record<string, string>>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows)
    lines.push(header.map(h => csvCell(row[h] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

const lastSegment = (id: string) => id.split(/[/:]/).pop() ?? id;

// ---------------------------------------------------------------------------
// AWS

interface AwsPlan {
  actionType: string;
  resourceType: string;
  current: string;
  recommended: string;
  monthlyCost: string;
  saving: string;
  effort: string;
  restartNeeded: boolean;
}

/** What Cost Optimization Hub would recommend for a resource, by the kind its ARN names. */
function awsPlan(arn: string, i: number): AwsPlan {
  const parts = arn.split(':');
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  if (service === 'ec2' && resource.startsWith('instance/'))
    return i % 2 === 0
      ? {
          actionType: 'Rightsize',
          resourceType: 'Ec2Instance',
          current: 'm5.2xlarge',
          recommended: 'm5.xlarge',
          monthlyCost: '280.32',
          saving: '140.16',
          effort: 'Medium',
          restartNeeded: true,
        }
      : {
          actionType: 'MigrateToGraviton',
          resourceType: 'Ec2Instance',
          current: 'm5.xlarge',
          recommended: 'm7g.xlarge',
          monthlyCost: '140.16',
          saving: '21.17',
          effort: 'High',
          restartNeeded: true,
        };
  if (service === 'ec2' && resource.startsWith('volume/'))
    return {
      actionType: 'Upgrade',
      resourceType: 'EbsVolume',
      current: 'gp2 500 GiB',
      recommended: 'gp3 500 GiB',
      monthlyCost: '55',
      saving: '11',
      effort: 'VeryLow',
      restartNeeded: false,
    };
  if (service === 'rds')
    return {
      actionType: 'Rightsize',
      resourceType: 'RdsDbInstance',
      current: 'db.r6g.2xlarge',
      recommended: 'db.r6g.xlarge',
      monthlyCost: '692.04',
      saving: '346.02',
      effort: 'Medium',
      restartNeeded: true,
    };
  if (service === 'lambda')
    return {
      actionType: 'Rightsize',
      resourceType: 'LambdaFunction',
      current: '3008 MB',
      recommended: '1536 MB',
      monthlyCost: '61.87',
      saving: '29.45',
      effort: 'VeryLow',
      restartNeeded: false,
    };
  return {
    actionType: 'Delete',
    resourceType: service ? `${service} resource` : 'resource',
    current: 'idle for 14 days',
    recommended: '',
    monthlyCost: '38.4',
    saving: '38.4',
    effort: 'Low',
    restartNeeded: false,
  };
}

function awsRegion(arn: string): string {
  return arn.split(':')[3] || 'us-east-1';
}

function cohExport(
  arns: string[],
  account: string,
  refreshedAt: string | undefined,
): string {
  const rows = arns.map((arn, i) => {
    const p = awsPlan(arn, i);
    const after = p.saving;
    return {
      account_id: arn.split(':')[4] || account,
      account_name: 'demo',
      action_type: p.actionType,
      currency_code: 'USD',
      current_resource_details: JSON.stringify({ configuration: p.current }),
      current_resource_summary: p.current,
      current_resource_type: p.resourceType,
      estimated_monthly_cost_after_discount: p.monthlyCost,
      estimated_monthly_cost_before_discount: p.monthlyCost,
      estimated_monthly_savings_after_discount: after,
      estimated_monthly_savings_before_discount: after,
      estimated_savings_percentage_after_discount: '50',
      estimated_savings_percentage_before_discount: '50',
      implementation_effort: p.effort,
      last_refresh_timestamp: refreshedAt ?? '',
      recommendation_id: `coh-${digest(`coh-export|${arn}`, 24)}`,
      recommendation_lookback_period_in_days: '14',
      recommendation_source: 'ComputeOptimizer',
      recommended_resource_details: p.recommended
        ? JSON.stringify({ configuration: p.recommended })
        : '',
      recommended_resource_summary: p.recommended,
      recommended_resource_type: p.recommended ? p.resourceType : '',
      region: awsRegion(arn),
      resource_arn: arn,
      restart_needed: String(p.restartNeeded),
      rollback_possible: String(p.actionType !== 'Delete'),
      tags: '{}',
    };
  });
  return csv(AWS_COH_EXPORT_COLUMNS, rows);
}

function cohJson(
  arns: string[],
  account: string,
  refreshedAt: string | undefined,
): string {
  const items = arns.map((arn, i) => {
    const p = awsPlan(arn, i + 1);
    return {
      recommendationId: `coh-${digest(`coh-api|${arn}`, 24)}`,
      accountId: arn.split(':')[4] || account,
      region: awsRegion(arn),
      resourceId: lastSegment(arn),
      resourceArn: arn,
      currentResourceType: p.resourceType,
      recommendedResourceType: p.recommended ? p.resourceType : undefined,
      currentResourceSummary: p.current,
      recommendedResourceSummary: p.recommended || undefined,
      estimatedMonthlySavings: Number(p.saving),
      estimatedSavingsPercentage: 50,
      estimatedMonthlyCost: Number(p.monthlyCost),
      currencyCode: 'USD',
      implementationEffort: p.effort,
      restartNeeded: p.restartNeeded,
      actionType: p.actionType,
      rollbackPossible: p.actionType !== 'Delete',
      ...(refreshedAt ? { lastRefreshTimestamp: refreshedAt } : {}),
      recommendationLookbackPeriodInDays: 14,
      source: 'ComputeOptimizer',
      tags: [],
    };
  });
  return `${JSON.stringify({ items }, null, 2)}\n`;
}

const CO_HEADER = [
  'accountId',
  'instanceArn',
  'instanceName',
  'finding',
  'findingReasonCodes',
  'current_instanceType',
  'current_vcpus',
  'current_memory',
  'current_onDemandPrice',
  'recommendationOptions_1_instanceType',
  'recommendationOptions_1_estimatedMonthlySavings_currency',
  'recommendationOptions_1_estimatedMonthlySavings_value',
  'recommendationOptions_1_estimatedMonthlySavingsAfterDiscounts_currency',
  'recommendationOptions_1_estimatedMonthlySavingsAfterDiscounts_value',
  'recommendationOptions_1_migrationEffort',
  'recommendationOptions_1_performanceRisk',
  'lookbackPeriodInDays',
  'lastRefreshTimestamp',
  'tags',
];

function computeOptimizerCsv(
  arns: string[],
  account: string,
  refreshedAt: string | undefined,
): string {
  const rows = arns.map((arn, i) => {
    const idle = i % 2 === 1;
    return {
      accountId: arn.split(':')[4] || account,
      instanceArn: arn,
      instanceName: lastSegment(arn),
      finding: idle ? 'Idle' : 'Overprovisioned',
      findingReasonCodes: idle
        ? 'CPUOverprovisioned'
        : 'CPUOverprovisioned,MemoryOverprovisioned',
      current_instanceType: idle ? 'c5.xlarge' : 'r5.2xlarge',
      current_vcpus: idle ? '4' : '8',
      current_memory: idle ? '8' : '64',
      current_onDemandPrice: idle ? '0.192' : '0.564',
      recommendationOptions_1_instanceType: idle ? 'c5.large' : 'r5.xlarge',
      recommendationOptions_1_estimatedMonthlySavings_currency: 'USD',
      recommendationOptions_1_estimatedMonthlySavings_value: idle
        ? '70.08'
        : '205.86',
      recommendationOptions_1_estimatedMonthlySavingsAfterDiscounts_currency:
        'USD',
      recommendationOptions_1_estimatedMonthlySavingsAfterDiscounts_value: idle
        ? '70.08'
        : '164.69',
      recommendationOptions_1_migrationEffort: idle ? 'VeryLow' : 'Low',
      recommendationOptions_1_performanceRisk: '1',
      lookbackPeriodInDays: '14',
      lastRefreshTimestamp: refreshedAt ?? '',
      tags: '[]',
    };
  });
  return csv(CO_HEADER, rows);
}

// ---------------------------------------------------------------------------
// Azure

function azureAdvisorJson(
  ids: string[],
  subscription: string,
  refreshedAt: string | undefined,
): string {
  const value = ids.map((resourceId, i) => {
    const guid = uuidOf(`advisor|${resourceId}`);
    const base = resourceId.startsWith('/subscriptions/')
      ? resourceId
      : `/subscriptions/${subscription}`;
    const type = /\/providers\/([^/]+\/[^/]+)/i.exec(resourceId)?.[1] ?? '';
    let problem = 'Delete or shut down unused resources';
    if (/virtualMachines/i.test(type))
      problem = 'Right-size or shutdown underutilized virtual machines';
    else if (/Sql\/servers/i.test(type))
      problem = 'Right-size underutilized SQL databases';
    else if (/serverFarms|Web\/sites/i.test(type))
      problem = 'Right-size underutilized App Service plans';
    const rightsize = problem.startsWith('Right-size');
    const extendedProperties: Record<string, string> = {
      savingsCurrency: 'USD',
      region: 'westeurope',
      lookbackPeriod: '7',
      recommendationSubCategory: rightsize ? 'RightSize' : 'Shutdown',
    };
    // One states the annual saving only, as Advisor does for some types.
    if (i % 2 === 1) extendedProperties.annualSavingsAmount = '1114.8';
    else extendedProperties.savingsAmount = rightsize ? '187.34' : '64.5';
    return {
      id: `${base}/providers/Microsoft.Advisor/recommendations/${guid}`,
      name: guid,
      type: 'Microsoft.Advisor/recommendations',
      properties: {
        category: 'Cost',
        impact: rightsize ? 'High' : 'Medium',
        impactedField: type || 'Microsoft.Resources/subscriptions',
        impactedValue: lastSegment(resourceId),
        ...(refreshedAt ? { lastUpdated: refreshedAt } : {}),
        recommendationTypeId: uuidOf(`advisor-type|${problem}`),
        shortDescription: { problem, solution: problem },
        suppressionIds: [],
        extendedProperties,
        resourceMetadata: { resourceId, source: null },
        learnMoreLink: 'https://aka.ms/aa_lowusagerec_learnmore',
      },
    };
  });
  return `${JSON.stringify({ value }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// Google Cloud

function gcpRecommenderJson(
  resources: string[],
  project: string,
  refreshedAt: string | undefined,
): string {
  const recommendations = resources.map((resource, i) => {
    const instance =
      /\/instances\/[^/]+$/.test(resource) && /compute/.test(resource);
    const recommender = instance
      ? 'google.compute.instance.MachineTypeRecommender'
      : 'google.compute.instance.IdleResourceRecommender';
    const subtype = instance ? 'CHANGE_MACHINE_TYPE' : 'STOP_VM';
    const zone = /\/zones\/([^/]+)/.exec(resource)?.[1] ?? 'europe-west1-b';
    // Projections over 30 days and, for variety, over a week.
    const week = i % 2 === 1;
    const cost = week
      ? { currencyCode: 'USD', units: '-21', nanos: -450000000 }
      : { currencyCode: 'USD', units: '-97', nanos: -330000000 };
    return {
      name: `projects/${project}/locations/${zone}/recommenders/${recommender}/recommendations/${uuidOf(
        `gcp|${resource}`,
      )}`,
      description: instance
        ? `Save cost by changing machine type from e2-standard-8 to e2-standard-4.`
        : `Save cost by stopping idle resource '${lastSegment(resource)}'.`,
      ...(refreshedAt ? { lastRefreshTime: refreshedAt } : {}),
      primaryImpact: {
        category: 'COST',
        costProjection: { cost, duration: week ? '604800s' : '2592000s' },
      },
      content: {
        operationGroups: [
          {
            operations: instance
              ? [
                  {
                    action: 'test',
                    resourceType: 'compute.googleapis.com/Instance',
                    resource,
                    path: '/machineType',
                    value: `zones/${zone}/machineTypes/e2-standard-8`,
                  },
                  {
                    action: 'replace',
                    resourceType: 'compute.googleapis.com/Instance',
                    resource,
                    path: '/machineType',
                    value: `zones/${zone}/machineTypes/e2-standard-4`,
                  },
                ]
              : [
                  {
                    action: 'replace',
                    resource,
                    path: '/status',
                    value: 'TERMINATED',
                  },
                ],
          },
        ],
      },
      stateInfo: { state: 'ACTIVE' },
      etag: `"${digest(`etag|${resource}`, 16)}"`,
      recommenderSubtype: subtype,
      priority: 'P3',
    };
  });
  return `${JSON.stringify({ recommendations }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------
// FOCUS

const FOCUS_HEADER = [
  'RecommendationId',
  'RecommendationCategory',
  'RecommendationSubcategory',
  'RecommendationDescription',
  'RecommendationLastUpdated',
  'RecommendationStatus',
  'EstimatedMonthlyCostImpact',
  'Currency',
  'ResourceId',
  'ResourceName',
  'SubAccountId',
  'RegionId',
  'ServiceProviderName',
  'ImplementationEffort',
  'DataGeneratorName',
];

function focusCsv(
  resources: DemoRecommendationResources,
  refreshedAt: string | undefined,
): string {
  const rows: Array<Record<string, string>> = [];
  const common = (resourceId: string, provider: string) => ({
    RecommendationId: `focus-${digest(`focus|${resourceId}`, 20)}`,
    RecommendationCategory: 'Cost',
    RecommendationLastUpdated: refreshedAt ?? '',
    RecommendationStatus: 'Open',
    Currency: 'USD',
    ResourceId: resourceId,
    ResourceName: lastSegment(resourceId),
    ServiceProviderName: provider,
    DataGeneratorName: 'Demo FinOps tool (FOCUS recommendations)',
  });
  for (const id of pick(resources.aws, 5, 1))
    rows.push({
      ...common(id, 'AWS'),
      RecommendationSubcategory: 'Scaling',
      RecommendationDescription:
        'Scale in: capacity is above peak demand outside business hours',
      EstimatedMonthlyCostImpact: '-52.2',
      SubAccountId: id.split(':')[4] || resources.awsAccount,
      RegionId: awsRegion(id),
      ImplementationEffort: 'Low',
    });
  for (const id of pick(resources.azure, 2, 1))
    rows.push({
      ...common(id, 'Microsoft'),
      RecommendationSubcategory: 'Modernization',
      RecommendationDescription: 'Move to a newer, cheaper SKU generation',
      EstimatedMonthlyCostImpact: '-33.75',
      SubAccountId:
        /\/subscriptions\/([^/]+)/i.exec(id)?.[1] ??
        resources.azureSubscription,
      RegionId: 'westeurope',
      ImplementationEffort: 'Medium',
    });
  for (const id of pick(resources.gcp, 2, 1))
    rows.push({
      ...common(id, 'Google Cloud'),
      RecommendationSubcategory: 'Rightsizing',
      RecommendationDescription: 'Reduce provisioned capacity to match use',
      EstimatedMonthlyCostImpact: '-18.9',
      SubAccountId:
        /\/projects\/([^/_][^/]*)/.exec(id)?.[1] ?? resources.gcpProject,
      RegionId: 'europe-west1',
      ImplementationEffort: 'Low',
    });
  return csv(FOCUS_HEADER, rows);
}

// ---------------------------------------------------------------------------

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
