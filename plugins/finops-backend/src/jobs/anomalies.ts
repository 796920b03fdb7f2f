import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { Decimal } from '@costwise/plugin-finops-common';
import {
  AnomalyService,
  AttributionRunner,
  dayWithWeekday,
  formatAmount,
  StoredAnomaly,
} from '@costwise/plugin-finops-engine';

/** The entity's Costs tab with the anomaly open, as a link relative to the app. */
export function anomalyLink(anomaly: Pick<StoredAnomaly, 'entityRef' | 'id'>) {
  const { kind, namespace, name } = parseEntityRef(anomaly.entityRef);
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}/costs?anomaly=${
    anomaly.id
  }`;
}

/** The notification of an anomaly: its entity's owners hear it once, updated in place. */
export function anomalyNotification(anomaly: StoredAnomaly) {
  const { name } = parseEntityRef(anomaly.entityRef);
  const subject =
    anomaly.scope === 'resource' && anomaly.resourceId
      ? `${anomaly.resourceId} of ${name}`
      : name;
  const when =
    anomaly.days === 1
      ? `on ${dayWithWeekday(anomaly.day)}`
      : `from ${dayWithWeekday(anomaly.day)} (${anomaly.days} days)`;
  const expected = Decimal.parse(anomaly.expected);
  // well above its usual cost, or new cost: high
  const high =
    expected.compare(Decimal.ZERO) <= 0 ||
    Decimal.parse(anomaly.impact).compare(expected) >= 0;
  return {
    recipients: { type: 'entity' as const, entityRef: anomaly.entityRef },
    payload: {
      title: `Cost anomaly: ${subject} cost ${formatAmount(
        anomaly.impact,
        anomaly.currency,
      )} more than expected ${when}`,
      description: anomaly.explanation.slice(0, 1000),
      link: anomalyLink(anomaly),
      severity: high ? ('high' as const) : ('normal' as const),
      topic: 'costwise-anomalies',
      scope: `costwise:anomaly:${anomaly.id}`,
    },
  };
}

/**
 * Detects anomalies once at start-up (on data attributed before this
 * version ran, or while it was down) and after each attribution run (each
 * ingestion ends with one), one pass at a time, and notifies the owners of the entity of each
 * anomaly found for the first time, and again, in place (the same `scope`),
 * when a new one goes on and grows. A failure is logged, never thrown.
 */
export function scheduleAnomalies(options: {
  attribution: Pick<AttributionRunner, 'onRun'>;
  anomalies: AnomalyService;
  notifications?: NotificationService;
  notify: boolean;
  lifecycle?: Pick<LifecycleService, 'addStartupHook'>;
  logger: LoggerService;
}): { detect: () => Promise<void> } {
  const { anomalies, notifications, logger } = options;
  const notify = async (list: StoredAnomaly[]) => {
    if (!notifications || !options.notify) return;
    for (const anomaly of list) {
      try {
        await notifications.send(anomalyNotification(anomaly));
      } catch (error) {
        logger.warn(
          `Could not notify the owners of ${anomaly.entityRef} of anomaly ${
            anomaly.id
          }: ${(error as Error).message}`,
        );
      }
    }
  };
  let chain: Promise<void> = Promise.resolve();
  const detect = () => {
    chain = chain.then(async () => {
      try {
        const run = await anomalies.detect();
        await notify([
          ...run.created,
          ...run.updated.filter(a => a.status === 'new'),
        ]);
      } catch (error) {
        logger.error(`Anomaly detection failed: ${(error as Error).message}`);
      }
    });
    return chain;
  };
  options.attribution.onRun(() => detect());
  options.lifecycle?.addStartupHook(() => {
    void detect();
  });
  return { detect };
}
