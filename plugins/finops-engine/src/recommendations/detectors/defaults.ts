import type {
  DetectorConfig,
  DetectorId,
  ModelRule,
  SuccessorRule,
} from './config';

// Data: the built-in detectors, their default thresholds and rule tables (successor generations, LLM models).

/**
 * The built-in detectors, in the order they run.
 *
 * @public
 */
export const DETECTOR_IDS = [
  'unused-commitment',
  'deprecated-or-removed',
  'idle-resource',
  'previous-generation',
  'unattributed-account-spend',
  'llm-premium-model',
] as const;

const AWS_EC2_SERVICES = [
  'Amazon Elastic Compute Cloud',
  'Amazon EC2',
  'Amazon Elastic Block Store',
  'EC2 - Other',
];

/**
 * The built-in successor table. Ratios are the on-demand list price
 * difference of the same size (us-east-1, Linux; West Europe; europe-west1)
 * at the time of writing: override them in config where your prices differ.
 *
 * @public
 */
export const DEFAULT_SUCCESSORS: SuccessorRule[] = [
  {
    from: 'm4',
    to: 'm6i',
    savingRatio: '0.04',
    provider: 'AWS',
    note: 'm6i costs about 4% less than m4 per hour at list price, with better performance',
  },
  {
    from: 'c4',
    to: 'c6i',
    savingRatio: '0.14',
    provider: 'AWS',
    note: 'c6i costs about 14% less than c4 per hour at list price',
  },
  {
    from: 'r4',
    to: 'r6i',
    savingRatio: '0.05',
    provider: 'AWS',
    note: 'r6i costs about 5% less than r4 per hour at list price',
  },
  {
    from: 't2',
    to: 't3',
    savingRatio: '0.10',
    provider: 'AWS',
    note: 't3 costs about 10% less than t2 per hour at list price',
  },
  {
    from: 'm5',
    to: 'm7g',
    savingRatio: '0.15',
    provider: 'AWS',
    note: 'Graviton m7g costs 15% less than m5 per hour at list price; the workload must run on arm64',
  },
  {
    from: 'c5',
    to: 'c7g',
    savingRatio: '0.14',
    provider: 'AWS',
    note: 'Graviton c7g costs about 14% less than c5 per hour at list price; the workload must run on arm64',
  },
  {
    from: 'r5',
    to: 'r7g',
    savingRatio: '0.15',
    provider: 'AWS',
    note: 'Graviton r7g costs 15% less than r5 per hour at list price; the workload must run on arm64',
  },
  {
    from: 'gp2',
    to: 'gp3',
    savingRatio: '0.20',
    provider: 'AWS',
    services: AWS_EC2_SERVICES,
    pattern: '(?<![a-z0-9])gp2(?![a-z0-9])',
    note: 'gp3 volumes cost 20% less per GB-month than gp2, with a baseline of 3,000 IOPS',
  },
  {
    from: 'Dv2',
    to: 'Dv5',
    savingRatio: '0.30',
    provider: 'Microsoft',
    pattern:
      '(?<![a-z0-9])ds?\\d+s? ?v2(?![a-z0-9])|standard_ds?\\d+s?_v2(?![a-z0-9])',
    note: 'Dv5 sizes cost about 30% less than Dv2 sizes with the same vCPUs',
  },
  {
    from: 'n1',
    to: 'n2d',
    savingRatio: '0.13',
    provider: 'Google Cloud',
    pattern:
      '(?<![a-z0-9])n1[ -](?:predefined|custom|standard|highmem|highcpu|ultramem|megamem)',
    note: 'N2D cores cost about 13% less than N1 cores at list price',
  },
];

/**
 * The built-in table of premium models and their cheaper siblings, from
 * the vendors' per-token list prices (input and output fall by the same
 * share, or the ratio is the larger of the two).
 *
 * @public
 */
export const DEFAULT_MODELS: ModelRule[] = [
  {
    model: 'gpt-4o',
    alternative: 'gpt-4o-mini',
    priceRatio: '0.06',
    pattern: '(?<![a-z0-9.-])gpt-4o(?!-mini)(?![a-z0-9.])',
  },
  {
    model: 'gpt-4.1',
    alternative: 'gpt-4.1-mini',
    priceRatio: '0.2',
    pattern: '(?<![a-z0-9.-])gpt-4\\.1(?!-mini|-nano)(?![a-z0-9.])',
  },
  {
    model: 'gpt-4-turbo',
    alternative: 'gpt-4o',
    priceRatio: '0.34',
    pattern: '(?<![a-z0-9.-])gpt-4-turbo(?![a-z0-9.])',
  },
  {
    model: 'claude-opus-4-5',
    alternative: 'claude-sonnet-4-5',
    priceRatio: '0.6',
    pattern: 'claude[-_ .]?opus[-_ .]?4[-_.]5',
  },
  {
    model: 'claude-opus',
    alternative: 'claude-sonnet-4',
    priceRatio: '0.2',
    pattern: 'claude[-_ .]?(?:\\d(?:[-_.]\\d)?[-_ .]?)?opus',
  },
  {
    model: 'claude-sonnet',
    alternative: 'claude-3-5-haiku',
    priceRatio: '0.27',
    pattern: 'claude[-_ .]?(?:\\d(?:[-_.]\\d)?[-_ .]?)?sonnet',
  },
  {
    model: 'gemini-2.5-pro',
    alternative: 'gemini-2.5-flash',
    priceRatio: '0.25',
    pattern: 'gemini[-_ ]?2\\.5[-_ ]?pro',
  },
  {
    model: 'gemini-1.5-pro',
    alternative: 'gemini-1.5-flash',
    priceRatio: '0.06',
    pattern: 'gemini[-_ ]?1\\.5[-_ ]?pro',
  },
];

/**
 * The defaults of every threshold.
 *
 * @public
 */
export const DEFAULT_DETECTOR_CONFIG: DetectorConfig = {
  enabled: [...DETECTOR_IDS],
  measure: 'EffectiveCost',
  unusedCommitment: { enabled: true, days: 30, minMonthlyCost: '10' },
  deprecated: {
    enabled: true,
    days: 30,
    minMonthlyCost: '1',
    lifecycles: ['deprecated'],
  },
  idle: {
    enabled: true,
    days: 14,
    minDailyCost: '1.00',
    minTotalCost: '0',
  },
  previousGeneration: {
    enabled: true,
    days: 30,
    minMonthlyCost: '10',
    successors: DEFAULT_SUCCESSORS,
  },
  unattributed: { enabled: true, days: 30, minMonthlyCost: '100' },
  llm: {
    enabled: true,
    days: 30,
    minMonthlySpend: '50',
    models: DEFAULT_MODELS,
    modelTagKeys: ['x_ModelId', 'x_Model'],
  },
};

/** The sections of the detector configuration, one per detector. */
export const SECTIONS = [
  'unusedCommitment',
  'deprecated',
  'idle',
  'previousGeneration',
  'unattributed',
  'llm',
] as const;

export type SectionName = (typeof SECTIONS)[number];

/** The section of each detector. */
export const SECTION_OF: Record<DetectorId, SectionName> = {
  'unused-commitment': 'unusedCommitment',
  'deprecated-or-removed': 'deprecated',
  'idle-resource': 'idle',
  'previous-generation': 'previousGeneration',
  'unattributed-account-spend': 'unattributed',
  'llm-premium-model': 'llm',
};
