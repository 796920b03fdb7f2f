import { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';
import {
  builtinDetectors,
  DEFAULT_DETECTOR_CONFIG,
  DEFAULT_MODELS,
  DEFAULT_SUCCESSORS,
  mergeDetectorConfig,
  readDetectorConfig,
} from '.';
import {
  compileModels,
  compileSuccessors,
  modelFor,
  successorFor,
} from './matching';

const read = (detectors: unknown, finops: Record<string, unknown> = {}) =>
  readDetectorConfig(
    new ConfigReader({
      finops: { ...finops, recommendations: { detectors } },
    } as any),
  );

describe('readDetectorConfig', () => {
  it('gives the defaults without config', () => {
    expect(readDetectorConfig(undefined)).toEqual(DEFAULT_DETECTOR_CONFIG);
    expect(readDetectorConfig(new ConfigReader({}))).toEqual(
      DEFAULT_DETECTOR_CONFIG,
    );
    expect(DEFAULT_DETECTOR_CONFIG).toMatchObject({
      measure: 'EffectiveCost',
      unusedCommitment: { days: 30, minMonthlyCost: '10' },
      deprecated: { days: 30, minMonthlyCost: '1', lifecycles: ['deprecated'] },
      idle: { days: 14, minDailyCost: '1.00', minTotalCost: '0' },
      previousGeneration: { days: 30, minMonthlyCost: '10' },
      unattributed: { days: 30, minMonthlyCost: '100' },
      llm: { days: 30, minMonthlySpend: '50' },
    });
  });

  it('reads thresholds, the measure and which detectors run', () => {
    const config = read(
      {
        enabled: ['idle-resource', 'unused-commitment', 'llm-premium-model'],
        idle: { days: 7, minDailyCost: 2.5, minTotalCost: '20' },
        unusedCommitment: { days: '14' },
        llm: { enabled: false },
        deprecated: { lifecycles: ['Deprecated', 'retired'] },
      },
      { measure: 'BilledCost' },
    );
    expect(config.measure).toBe('BilledCost');
    expect(config.enabled).toEqual([
      'unused-commitment',
      'idle-resource',
      'llm-premium-model',
    ]);
    expect(config.idle).toEqual({
      enabled: true,
      days: 7,
      minDailyCost: '2.5',
      minTotalCost: '20',
    });
    expect(config.unusedCommitment.days).toBe(14);
    expect(config.deprecated.lifecycles).toEqual(['deprecated', 'retired']);
    const ids = builtinDetectors({
      knex: {} as Knex,
      catalogEntities: async () => [],
      config,
    }).map(d => d.id);
    // llm is in the list but turned off itself
    expect(ids).toEqual(['unused-commitment', 'idle-resource']);
  });

  it('replaces built-in rules of the same generation or model and adds others', () => {
    const config = read({
      previousGeneration: {
        successors: [
          { from: 'm4', to: 'm7i', savingRatio: 0.1, provider: 'AWS' },
          { from: 'x1', to: 'x2idn', savingRatio: '0.3' },
        ],
      },
      llm: {
        models: [
          { model: 'gpt-4o', alternative: 'gpt-4.1-mini', priceRatio: '0.16' },
        ],
      },
    });
    const successors = config.previousGeneration.successors;
    expect(successors).toHaveLength(DEFAULT_SUCCESSORS.length + 1);
    expect(successors.find(s => s.from === 'm4')).toEqual({
      from: 'm4',
      to: 'm7i',
      savingRatio: '0.1',
      provider: 'AWS',
    });
    expect(successors[successors.length - 1].from).toBe('x1');
    expect(config.llm.models).toHaveLength(DEFAULT_MODELS.length);
    expect(config.llm.models[0]).toEqual({
      model: 'gpt-4o',
      alternative: 'gpt-4.1-mini',
      priceRatio: '0.16',
    });

    const only = read({
      previousGeneration: {
        replaceDefaults: true,
        successors: [{ from: 'x1', to: 'x2idn', savingRatio: '0.3' }],
      },
    });
    expect(only.previousGeneration.successors.map(s => s.from)).toEqual(['x1']);
  });

  it.each([
    [
      { idle: { days: 0 } },
      /idle\.days must be a whole number of days from 1 to 366, got 0/,
    ],
    [{ idle: { days: 2.5 } }, /idle\.days must be a whole number/],
    [
      { idle: { minDailyCost: '-1' } },
      /idle\.minDailyCost must be an amount of 0 or more/,
    ],
    [{ idle: { minDailyCost: 'cheap' } }, /idle\.minDailyCost .*got 'cheap'/],
    [{ idle: { day: 3 } }, /idle\.day is not a setting/],
    [{ idle: { enabled: 'no' } }, /idle\.enabled must be true or false/],
    [{ enabled: ['idle'] }, /enabled names an unknown detector 'idle'/],
    [{ measure: 'Cost' }, /measure must be one of/],
    [{ idle: 3 }, /detectors\.idle must be an object/],
    [
      {
        previousGeneration: {
          successors: [{ from: 'm4', to: 'm6i', savingRatio: 1.5 }],
        },
      },
      /successors\[0\]\.savingRatio must be a share above 0 up to 1/,
    ],
    [
      { previousGeneration: { successors: [{ from: 'm4', to: 'm6i' }] } },
      /successors\[0\]\.savingRatio must be a share/,
    ],
    [
      {
        previousGeneration: {
          successors: [
            { from: 'm4', to: 'm6i', savingRatio: 0.1, pattern: '(' },
          ],
        },
      },
      /successors\[0\]\.pattern is not a regular expression/,
    ],
    [
      {
        llm: {
          models: [
            { model: 'gpt-4o', alternative: 'gpt-4o-mini', priceRatio: 1 },
          ],
        },
      },
      /models\[0\]\.priceRatio must be a share from 0 below 1/,
    ],
    [
      { llm: { replaceDefaults: true } },
      /llm\.replaceDefaults needs a list of models/,
    ],
    [{ unattributed: { minMonthlyCost: [1] } }, /unattributed\.minMonthlyCost/],
  ])('rejects %j', (detectors, message) => {
    expect(() => read(detectors)).toThrow(message);
  });

  it('names the whole key in its errors', () => {
    expect(() => read({ idle: { days: 0 } })).toThrow(
      /^finops\.recommendations\.detectors\.idle\.days /,
    );
    expect(() => mergeDetectorConfig({ idle: { days: -1 } })).toThrow(
      /idle\.days must be/,
    );
  });
});

describe('the built-in tables', () => {
  const successors = compileSuccessors(DEFAULT_SUCCESSORS);
  const generation = (provider: string, service: string, sku: string) =>
    successorFor(successors, provider, service, sku)?.rule.to;

  it.each([
    ['AWS', 'Amazon Elastic Compute Cloud', 'BoxUsage:m4.xlarge', 'm6i'],
    ['AWS', 'Amazon Elastic Compute Cloud', 'EU-BoxUsage:t2.micro', 't3'],
    ['AWS', 'AWS Batch', 'BoxUsage:c5.4xlarge', 'c7g'],
    ['AWS', 'Amazon Elastic Compute Cloud', 'BoxUsage:m5.xlarge', 'm7g'],
    ['AWS', 'Amazon Elastic Compute Cloud', 'BoxUsage:m5d.xlarge', undefined],
    ['AWS', 'Amazon Elastic Compute Cloud', 'BoxUsage:m6i.xlarge', undefined],
    ['AWS', 'Amazon SageMaker', 'Host:ml.m4.xlarge', undefined],
    [
      'AWS',
      'Amazon Relational Database Service',
      'InstanceUsage:db.m4.large',
      undefined,
    ],
    ['AWS', 'Amazon Elastic Block Store', 'VolumeUsage.gp2', 'gp3'],
    ['AWS', 'Amazon Relational Database Service', 'RDS:GP2-Storage', undefined],
    ['Microsoft', 'Virtual Machines', 'D4 v2', 'Dv5'],
    ['Microsoft', 'Virtual Machines', 'DS3 v2', 'Dv5'],
    ['Microsoft', 'Virtual Machines', 'Standard_D2_v2', 'Dv5'],
    ['Microsoft', 'Virtual Machines', 'D4s v5', undefined],
    ['Google Cloud', 'Compute Engine', 'N1 Predefined Instance Core', 'n2d'],
    ['Google Cloud', 'Compute Engine', 'n1-standard-4', 'n2d'],
    ['Google Cloud', 'Compute Engine', 'N2 Instance Core', undefined],
    ['Microsoft', 'Virtual Machines', 'BoxUsage:m4.large', undefined],
  ])('%s %s %s → %s', (provider, service, sku, to) => {
    expect(generation(provider, service, sku)).toBe(to);
  });

  const models = compileModels(DEFAULT_MODELS);
  it.each([
    ['gpt-4o', 'gpt-4o-mini'],
    ['gpt-4o-2024-08-06', 'gpt-4o-mini'],
    ['gpt-4o-0806 Inp regnl Tokens', 'gpt-4o-mini'],
    ['gpt-4o-mini', undefined],
    ['gpt-4o-mini-2024-07-18', undefined],
    ['gpt-4.1', 'gpt-4.1-mini'],
    ['gpt-4.1-nano', undefined],
    ['claude-sonnet-4-20250514', 'claude-3-5-haiku'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-haiku'],
    ['USE1-Claude3.5Sonnet-input-tokens', 'claude-3-5-haiku'],
    ['claude-3-opus-20240229', 'claude-sonnet-4'],
    ['claude-opus-4-1-20250805', 'claude-sonnet-4'],
    ['claude-opus-4-5-20251101', 'claude-sonnet-4-5'],
    ['claude-3-5-haiku-20241022', undefined],
    ['gemini-2.5-pro', 'gemini-2.5-flash'],
    ['text-embedding-3-small', undefined],
  ])('%s → %s', (sku, alternative) => {
    expect(modelFor(models, sku)?.rule.alternative).toBe(alternative);
  });
});
