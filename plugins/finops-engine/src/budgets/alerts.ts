import type {
  BudgetAdherenceFigures,
  BudgetStatus,
  BudgetThreshold,
} from '@costwise/plugin-finops-common';
import type { StoredBudgetAlert } from '../stores';

/**
 * The alert of a budget's period: the thresholds newly crossed (recorded,
 * so that each alerts once per period) and the status to tell the owning
 * team about. One notification per budget and period, updated in place as
 * thresholds are crossed.
 *
 * @public
 */
export interface BudgetAlert {
  status: BudgetStatus;
  /** The group the alert goes to. */
  owner: string;
  /** The entity's title, else its name. */
  title: string;
  /** The thresholds crossed since the last alert of the period. */
  thresholds: BudgetThreshold[];
  /** The recorded rows, to release when sending fails. */
  records: StoredBudgetAlert[];
}

/** `spend:0.8`, `forecast:1`. @public */
export function thresholdKey(threshold: BudgetThreshold): string {
  return `${threshold.kind}:${threshold.share}`;
}

/** The records of the thresholds a status has crossed (owned budgets only). */
export function alertRecords(
  status: BudgetStatus,
  sentAt: string,
): StoredBudgetAlert[] {
  if (!status.owner || status.status === 'currency-mismatch') return [];
  return status.thresholdsCrossed.map(threshold => ({
    entityRef: status.budget.entityRef,
    period: status.budget.period,
    periodStart: status.period.from,
    threshold: thresholdKey(threshold),
    amount: status.budget.amount,
    currency: status.budget.currency,
    spent: status.spent,
    forecast: status.forecast.amount,
    sentAt,
  }));
}

/** Budgets on track among those compared (a currency mismatch is not compared). @public */
export function adherenceOf(statuses: BudgetStatus[]): BudgetAdherenceFigures {
  const compared = statuses.filter(s => s.status !== 'currency-mismatch');
  const onTrack = compared.filter(s => s.status === 'on-track').length;
  return {
    share: compared.length ? onTrack / compared.length : null,
    onTrack,
    total: compared.length,
  };
}

/** The alert's headline: the most severe threshold crossed. @public */
export function alertTitle(alert: BudgetAlert): string {
  const { status, title: name } = alert;
  const percent = `${Math.round(status.shareSpent * 100)}%`;
  const label = status.period.label;
  if (status.status === 'over')
    return `${name} is over its ${status.budget.period} budget for ${label}: ${percent} spent`;
  const spend = status.thresholdsCrossed.filter(t => t.kind === 'spend');
  if (spend.length)
    return `${name} has spent ${percent} of its ${status.budget.period} budget for ${label}`;
  return `${name} is forecast to exceed its ${status.budget.period} budget for ${label}`;
}
