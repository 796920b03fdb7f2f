import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * How anomalies are detected (`finops.anomalies`). A day is anomalous when
 * its cost rises above what the same weekdays of the series' recent weeks
 * predict by at least `threshold` robust standard deviations AND by at
 * least `minImpact` AND by at least `minRelative` of the expected cost, and
 * the day's cost is at least `minDailySpend`.
 *
 * @public
 */
export interface AnomalyConfig {
  /** Whether detection runs after each attribution run. */
  enabled: boolean;
  /** Days of history the baseline is computed from: whole weeks, 14 to 91. */
  baselineDays: number;
  /** Days of data a series needs before its days are judged. */
  minHistoryDays: number;
  /** Days up to the last day with data that each detection (re)examines. */
  lookbackDays: number;
  /** How many robust standard deviations above the expected cost a day must be. */
  threshold: number;
  /** The absolute gate: the least rise of a day, in the currency (decimal text). */
  minImpact: string;
  /** The relative gate: the least rise of a day as a share of its expected cost. */
  minRelative: number;
  /** The spend floor: a day costing less than this is never anomalous (decimal text). */
  minDailySpend: string;
  /** Each "not an anomaly" on a series multiplies its threshold by this. */
  feedbackFactor: number;
  /** Whether the owners of new anomalies are notified. */
  notify: boolean;
}

/** The defaults of {@link AnomalyConfig}. @public */
export const DEFAULT_ANOMALY_CONFIG: AnomalyConfig = {
  enabled: true,
  baselineDays: 28,
  minHistoryDays: 14,
  lookbackDays: 30,
  threshold: 4,
  minImpact: '50',
  minRelative: 0.2,
  minDailySpend: '10',
  feedbackFactor: 1.5,
  notify: true,
};

const AMOUNT = /^\d+(\.\d+)?$/;

/** Reads and checks `finops.anomalies`; throws an `InputError` naming the bad key. @public */
export function readAnomalyConfig(finops: Config | undefined): AnomalyConfig {
  const c = finops?.getOptionalConfig('anomalies');
  const d = DEFAULT_ANOMALY_CONFIG;
  const number = (key: string, fallback: number) =>
    c?.getOptionalNumber(key) ?? fallback;
  const amount = (key: string, fallback: string) => {
    const value = c?.getOptional(key);
    if (value === undefined) return fallback;
    const text = String(value).trim();
    if (!AMOUNT.test(text))
      throw new InputError(
        `finops.anomalies.${key} must be an amount of 0 or more such as 50 or 12.5, got '${text}'`,
      );
    return text;
  };
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const value = number(key, fallback);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new InputError(
        `finops.anomalies.${key} must be a whole number from ${min} to ${max}, got ${value}`,
      );
    return value;
  };
  const baselineDays = whole('baselineDays', d.baselineDays, 14, 91);
  if (baselineDays % 7 !== 0)
    throw new InputError(
      `finops.anomalies.baselineDays must be whole weeks (14, 21, 28, ...), so that every weekday counts alike; got ${baselineDays}`,
    );
  const threshold = number('threshold', d.threshold);
  if (!(threshold > 0 && threshold <= 50))
    throw new InputError(
      `finops.anomalies.threshold must be above 0 and at most 50 (robust standard deviations), got ${threshold}`,
    );
  const minRelative = number('minRelative', d.minRelative);
  if (!(minRelative >= 0 && minRelative <= 100))
    throw new InputError(
      `finops.anomalies.minRelative must be a share from 0 (0.2: 20% above the expected cost), got ${minRelative}`,
    );
  const feedbackFactor = number('feedbackFactor', d.feedbackFactor);
  if (!(feedbackFactor >= 1 && feedbackFactor <= 10))
    throw new InputError(
      `finops.anomalies.feedbackFactor must be from 1 to 10, got ${feedbackFactor}`,
    );
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? d.enabled,
    baselineDays,
    minHistoryDays: whole('minHistoryDays', d.minHistoryDays, 7, 91),
    lookbackDays: whole('lookbackDays', d.lookbackDays, 1, 366),
    threshold,
    minImpact: amount('minImpact', d.minImpact),
    minRelative,
    minDailySpend: amount('minDailySpend', d.minDailySpend),
    feedbackFactor,
    notify: c?.getOptionalBoolean('notify') ?? d.notify,
  };
}
