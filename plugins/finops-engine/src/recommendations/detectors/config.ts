import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  COST_MEASURES,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';

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

/** The id of a built-in detector (its provider id). @public */
export type DetectorId = (typeof DETECTOR_IDS)[number];

/**
 * A previous generation of instance, volume or machine type and the
 * successor its provider lists, with the share of the cost moving to it is
 * expected to save (at list price, for the same size).
 *
 * @public
 */
export interface SuccessorRule {
  /** The previous generation as it shows in SKUs, e.g. `m4`, `gp2`, `Dv2`, `n1`. */
  from: string;
  /** The successor, e.g. `m6i`, `gp3`, `Dv5`, `n2d`. */
  to: string;
  /** Expected saving as a share of the current cost, 0 (exclusive) to 1, as an exact decimal. */
  savingRatio: string;
  /** Only SKUs of this provider (FOCUS ServiceProviderName, any case). */
  provider?: string;
  /** Only SKUs of these services (FOCUS ServiceName, any case). */
  services?: string[];
  /**
   * A regular expression (case-insensitive) the SKU must match. Without
   * one, an instance family `from` followed by a dot and a size
   * (`BoxUsage:m4.xlarge`), not preceded by a letter, digit or dot (so that
   * `ml.m4.xlarge` and `db.m4.large` do not match).
   */
  pattern?: string;
  /** Why the move saves, for the description. */
  note?: string;
}

/**
 * A premium LLM and a cheaper model of the same vendor for the same
 * traffic, with the price of the cheaper one as a share of the premium's.
 *
 * @public
 */
export interface ModelRule {
  /** The premium model, e.g. `gpt-4o`. */
  model: string;
  /** The cheaper model, e.g. `gpt-4o-mini`. */
  alternative: string;
  /** The cheaper model's price as a share of the premium's, 0 to 1 (exclusive), exact. */
  priceRatio: string;
  /**
   * A regular expression (case-insensitive) the SKU or the model tag must
   * match. Without one: the model name, not preceded or followed by a
   * letter, digit, dot or dash.
   */
  pattern?: string;
}

/** Settings every detector has. @public */
export interface DetectorSection {
  enabled: boolean;
  /** Days up to the as-of day the detector reads. */
  days: number;
}

/**
 * The thresholds of the built-in detectors
 * (`finops.recommendations.detectors`). Amounts are exact decimal strings
 * in the currency of the cost they are compared with.
 *
 * @public
 */
export interface DetectorConfig {
  /** The detectors that run (default: all). */
  enabled: DetectorId[];
  /** The measure the detectors add up (`finops.measure`); unused commitment is always EffectiveCost. */
  measure: CostMeasure;
  unusedCommitment: DetectorSection & { minMonthlyCost: string };
  deprecated: DetectorSection & {
    minMonthlyCost: string;
    /** `spec.lifecycle` values that count as deprecated (lower case). */
    lifecycles: string[];
  };
  idle: DetectorSection & {
    /** The least average cost per idle day. */
    minDailyCost: string;
    /** The least total cost of the idle days. */
    minTotalCost: string;
  };
  previousGeneration: DetectorSection & {
    minMonthlyCost: string;
    successors: SuccessorRule[];
  };
  unattributed: DetectorSection & { minMonthlyCost: string };
  llm: DetectorSection & {
    minMonthlySpend: string;
    models: ModelRule[];
    /** Tag keys that name the model, besides the SKU (any case). */
    modelTagKeys: string[];
  };
}

/** What a caller may override: any setting of any section. @public */
export type DetectorConfigOverrides = {
  enabled?: DetectorId[];
  measure?: CostMeasure;
} & {
  [K in Exclude<keyof DetectorConfig, 'enabled' | 'measure'>]?: Partial<
    DetectorConfig[K]
  >;
};

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

const SECTIONS = [
  'unusedCommitment',
  'deprecated',
  'idle',
  'previousGeneration',
  'unattributed',
  'llm',
] as const;

type SectionName = (typeof SECTIONS)[number];

/** The section of each detector. */
export const SECTION_OF: Record<DetectorId, SectionName> = {
  'unused-commitment': 'unusedCommitment',
  'deprecated-or-removed': 'deprecated',
  'idle-resource': 'idle',
  'previous-generation': 'previousGeneration',
  'unattributed-account-spend': 'unattributed',
  'llm-premium-model': 'llm',
};

