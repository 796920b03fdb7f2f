import type { RecommendationSubcategory } from '@costwise/plugin-finops-common';
import type { RecommendationFormat } from '../types';
import {
  type Mapped,
  Columns,
  ResultCollector,
  arnParts,
  effortOf,
  headerColumns,
  impactOfSaving,
  optionalAmount,
  optionalInstant,
  readTable,
  requiredCurrency,
  tagsOf,
  widthProblem,
} from './common';

/**
 * AWS Compute Optimizer's CSV exports (EC2 instances, EBS volumes, Lambda
 * functions, Auto Scaling groups, ECS services, RDS, idle resources): one
 * row per resource, camelCase headers numbered per option
 * (`recommendationOptions_1_instanceType`). Option 1, the top pick, is the
 * recommendation.
 *
 * Rules:
 * - the resource is the first ARN column with a value (`instanceArn`,
 *   `volumeArn`, …, `resourceArn`); a row without one is rejected;
 * - the saving is option 1's after-discount saving where the row has one,
 *   else its saving (the idle export's `savingsOpportunity…` columns alike);
 * - a row with no saving, or a zero one (Optimized, Underprovisioned,
 *   Unavailable findings), is not a cost recommendation: skipped, not
 *   rejected; a saving that is not a number is rejected;
 * - Idle or Unattached findings (or `idle` true) → Idle Resource Removal;
 *   Over/Underprovisioned, NotOptimized and Optimized with a saving →
 *   Rightsizing; any other finding → Other;
 * - the id is the ARN and `#option-1` (`#idle` for idle findings).
 */

export const AWS_COMPUTE_OPTIMIZER_FORMAT_ID = 'aws-compute-optimizer';
const GENERATOR = 'AWS Compute Optimizer';

/** ARN columns of the exports, with the resource type each names (COH's names) and its name column. */
const ARN_COLUMNS: Array<{ column: string; type?: string; name?: string }> = [
  { column: 'instanceArn', type: 'Ec2Instance', name: 'instanceName' },
  { column: 'volumeArn', type: 'EbsVolume' },
  { column: 'functionArn', type: 'LambdaFunction' },
  {
    column: 'autoScalingGroupArn',
    type: 'Ec2AutoScalingGroup',
    name: 'autoScalingGroupName',
  },
  { column: 'serviceArn', type: 'EcsService' },
  { column: 'resourceArn' },
];

/** Resource types in words, keyed in lower case (the idle export spells them `EBSVolume`, `RDSDBInstance`). */
const TYPE_WORDS: Record<string, string> = {
  ec2instance: 'EC2 instance',
  ebsvolume: 'EBS volume',
  lambdafunction: 'Lambda function',
  ec2autoscalinggroup: 'Auto Scaling group',
  autoscalinggroup: 'Auto Scaling group',
  ecsservice: 'ECS service',
  rdsdbinstance: 'RDS DB instance',
};

const ARN_SERVICE_TYPES: Record<string, string> = {
  ec2: 'Ec2Instance',
  rds: 'RdsDbInstance',
  lambda: 'LambdaFunction',
  autoscaling: 'Ec2AutoScalingGroup',
  ecs: 'EcsService',
};

const FINDING_WORDS: Record<string, string> = {
  overprovisioned: 'Over-provisioned',
  underprovisioned: 'Under-provisioned',
  notoptimized: 'Not optimized',
  optimized: 'Optimized',
  idle: 'Idle',
  unattached: 'Unattached',
};

const OPTION_PREFIXES = [
  'recommendationOptions_1_',
  'instanceRecommendationOptions_1_',
];

/** Saving columns after a prefix: after discounts first. */
const SAVING_SUFFIXES = {
  after: [
    'estimatedMonthlySavingsAfterDiscounts_value',
    'estimatedMonthlySavingsAfterDiscount_value',
    'savingsOpportunityAfterDiscounts_estimatedMonthlySavings_value',
    'savingsOpportunityAfterDiscount_estimatedMonthlySavings_value',
  ],
  before: [
    'estimatedMonthlySavings_value',
    'savingsOpportunity_estimatedMonthlySavings_value',
  ],
};

