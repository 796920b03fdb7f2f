/**
 * Price sheet of the demo data: the meters each cloud service bills, rough
 * public list prices and a typical daily volume for one resource. The numbers
 * only need to look plausible side by side; what matters is that every cost is
 * an exact product of a unit price and a quantity.
 *
 * A data table, longer than the other files on purpose: the sheet is kept
 * whole so that the services' prices read side by side.
 */

/** How a meter's daily volume moves over the week. */
export type Pattern =
  /** always on: exactly the base volume every day (instances, provisioned capacity) */
  | 'hours'
  /** user traffic: lower at weekends, slow growth, a little noise */
  | 'web'
  /** scheduled jobs: much lower at weekends, noisy */
  | 'batch'
  /** stored data: slow steady growth */
  | 'storage'
  /** office-hours workloads (CI): almost idle at weekends */
  | 'office';

/** One billed meter of a service. */
export interface Meter {
  meter: string;
  /** ConsumedUnit. */
  unit: string;
  /** List unit price, per pricing unit, as an exact decimal string. */
  price: string;
  /** Typical consumed quantity per day for one resource. */
  daily: number;
  pattern: Pattern;
  /** The pricing unit is 10^blockExp consumed units (e.g. 6 for "1000000 Requests"). */
  blockExp?: number;
  /** Fractional digits of the consumed quantity. */
  qScale?: number;
  /** Model name for AI meters (the `x_Model` column). */
  model?: string;
}

export interface ServiceProfile {
  resourceType: string;
  meters: Meter[];
}

const m = (
  meter: string,
  unit: string,
  price: string,
  daily: number,
  pattern: Pattern,
  extra: Partial<Meter> = {},
): Meter => ({
  meter,
  unit,
  price,
  daily,
  pattern,
  ...extra,
});