const MAX_DAYS = 366;
const MAX_PATTERN_LENGTH = 500;

function fail(key: string, message: string): never {
  throw new InputError(`${key} ${message}`);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

function checkDays(key: string, given: unknown): number {
  // a number from an environment variable arrives as text
  const value =
    typeof given === 'string' && /^\d+$/.test(given.trim())
      ? Number(given)
      : given;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > MAX_DAYS
  )
    fail(
      key,
      `must be a whole number of days from 1 to ${MAX_DAYS}, got ${shown(
        value,
      )}`,
    );
  return value;
}

/** A number or decimal text as a decimal; undefined for anything else. */
function decimalOf(value: unknown): Decimal | undefined {
  if (typeof value === 'number' && Number.isFinite(value))
    return Decimal.fromNumber(value);
  if (typeof value === 'string') return Decimal.tryParse(value);
  return undefined;
}

function checkAmount(key: string, value: unknown): string {
  const parsed = decimalOf(value);
  if (!parsed || parsed.isNegative())
    fail(
      key,
      `must be an amount of 0 or more, such as '10.00', got ${shown(value)}`,
    );
  return parsed.toString();
}

function checkRatio(
  key: string,
  value: unknown,
  bounds: { zero: boolean; one: boolean },
): string {
  const parsed = decimalOf(value);
  const ok =
    parsed !== undefined &&
    (bounds.zero ? !parsed.isNegative() : parsed.compare(Decimal.ZERO) > 0) &&
    (bounds.one
      ? parsed.compare(Decimal.parse('1')) <= 0
      : parsed.compare(Decimal.parse('1')) < 0);
  if (!ok)
    fail(
      key,
      `must be a share ${bounds.zero ? 'from 0' : 'above 0'} ${
        bounds.one ? 'up to 1' : 'below 1'
      } such as '0.2', got ${shown(value)}`,
    );
  return parsed!.toString();
}

function checkString(key: string, value: unknown): string {
  if (typeof value !== 'string' || !value.trim())
    fail(key, `must be a non-empty string, got ${shown(value)}`);
  return value.trim();
}

function checkStrings(key: string, value: unknown): string[] {
  if (!Array.isArray(value))
    fail(key, `must be a list of strings, got ${shown(value)}`);
  return value.map((v, i) => checkString(`${key}[${i}]`, v));
}

function checkBoolean(key: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    fail(key, `must be true or false, got ${shown(value)}`);
  return value;
}

function checkPattern(key: string, value: unknown): string {
  const text = checkString(key, value);
  if (text.length > MAX_PATTERN_LENGTH)
    fail(key, `must be at most ${MAX_PATTERN_LENGTH} characters long`);
  try {
    // eslint-disable-next-line no-new
    new RegExp(text, 'i');
  } catch (e) {
    fail(key, `is not a regular expression: ${(e as Error).message}`);
  }
  return text;
}

function checkMeasure(key: string, value: unknown): CostMeasure {
  if (!COST_MEASURES.includes(value as CostMeasure))
    fail(
      key,
      `must be one of ${COST_MEASURES.join(', ')}, got ${shown(value)}`,
    );
  return value as CostMeasure;
}

