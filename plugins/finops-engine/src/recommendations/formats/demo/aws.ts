import { AWS_COH_EXPORT_COLUMNS } from '../awsCostOptimizationHub';
import { csv, digest, lastSegment } from './shared';

// Demo data: Cost Optimization Hub (export CSV, ListRecommendations JSON) and Compute Optimizer files.

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

export function awsRegion(arn: string): string {
  return arn.split(':')[3] || 'us-east-1';
}

export function cohExport(
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

export function cohJson(
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

export function computeOptimizerCsv(
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