/** By ServiceName. Unknown services get {@link FALLBACK_PROFILE}. */
export const SERVICE_PROFILES: Record<string, ServiceProfile> = {
  'Elastic Load Balancing': {
    resourceType: 'Load Balancer',
    meters: [
      m('LoadBalancerUsage', 'Hours', '0.0252', 24, 'hours'),
      m('LCUUsage', 'LCU-Hours', '0.008', 900, 'web'),
    ],
  },
  'AWS Lambda': {
    resourceType: 'Function',
    meters: [
      m('Request', 'Requests', '0.20', 20_000_000, 'web', {
        blockExp: 6,
        qScale: 0,
      }),
      m('Lambda-GB-Second', 'GB-Seconds', '0.0000166667', 1_200_000, 'web', {
        qScale: 0,
      }),
    ],
  },
  'Amazon DynamoDB': {
    resourceType: 'Table',
    meters: [
      m('ReadRequestUnits', 'ReadRequestUnits', '0.283', 40_000_000, 'web', {
        blockExp: 6,
        qScale: 0,
      }),
      m('WriteRequestUnits', 'WriteRequestUnits', '1.4135', 6_000_000, 'web', {
        blockExp: 6,
        qScale: 0,
      }),
      m('TimedStorage-ByteHrs', 'GB-Month', '0.283', 5, 'storage'),
    ],
  },
  'Amazon CloudWatch': {
    resourceType: 'Log Group',
    meters: [
      m('DataProcessing-Bytes', 'GB', '0.57', 12, 'web'),
      m('TimedStorage-ByteHrs', 'GB-Month', '0.03', 60, 'storage'),
    ],
  },
  'Amazon Simple Email Service': {
    resourceType: 'Configuration Set',
    meters: [
      m('Recipients', 'Messages', '0.10', 120_000, 'web', {
        blockExp: 3,
        qScale: 0,
      }),
    ],
  },
  'Amazon Kinesis': {
    resourceType: 'Stream',
    meters: [
      m('ShardHours', 'Shard-Hours', '0.0165', 192, 'hours'),
      m(
        'PutRequestPayloadUnits',
        'PUT Payload Units',
        '0.0165',
        300_000_000,
        'batch',
        { blockExp: 6, qScale: 0 },
      ),
    ],
  },
  'AWS Batch': {
    resourceType: 'Instance',
    meters: [m('BoxUsage:c5.4xlarge', 'Hours', '0.768', 10, 'batch')],
  },
  'Amazon Elastic Compute Cloud': {
    resourceType: 'Instance',
    meters: [
      m('BoxUsage:m5.xlarge', 'Hours', '0.214', 24, 'hours'),
      m('DataTransfer-Out-Bytes', 'GB', '0.09', 20, 'web'),
    ],
  },
  'Amazon Simple Storage Service': {
    resourceType: 'Bucket',
    meters: [
      m('TimedStorage-ByteHrs', 'GB-Month', '0.023', 900, 'storage'),
      m('Requests-Tier1', 'Requests', '0.005', 2_000_000, 'web', {
        blockExp: 3,
        qScale: 0,
      }),
      m('DataTransfer-Out-Bytes', 'GB', '0.09', 120, 'web'),
    ],
  },
  'Amazon SageMaker': {
    resourceType: 'Endpoint',
    meters: [m('Host:ml.m5.large', 'Hours', '0.134', 24, 'hours')],
  },
  'Amazon CloudFront': {
    resourceType: 'Distribution',
    meters: [
      m('DataTransfer-Out-Bytes', 'GB', '0.085', 250, 'web'),
      m('Requests-HTTPS', 'Requests', '0.012', 15_000_000, 'web', {
        blockExp: 4,
        qScale: 0,
      }),
    ],
  },
  'Amazon Athena': {
    resourceType: 'Workgroup',
    meters: [m('DataScannedInTB', 'TB', '5', 0.8, 'batch')],
  },
  'Amazon Elastic Kubernetes Service': {
    resourceType: 'Cluster',
    meters: [m('AmazonEKS-Hours:perCluster', 'Hours', '0.10', 24, 'hours')],
  },
  'Amazon Relational Database Service': {
    resourceType: 'DB Instance',
    meters: [
      m('InstanceUsage:db.r6g.xlarge', 'Hours', '0.518', 24, 'hours'),
      m('RDS:GP3-Storage', 'GB-Month', '0.133', 16, 'storage'),
      m('RDS:ChargedBackupUsage', 'GB-Month', '0.095', 10, 'storage'),
      m('DataTransfer-Regional-Bytes', 'GB', '0.01', 150, 'web'),
    ],
  },
  'Amazon Simple Queue Service': {
    resourceType: 'Queue',
    meters: [
      m('Requests-RBP', 'Requests', '0.40', 25_000_000, 'web', {
        blockExp: 6,
        qScale: 0,
      }),
    ],
  },
  'Amazon ElastiCache': {
    resourceType: 'Cache Node',
    meters: [
      m('NodeUsage:cache.r6g.xlarge', 'Hours', '0.452', 24, 'hours'),
      m('DataTransfer-Regional-Bytes', 'GB', '0.01', 200, 'web'),
    ],
  },
  'Amazon OpenSearch Service': {
    resourceType: 'Domain',
    meters: [
      m('ESInstance:r6g.2xlarge.search', 'Hours', '0.756', 72, 'hours'),
      m('ES:GP3-Storage', 'GB-Month', '0.149', 50, 'storage'),
      m('DataTransfer-Regional-Bytes', 'GB', '0.01', 120, 'web'),
    ],
  },
  'Amazon API Gateway': {
    resourceType: 'API Stage',
    meters: [
      m('ApiGatewayRequest', 'Requests', '3.50', 4_000_000, 'web', {
        blockExp: 6,
        qScale: 0,
      }),
    ],
  },
  'Amazon Virtual Private Cloud': {
    resourceType: 'NAT Gateway',
    meters: [
      m('NatGateway-Hours', 'Hours', '0.048', 24, 'hours'),
      m('NatGateway-Bytes', 'GB', '0.048', 300, 'web'),
    ],
  },
  'Amazon Elastic Container Service': {
    resourceType: 'Service',
    meters: [
      m('Fargate-vCPU-Hours:perCPU', 'vCPU-Hours', '0.04048', 192, 'web'),
      m('Fargate-GB-Hours', 'GB-Hours', '0.004445', 384, 'web'),
    ],
  },
  'Amazon Elastic Block Store': {
    resourceType: 'Volume',
    meters: [m('VolumeUsage.gp3', 'GB-Month', '0.088', 66, 'storage')],
  },
  'Azure App Service': {
    resourceType: 'App Service',
    meters: [
      m('P1 v3 App', 'Hours', '0.238', 48, 'hours'),
      m('Data Transfer Out', 'GB', '0.087', 40, 'web'),
    ],
  },
  'Azure Container Apps': {
    resourceType: 'Container App',
    meters: [
      m(
        'Standard vCPU Active Usage',
        'vCPU-Seconds',
        '0.000024',
        345_600,
        'web',
        { qScale: 0 },
      ),
      m(
        'Standard Memory Active Usage',
        'GiB-Seconds',
        '0.000003',
        691_200,
        'web',
        { qScale: 0 },
      ),
      m('Data Transfer Out', 'GB', '0.087', 30, 'web'),
    ],
  },
  'Azure Functions': {
    resourceType: 'Function App',
    meters: [
      m('Standard Total Executions', 'Executions', '0.20', 8_000_000, 'web', {
        blockExp: 6,
        qScale: 0,
      }),
      m('Standard Execution Time', 'GB-Seconds', '0.000016', 500_000, 'web', {
        qScale: 0,
      }),
    ],
  },
  'Azure SQL Database': {
    resourceType: 'SQL Database',
    meters: [
      m('vCore', 'vCore-Hours', '0.5044', 48, 'hours'),
      m('Data Stored', 'GB-Month', '0.115', 8, 'storage'),
      m('Backup Storage', 'GB-Month', '0.2', 3, 'storage'),
    ],
  },
  'Storage Accounts': {
    resourceType: 'Storage Account',
    meters: [
      m('LRS Data Stored', 'GB-Month', '0.0196', 660, 'storage'),
      m('Hot Write Operations', 'Operations', '0.055', 1_000_000, 'web', {
        blockExp: 4,
        qScale: 0,
      }),
    ],
  },
  'Azure Front Door': {
    resourceType: 'Front Door Profile',
    meters: [
      m('Standard Data Transfer Out', 'GB', '0.083', 350, 'web'),
      m('Standard Requests', 'Requests', '0.009', 25_000_000, 'web', {
        blockExp: 4,
        qScale: 0,
      }),
    ],
  },
  'API Management': {
    resourceType: 'API Management Service',
    meters: [m('Standard Unit', 'Hours', '0.9589', 24, 'hours')],
  },
  'Azure AI Services': {
    resourceType: 'Cognitive Services Account',
    meters: [
      m(
        'gpt-4o-0806 Inp regnl Tokens',
        'Input Tokens',
        '0.0025',
        18_000_000,
        'web',
        { blockExp: 3, qScale: 0, model: 'gpt-4o' },
      ),
      m(
        'gpt-4o-0806 Outp regnl Tokens',
        'Output Tokens',
        '0.01',
        2_000_000,
        'web',
        { blockExp: 3, qScale: 0, model: 'gpt-4o' },
      ),
    ],
  },
  'Virtual Machines': {
    resourceType: 'Virtual Machine',
    meters: [m('D4s v5', 'Hours', '0.23', 24, 'hours')],
  },
  Dataflow: {
    resourceType: 'Dataflow Job',
    meters: [
      m('vCPU Time Batch', 'vCPU-Hours', '0.056', 384, 'batch'),
      m('RAM Time Batch', 'GiB-Hours', '0.003557', 1440, 'batch'),
      m('Shuffle Data Processed', 'GiB', '0.011', 500, 'batch'),
    ],
  },
  'Pub/Sub': {
    resourceType: 'Topic',
    meters: [m('Message Delivery Basic', 'TiB', '40', 0.25, 'web')],
  },
  'Cloud Run': {
    resourceType: 'Service',
    meters: [
      m('CPU Allocation Time', 'vCPU-Seconds', '0.000024', 200_000, 'web', {
        qScale: 0,
      }),
      m('Memory Allocation Time', 'GiB-Seconds', '0.0000025', 400_000, 'web', {
        qScale: 0,
      }),
      m('Network Internet Egress Europe', 'GiB', '0.12', 15, 'web'),
    ],
  },
  'Cloud Storage': {
    resourceType: 'Bucket',
    meters: [
      m('Standard Storage Belgium', 'GiB-Months', '0.02', 2500, 'storage'),
      m('Class A Operations', 'Operations', '0.005', 1_000_000, 'batch', {
        blockExp: 3,
        qScale: 0,
      }),
    ],
  },
  BigQuery: {
    resourceType: 'Dataset',
    meters: [
      m('Analysis', 'TiB', '6.25', 3, 'batch'),
      m('Active Logical Storage', 'GiB-Months', '0.02', 1200, 'storage'),
    ],
  },
  'Cloud Bigtable': {
    resourceType: 'Instance',
    meters: [
      m('Bigtable Nodes', 'Node-Hours', '0.702', 48, 'hours'),
      m('SSD Storage', 'GiB-Months', '0.187', 66, 'storage'),
    ],
  },
  'Cloud Composer': {
    resourceType: 'Environment',
    meters: [
      m('Environment Fee', 'Hours', '0.35', 24, 'hours'),
      m('Compute vCPU', 'vCPU-Hours', '0.045', 144, 'batch'),
    ],
  },
  'Vertex AI': {
    resourceType: 'Custom Job',
    meters: [m('Custom Training A100 GPU', 'Hours', '3.37', 8, 'batch')],
  },
  'Compute Engine': {
    resourceType: 'Instance',
    meters: [
      m('N2 Instance Core', 'vCPU-Hours', '0.034773', 384, 'batch'),
      m('N2 Instance Ram', 'GiB-Hours', '0.004661', 1536, 'batch'),
      m('Network Inter Zone Egress', 'GiB', '0.01', 400, 'batch'),
    ],
  },
};

export const FALLBACK_PROFILE: ServiceProfile = {
  resourceType: 'Resource',
  meters: [m('Usage', 'Units', '0.10', 100, 'web')],
};

/** Kubernetes allocation meters: the workload's share of node CPU, memory and volumes. */
export const KUBERNETES_METERS = {
  cpu: m('Allocated vCPU', 'vCPU-Hours', '0.0428', 240, 'web'),
  memory: m('Allocated Memory', 'GB-Hours', '0.00536', 960, 'web'),
  storage: m('PersistentVolume gp3', 'GB-Month', '0.088', 3, 'storage'),
  network: m('DataTransfer-Regional-Bytes', 'GB', '0.01', 80, 'web'),
};