function checkIds(key: string, value: unknown): DetectorId[] {
  const ids = checkStrings(key, value);
  for (const id of ids)
    if (!(DETECTOR_IDS as readonly string[]).includes(id))
      fail(
        key,
        `names an unknown detector '${id}' (known: ${DETECTOR_IDS.join(', ')})`,
      );
  return DETECTOR_IDS.filter(id => ids.includes(id));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(
  key: string,
  value: Record<string, unknown>,
  known: string[],
) {
  for (const k of Object.keys(value))
    if (!known.includes(k))
      fail(`${key}.${k}`, `is not a setting (known: ${known.join(', ')})`);
}

function checkSuccessor(key: string, value: unknown): SuccessorRule {
  if (!isObject(value))
    fail(
      key,
      `must be an object with from, to and savingRatio, got ${shown(value)}`,
    );
  checkKeys(key, value, [
    'from',
    'to',
    'savingRatio',
    'provider',
    'services',
    'pattern',
    'note',
  ]);
  const rule: SuccessorRule = {
    from: checkString(`${key}.from`, value.from),
    to: checkString(`${key}.to`, value.to),
    savingRatio: checkRatio(`${key}.savingRatio`, value.savingRatio, {
      zero: false,
      one: true,
    }),
  };
  if (value.provider !== undefined)
    rule.provider = checkString(`${key}.provider`, value.provider);
  if (value.services !== undefined)
    rule.services = checkStrings(`${key}.services`, value.services);
  if (value.pattern !== undefined)
    rule.pattern = checkPattern(`${key}.pattern`, value.pattern);
  if (value.note !== undefined)
    rule.note = checkString(`${key}.note`, value.note);
  return rule;
}

function checkModel(key: string, value: unknown): ModelRule {
  if (!isObject(value))
    fail(
      key,
      `must be an object with model, alternative and priceRatio, got ${shown(
        value,
      )}`,
    );
  checkKeys(key, value, ['model', 'alternative', 'priceRatio', 'pattern']);
  const rule: ModelRule = {
    model: checkString(`${key}.model`, value.model),
    alternative: checkString(`${key}.alternative`, value.alternative),
    priceRatio: checkRatio(`${key}.priceRatio`, value.priceRatio, {
      zero: true,
      one: false,
    }),
  };
  if (value.pattern !== undefined)
    rule.pattern = checkPattern(`${key}.pattern`, value.pattern);
  return rule;
}

const successorKey = (r: SuccessorRule) =>
  `${(r.provider ?? '').toLowerCase()}|${r.from.toLowerCase()}`;

/**
 * The rules of a table with the configured ones: a configured rule
 * replaces the default of the same key, others are added after the
 * defaults; with `replaceDefaults`, only the configured ones.
 */
function mergeRules<T>(
  defaults: T[],
  configured: T[],
  replace: boolean,
  keyOf: (rule: T) => string,
): T[] {
  if (replace) return configured;
  const byKey = new Map(configured.map(r => [keyOf(r), r]));
  const merged = defaults.map(r => byKey.get(keyOf(r)) ?? r);
  const known = new Set(defaults.map(keyOf));
  return [...merged, ...configured.filter(r => !known.has(keyOf(r)))];
}

/**
 * One detector's settings over `base`, checked; throws an `InputError`
 * naming the bad key.
 */
function checkSection(
  prefix: string,
  name: SectionName,
  raw: Record<string, unknown>,
  base: DetectorConfig,
): DetectorConfig[SectionName] {
  const key = `${prefix}.${name}`;
  const common = ['enabled', 'days'];
  const get = <T>(
    k: string,
    check: (key: string, v: unknown) => T,
    fallback: T,
  ): T => (raw[k] === undefined ? fallback : check(`${key}.${k}`, raw[k]));
  const enabled = get('enabled', checkBoolean, base[name].enabled);
  const days = get('days', checkDays, base[name].days);
  switch (name) {
    case 'unusedCommitment':
    case 'unattributed': {
      checkKeys(key, raw, [...common, 'minMonthlyCost']);
      return {
        enabled,
        days,
        minMonthlyCost: get(
          'minMonthlyCost',
          checkAmount,
          base[name].minMonthlyCost,
        ),
      };
    }
    case 'deprecated': {
      checkKeys(key, raw, [...common, 'minMonthlyCost', 'lifecycles']);
      return {
        enabled,
        days,
        minMonthlyCost: get(
          'minMonthlyCost',
          checkAmount,
          base.deprecated.minMonthlyCost,
        ),
        lifecycles: get(
          'lifecycles',
          checkStrings,
          base.deprecated.lifecycles,
        ).map(l => l.toLowerCase()),
      };
    }
    case 'idle': {
      checkKeys(key, raw, [...common, 'minDailyCost', 'minTotalCost']);
      return {
        enabled,
        days,
        minDailyCost: get('minDailyCost', checkAmount, base.idle.minDailyCost),
        minTotalCost: get('minTotalCost', checkAmount, base.idle.minTotalCost),
      };
    }
    case 'previousGeneration': {
      checkKeys(key, raw, [
        ...common,
        'minMonthlyCost',
        'successors',
        'replaceDefaults',
      ]);
      const replace = get('replaceDefaults', checkBoolean, false);
      let successors = base.previousGeneration.successors;
      if (raw.successors !== undefined) {
        if (!Array.isArray(raw.successors))
          fail(
            `${key}.successors`,
            `must be a list, got ${shown(raw.successors)}`,
          );
        const configured = raw.successors.map((s, i) =>
          checkSuccessor(`${key}.successors[${i}]`, s),
        );
        successors = mergeRules(successors, configured, replace, successorKey);
      } else if (replace) {
        fail(`${key}.replaceDefaults`, 'needs a list of successors');
      }
      return {
        enabled,
        days,
        minMonthlyCost: get(
          'minMonthlyCost',
          checkAmount,
          base.previousGeneration.minMonthlyCost,
        ),
        successors,
      };
    }
    case 'llm': {
      checkKeys(key, raw, [
        ...common,
        'minMonthlySpend',
        'models',
        'replaceDefaults',
        'modelTagKeys',
      ]);
      const replace = get('replaceDefaults', checkBoolean, false);
      let models = base.llm.models;
      if (raw.models !== undefined) {
        if (!Array.isArray(raw.models))
          fail(`${key}.models`, `must be a list, got ${shown(raw.models)}`);
        const configured = raw.models.map((m, i) =>
          checkModel(`${key}.models[${i}]`, m),
        );
        models = mergeRules(models, configured, replace, m =>
          m.model.toLowerCase(),
        );
      } else if (replace) {
        fail(`${key}.replaceDefaults`, 'needs a list of models');
      }
      return {
        enabled,
        days,
        minMonthlySpend: get(
          'minMonthlySpend',
          checkAmount,
          base.llm.minMonthlySpend,
        ),
        models,
        modelTagKeys: get('modelTagKeys', checkStrings, base.llm.modelTagKeys),
      };
    }
    default:
      throw new Error(`unknown section ${name}`);
  }
}

/** A whole detector configuration over `base`, checked, its keys named from `prefix`. */
function checkConfig(
  prefix: string,
  raw: Record<string, unknown>,
  base: DetectorConfig,
): DetectorConfig {
  checkKeys(prefix, raw, ['enabled', 'measure', ...SECTIONS]);
  const out: DetectorConfig = {
    ...base,
    enabled:
      raw.enabled === undefined
        ? base.enabled
        : checkIds(`${prefix}.enabled`, raw.enabled),
    measure:
      raw.measure === undefined
        ? base.measure
        : checkMeasure(`${prefix}.measure`, raw.measure),
  };
  for (const name of SECTIONS) {
    const section = raw[name];
    if (section === undefined) continue;
    if (!isObject(section))
      fail(`${prefix}.${name}`, `must be an object, got ${shown(section)}`);
    (out as unknown as Record<string, unknown>)[name] = checkSection(
      prefix,
      name,
      section,
      base,
    );
  }
  return out;
}

/**
 * The defaults with the given overrides, checked (an `InputError` names
 * the bad setting). Rule tables given here replace the defaults whole.
 *
 * @public
 */
export function mergeDetectorConfig(
  overrides: DetectorConfigOverrides = {},
  base: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
): DetectorConfig {
  const raw: Record<string, unknown> = { ...overrides };
  for (const name of SECTIONS) {
    const section = overrides[name] as Record<string, unknown> | undefined;
    if (!section) continue;
    const copy: Record<string, unknown> = { ...section };
    if (name === 'previousGeneration' && copy.successors)
      copy.replaceDefaults = true;
    if (name === 'llm' && copy.models) copy.replaceDefaults = true;
    raw[name] = copy;
  }
  return checkConfig('detector config', raw, base);
}

/**
 * Reads `finops.recommendations.detectors` (and `finops.measure`) of
 * app-config; an `InputError` names a bad setting. Configured successor
 * and model rules replace the built-in rule of the same `from` (and
 * provider) or `model`, and are added to the others, unless
 * `replaceDefaults: true`.
 *
 * @public
 */
export function readDetectorConfig(config: Config | undefined): DetectorConfig {
  const measure = config?.getOptionalString('finops.measure');
  const base: DetectorConfig = {
    ...DEFAULT_DETECTOR_CONFIG,
    measure:
      measure === undefined
        ? DEFAULT_DETECTOR_CONFIG.measure
        : checkMeasure('finops.measure', measure),
  };
  const prefix = 'finops.recommendations.detectors';
  const raw = config?.getOptional(prefix) as JsonValue | undefined;
  if (raw === undefined) return base;
  if (!isObject(raw)) fail(prefix, `must be an object, got ${shown(raw)}`);
  return checkConfig(prefix, raw, base);
}

/** Whether a detector runs under a configuration. */
export function isEnabled(config: DetectorConfig, id: DetectorId): boolean {
  return config.enabled.includes(id) && config[SECTION_OF[id]].enabled;
}