const CURRENT_TYPE_COLUMNS = [
  'current_instanceType',
  'currentInstanceType',
  'current_configuration_instanceType',
  'currentConfiguration_instanceType',
  'current_configuration_volumeType',
  'currentConfiguration_volumeType',
  'current_configuration_memorySize',
  'currentConfiguration_memorySize',
  'current_memorySize',
  'current_dbInstanceClass',
  'currentDbInstanceClass',
];

const OPTION_TYPE_SUFFIXES = [
  'instanceType',
  'configuration_instanceType',
  'configuration_volumeType',
  'configuration_memorySize',
  'memorySize',
  'dbInstanceClass',
];

function findingKey(finding: string | undefined): string {
  return (finding ?? '').toLowerCase().replace(/[^a-z]/g, '');
}

function subcategoryOf(idle: boolean, key: string): RecommendationSubcategory {
  if (idle) return 'Idle Resource Removal';
  if (
    [
      'overprovisioned',
      'underprovisioned',
      'notoptimized',
      'optimized',
    ].includes(key)
  )
    return 'Rightsizing';
  return 'Other';
}

/** The columns whose names start with a prefix, as a JSON object keyed by the rest of the name. */
function configuration(
  columns: Columns,
  fields: string[],
  prefix: RegExp,
  exclude?: RegExp,
): string | undefined {
  const out: Record<string, string> = {};
  columns.header.forEach(name => {
    if (!prefix.test(name) || exclude?.test(name)) return;
    const value = columns.get(fields, name);
    if (value !== undefined) out[name.replace(prefix, '')] = value;
  });
  return Object.keys(out).length > 0 ? JSON.stringify(out) : undefined;
}

