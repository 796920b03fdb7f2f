import { InputError } from '@backstage/errors';
import {
  COST_MEASURES,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import type {
  DetectorConfig,
  DetectorId,
  ModelRule,
  SuccessorRule,
} from './config';
import { DETECTOR_IDS, SectionName, SECTIONS } from './defaults';

// Checking detector configuration: each setting's type and range, with an InputError that names the key.

const MAX_DAYS = 366;
const MAX_PATTERN_LENGTH = 500;

export function fail(key: string, message: string): never {
  throw new InputError(`${key} ${message}`);
}

export function shown(value: unknown): string {
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

export function checkMeasure(key: string, value: unknown): CostMeasure {
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

export function isObject(value: unknown): value is Record<string, unknown> {
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
export function checkConfig(
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
