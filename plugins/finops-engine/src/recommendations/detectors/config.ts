import type { Config } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import {
  checkConfig,
  checkMeasure,
  fail,
  isObject,
  shown,
} from './configCheck';
import {
  DEFAULT_DETECTOR_CONFIG,
  DETECTOR_IDS,
  SECTION_OF,
  SECTIONS,
} from './defaults';

export {
  DEFAULT_DETECTOR_CONFIG,
  DEFAULT_MODELS,
  DEFAULT_SUCCESSORS,
  DETECTOR_IDS,
  SECTION_OF,
} from './defaults';

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