function mapRow(columns: Columns, fields: string[]): Mapped {
  const arnColumn = ARN_COLUMNS.find(
    c => columns.get(fields, c.column) !== undefined,
  );
  if (!arnColumn) {
    const present = columns.present(ARN_COLUMNS.map(c => c.column));
    return `${present ?? 'the resource ARN'} is empty`;
  }
  const arn = columns.get(fields, arnColumn.column)!;
  const arnInfo = arnParts(arn);
  const finding = columns.first(fields, ['finding', 'instanceFinding'])?.value;
  const key = findingKey(finding);
  const idleColumn = columns.get(fields, 'idle')?.toLowerCase();
  const idle =
    key === 'idle' ||
    key === 'unattached' ||
    idleColumn === 'true' ||
    idleColumn === 'idle';

  // The saving: option 1's (an idle row's own first), after discounts first.
  const prefixes = idle ? ['', ...OPTION_PREFIXES] : [...OPTION_PREFIXES, ''];
  const candidates = prefixes.flatMap(p => [
    ...SAVING_SUFFIXES.after.map(s => p + s),
    ...SAVING_SUFFIXES.before.map(s => p + s),
  ]);
  const found = columns.first(fields, candidates);
  if (!found) return null;
  const amount = optionalAmount(found.column, found.value);
  if (!amount.ok) return amount.reason;
  if (amount.value === undefined || amount.value.isZero()) return null;

  const currencyColumn = found.column.replace(/_value$/i, '_currency');
  const currencyCandidates = [
    currencyColumn,
    ...candidates.map(c => c.replace(/_value$/, '_currency')),
  ];
  const currencyFound = columns.first(fields, currencyCandidates);
  const currency = requiredCurrency(
    currencyFound?.column ?? columns.name(currencyColumn),
    currencyFound?.value,
  );
  if (!currency.ok) return currency.reason;

  const refreshed = columns.first(fields, [
    'lastRefreshTimestamp',
    'lastRefreshTimestamp_UTC',
  ]);
  const lastUpdated = optionalInstant(
    refreshed?.column ?? 'lastRefreshTimestamp',
    refreshed?.value,
  );
  if (!lastUpdated.ok) return lastUpdated.reason;

  const optionPrefix =
    OPTION_PREFIXES.find(p =>
      columns.header.some(h => h.toLowerCase().startsWith(p.toLowerCase())),
    ) ?? OPTION_PREFIXES[0];
  const resourceType =
    arnColumn.type ??
    columns.get(fields, 'resourceType') ??
    (arnInfo ? ARN_SERVICE_TYPES[arnInfo.service] : undefined);
  const resourceName =
    (arnColumn.name && columns.get(fields, arnColumn.name)) || undefined;
  const current = columns.first(fields, CURRENT_TYPE_COLUMNS)?.value;
  const recommended = idle
    ? undefined
    : columns.first(
        fields,
        OPTION_TYPE_SUFFIXES.map(s => optionPrefix + s),
      )?.value;
  const subcategory = subcategoryOf(idle, key);

  let description = [
    idle && key !== 'unattached'
      ? 'Idle'
      : FINDING_WORDS[key] ?? (finding || 'Optimizable'),
    TYPE_WORDS[(resourceType ?? '').toLowerCase()] ??
      resourceType ??
      'resource',
    resourceName ?? arnInfo?.resource.split(/[/:]/).pop() ?? arn,
  ].join(' ');
  if (current && recommended) description += `: ${current} → ${recommended}`;
  else if (idle) description += ': stop or delete it';
  const why = columns.get(fields, 'findingDescription');
  if (why) description += ` (${why})`;

  return {
    RecommendationId: `${arn}#${idle ? 'idle' : 'option-1'}`,
    RecommendationCategory: 'Cost',
    RecommendationSubcategory: subcategory,
    RecommendationDescription: description,
    RecommendationLastUpdated: lastUpdated.value,
    EstimatedMonthlyCostImpact: impactOfSaving(amount.value),
    Currency: currency.value,
    ResourceId: arn,
    ResourceName: resourceName,
    ResourceType: resourceType,
    SubAccountId: columns.get(fields, 'accountId') ?? arnInfo?.account,
    RegionId: arnInfo?.region || undefined,
    ServiceProviderName: 'AWS',
    ImplementationEffort: idle
      ? undefined
      : effortOf(columns.get(fields, `${optionPrefix}migrationEffort`)),
    ResourceConfigurationDetailsCurrent: configuration(
      columns,
      fields,
      /^current_?/i,
    ),
    ResourceConfigurationDetailsRecommended: idle
      ? undefined
      : configuration(
          columns,
          fields,
          new RegExp(`^${optionPrefix}`, 'i'),
          /savings|currency/i,
        ),
    DataGeneratorName: GENERATOR,
    x_Tags: tagsOf(columns.get(fields, 'tags')),
  };
}

/** AWS Compute Optimizer's CSV exports. */
export const awsComputeOptimizerFormat: RecommendationFormat = {
  id: AWS_COMPUTE_OPTIMIZER_FORMAT_ID,
  title: 'AWS Compute Optimizer (CSV export)',
  detect(_fileName, head) {
    const columns = headerColumns(head);
    const names = [...columns];
    return (
      columns.has('accountid') &&
      ARN_COLUMNS.some(c => columns.has(c.column.toLowerCase())) &&
      (columns.has('finding') ||
        columns.has('instancefinding') ||
        names.some(
          n =>
            n.startsWith('recommendationoptions_') ||
            n.startsWith('savingsopportunity'),
        ))
    );
  },
  async parse(file) {
    const table = await readTable(file);
    const columns = new Columns(table.header);
    const out = new ResultCollector(AWS_COMPUTE_OPTIMIZER_FORMAT_ID, 'line');
    for (const record of table.records) {
      if ('error' in record) {
        out.reject(record.line, record.error);
        continue;
      }
      const width = widthProblem(record, table.header);
      out.add(record.line, width ?? mapRow(columns, record.fields));
    }
    return out.result();
  },
};
