import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { Decimal } from '@costwise/plugin-finops-common';
import type {
  RecommendationService,
  StoredRecommendation,
} from '@costwise/plugin-finops-engine';

/** The Recommendations tab of an entity, as a link relative to the app. */
export function recommendationsLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}/recommendations`;
}

const money = (amount: string, currency: string) =>
  `${Decimal.parse(amount).toFixed(2)} ${currency}`;

/**
 * Notifies owners through Backstage notifications: each new recommendation
 * that saves at least `notifyAbove` a month (one notification per
 * recommendation, updated in place through its `scope`; `topic` per source,
 * so users can mute a source), and a weekly digest of each owner's open
 * ones. The notifications backend resolves an entity to its owning group's
 * members. A failure to notify is logged, never thrown.
 */
export function recommendationNotifier(options: {
  notifications: NotificationService;
  notifyAbove: string;
  logger: LoggerService;
}) {
  const { notifications, logger } = options;
  const floor = Decimal.parse(options.notifyAbove);
  return async (created: StoredRecommendation[]) => {
    for (const rec of created) {
      if (!rec.ownerRef) continue;
      if (Decimal.parse(rec.estimatedMonthlySavings).compare(floor) < 0)
        continue;
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: rec.ownerRef },
          payload: {
            title: `Save ${money(
              rec.estimatedMonthlySavings,
              rec.currency,
            )} a month: ${rec.subcategory.toLowerCase()} of ${
              rec.resourceId ?? rec.ownerRef
            }`,
            description: rec.row.RecommendationDescription.slice(0, 500),
            link: recommendationsLink(rec.ownerRef),
            severity: 'normal',
            topic: `costwise-recommendations-${rec.source}`,
            scope: `costwise:recommendation:${rec.id}`,
          },
        });
      } catch (error) {
        logger.warn(
          `Could not notify the owners of ${rec.ownerRef} of recommendation ${
            rec.id
          }: ${(error as Error).message}`,
        );
      }
    }
  };
}

/** Schedules the weekly digest of open recommendations, per owner. */
export async function scheduleRecommendationDigest(options: {
  scheduler: SchedulerService;
  notifications: NotificationService;
  recommendations: RecommendationService;
  logger: LoggerService;
}) {
  const { scheduler, notifications, recommendations, logger } = options;
  await scheduler.scheduleTask({
    id: 'finops-recommendations-digest',
    frequency: { cron: '0 8 * * 1' },
    timeout: { minutes: 10 },
    scope: 'global',
    fn: async () => {
      const open = await recommendations.list({
        statuses: ['open', 'acknowledged'],
      });
      const byOwner = new Map<string, StoredRecommendation[]>();
      for (const rec of open) {
        if (!rec.ownerRef) continue;
        let list = byOwner.get(rec.ownerRef);
        if (!list) byOwner.set(rec.ownerRef, (list = []));
        list.push(rec);
      }
      for (const [owner, list] of byOwner) {
        const byCurrency = new Map<string, Decimal>();
        for (const r of list)
          byCurrency.set(
            r.currency,
            (byCurrency.get(r.currency) ?? Decimal.ZERO).add(
              Decimal.parse(r.estimatedMonthlySavings),
            ),
          );
        const total = [...byCurrency]
          .map(([c, a]) => money(a.toString(), c))
          .join(' + ');
        try {
          await notifications.send({
            recipients: { type: 'entity', entityRef: owner },
            payload: {
              title: `${list.length} open recommendation${
                list.length === 1 ? '' : 's'
              } for ${owner}: ${total} a month`,
              description: 'The weekly digest of open cost recommendations.',
              link: recommendationsLink(owner),
              severity: 'low',
              topic: 'costwise-recommendations-digest',
              scope: `costwise:recommendations-digest:${owner}`,
            },
          });
        } catch (error) {
          logger.warn(
            `Could not send the recommendation digest of ${owner}: ${
              (error as Error).message
            }`,
          );
        }
      }
    },
  });
}
