import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  alertTitle,
  AttributionRunner,
  BudgetAlert,
  BudgetService,
} from '@costwise/plugin-finops-engine';

/** The entity's Costs tab (where its budget line is), as a link relative to the app. */
export function budgetLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}/costs`;
}

/**
 * The notification of a budget's period to its owning group: one per
 * budget and period (its `scope`), updated in place as thresholds are
 * crossed.
 */
export function budgetNotification(alert: BudgetAlert) {
  const { status } = alert;
  const crossedFull = status.thresholdsCrossed.some(
    t => t.kind === 'spend' && t.share >= 1,
  );
  return {
    recipients: { type: 'entity' as const, entityRef: alert.owner },
    payload: {
      title: alertTitle(alert),
      description: status.message.slice(0, 1000),
      link: budgetLink(status.budget.entityRef),
      severity:
        status.status === 'over' || crossedFull
          ? ('high' as const)
          : ('normal' as const),
      topic: 'costwise-budgets',
      scope: `finops:budget:${status.budget.entityRef}:${status.period.from}`,
    },
  };
}

/**
 * Evaluates the budgets' alerts once at start-up (thresholds crossed while
 * the backend was down) and after each attribution run (each ingestion
 * ends with one), one evaluation at a time, and sends each to the owning
 * group. Each threshold alerts once per period: the evaluation records it
 * before it is sent (so replicas do not both send it), and a failure to
 * send releases it for the next evaluation. A failure is logged, never
 * thrown.
 */
export function scheduleBudgetAlerts(options: {
  attribution: Pick<AttributionRunner, 'onRun'>;
  budgets: BudgetService;
  notifications: NotificationService;
  lifecycle?: Pick<LifecycleService, 'addStartupHook'>;
  logger: LoggerService;
}): { evaluate: () => Promise<void> } {
  const { budgets, notifications, logger } = options;
  let chain: Promise<void> = Promise.resolve();
  const run = async () => {
    let alerts: BudgetAlert[];
    try {
      alerts = await budgets.evaluateAlerts();
    } catch (error) {
      logger.error(
        `Evaluating the budgets' alerts failed: ${(error as Error).message}`,
      );
      return;
    }
    for (const alert of alerts) {
      try {
        await notifications.send(budgetNotification(alert));
        logger.info('Sent a budget alert', {
          entity: alert.status.budget.entityRef,
          period: alert.status.period.label,
          thresholds: alert.thresholds
            .map(t => `${t.kind} ${t.share}`)
            .join(', '),
          owner: alert.owner,
        });
      } catch (error) {
        logger.warn(
          `Could not notify ${alert.owner} of the budget of ${
            alert.status.budget.entityRef
          }: ${(error as Error).message}`,
        );
        await budgets.releaseAlert(alert).catch(() => undefined);
      }
    }
  };
  const evaluate = () => {
    chain = chain.then(run);
    return chain;
  };
  options.attribution.onRun(() => evaluate());
  options.lifecycle?.addStartupHook(() => {
    void evaluate();
  });
  return { evaluate };
}
