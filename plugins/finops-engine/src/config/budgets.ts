import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * Budgets' alerts (`finops.budgets`): the owning team hears once per
 * period of each spend threshold its budget reaches (a share of the
 * budget spent), and once when the forecast at the period's end reaches
 * `forecastThreshold` of the budget (which is also where a budget turns
 * "at risk").
 *
 * @public
 */
export interface BudgetConfig {
  /** Shares of the budget spent that alert, ascending: 0.8 is 80%. */
  alertThresholds: number[];
  /** The share of the budget the forecast must reach to alert and to be "at risk". */
  forecastThreshold: number;
  /** Whether the owners are notified (the thresholds still set the statuses). */
  notify: boolean;
}

/** The defaults of {@link BudgetConfig}. @public */
export const DEFAULT_BUDGET_CONFIG: BudgetConfig = {
  alertThresholds: [0.8, 1],
  forecastThreshold: 1,
  notify: true,
};

const share = (key: string, value: unknown): number => {
  if (typeof value !== 'number' || !(value > 0 && value <= 10))
    throw new InputError(
      `finops.budgets.${key} must be a share of the budget above 0 (0.8 is 80%, 1 the budget itself), got ${JSON.stringify(
        value,
      )}`,
    );
  return value;
};

/** Reads and checks `finops.budgets`; throws an `InputError` naming the bad key. @public */
export function readBudgetConfig(finops: Config | undefined): BudgetConfig {
  const c = finops?.getOptionalConfig('budgets');
  const d = DEFAULT_BUDGET_CONFIG;
  const thresholds = c?.getOptional('alertThresholds');
  if (thresholds !== undefined && !Array.isArray(thresholds))
    throw new InputError(
      'finops.budgets.alertThresholds must be a list of shares, e.g. [0.8, 1]',
    );
  const alertThresholds = thresholds
    ? [
        ...new Set(
          (thresholds as unknown[]).map(v => share('alertThresholds', v)),
        ),
      ].sort((a, b) => a - b)
    : d.alertThresholds;
  const forecast = c?.getOptional('forecastThreshold');
  return {
    alertThresholds,
    forecastThreshold:
      forecast === undefined
        ? d.forecastThreshold
        : share('forecastThreshold', forecast),
    notify: c?.getOptionalBoolean('notify') ?? d.notify,
  };
}
