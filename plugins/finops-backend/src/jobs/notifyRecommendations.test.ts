import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { RecommendationStatus } from '@costwise/plugin-finops-common';
import type {
  RecommendationFilter,
  RecommendationService,
  StoredRecommendation,
} from '@costwise/plugin-finops-engine';
import { scheduleRecommendationDigest } from './notifyRecommendations';

const stored = (
  id: string,
  ownerRef: string | null,
  status: RecommendationStatus,
  estimatedMonthlySavings: string,
  currency = 'USD',
): StoredRecommendation => ({
  id,
  source: 'coh',
  format: 'aws-cost-optimization-hub',
  recommendationId: id,
  row: {
    RecommendationId: id,
    RecommendationCategory: 'Cost',
    RecommendationSubcategory: 'Rightsizing',
    RecommendationDescription: `Rightsize ${id}`,
    EstimatedMonthlyCostImpact: `-${estimatedMonthlySavings}`,
    Currency: currency,
    DataGeneratorName: 'AWS Cost Optimization Hub',
  },
  resourceId: `i-${id}`,
  subcategory: 'Rightsizing',
  estimatedMonthlySavings,
  currency,
  ownerRef,
  sharedWith: [],
  status,
  firstSeen: '2025-03-01T00:00:00.000Z',
  lastSeen: '2025-03-01T00:00:00.000Z',
  statusChangedAt: '2025-03-01T00:00:00.000Z',
});

const CART = 'component:default/cart';
const PAY = 'component:default/payments';
const all = [
  stored('a', CART, 'open', '100.10'),
  stored('b', CART, 'acknowledged', '20.01'),
  stored('c', CART, 'open', '7', 'EUR'),
  // not waiting for the team this week: none of these is in the digest
  stored('d', CART, 'deferred', '1000'),
  stored('e', CART, 'dismissed', '1000'),
  stored('f', CART, 'implemented', '1000'),
  stored('g', CART, 'expired', '1000'),
  stored('h', PAY, 'dismissed', '50'),
  // unowned: the admins' queue, no one's digest
  stored('i', null, 'open', '500'),
];

/** The store's filter on statuses, over the records above. */
const recommendations = {
  list: async (filter: RecommendationFilter) =>
    all.filter(r => !filter.statuses || filter.statuses.includes(r.status)),
} as unknown as RecommendationService;

describe('the weekly digest of open recommendations', () => {
  it("tells each owner (its owning group's members) of its open ones, in one notification updated each week", async () => {
    const tasks: Array<
      SchedulerServiceTaskScheduleDefinition & { fn: () => Promise<void> }
    > = [];
    const scheduler = {
      scheduleTask: async (task: any) => {
        tasks.push(task);
      },
    } as any;
    const sent: NotificationSendOptions[] = [];
    const notifications = {
      send: async (n: NotificationSendOptions) => {
        sent.push(n);
      },
    };
    await scheduleRecommendationDigest({
      scheduler,
      notifications,
      recommendations,
      logger: mockServices.logger.mock(),
    });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      id: 'finops-recommendations-digest',
      frequency: { cron: '0 8 * * 1' },
      scope: 'global',
    });

    await tasks[0].fn();
    // the notifications backend sends an entity's notification to its owners
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: CART },
        payload: {
          title: `3 open recommendations for ${CART}: 120.11 USD + 7.00 EUR a month`,
          description: 'The weekly digest of open cost recommendations.',
          link: '/catalog/default/component/cart/recommendations',
          severity: 'low',
          topic: 'costwise-recommendations-digest',
          scope: `costwise:recommendations-digest:${CART}`,
        },
      },
    ]);

    // next week: the same scope, so the notification is updated, not stacked
    all[0].status = 'implemented';
    await tasks[0].fn();
    expect(sent).toHaveLength(2);
    expect(sent[1].payload.scope).toBe(sent[0].payload.scope);
    expect(sent[1].payload.title).toBe(
      `2 open recommendations for ${CART}: 20.01 USD + 7.00 EUR a month`,
    );
  });

  it('logs a notification that cannot be sent and goes on with the next owner', async () => {
    let fn: (() => Promise<void>) | undefined;
    const logger = mockServices.logger.mock();
    const tried: string[] = [];
    await scheduleRecommendationDigest({
      scheduler: {
        scheduleTask: async (task: any) => {
          fn = task.fn;
        },
      } as any,
      notifications: {
        send: async (n: NotificationSendOptions) => {
          tried.push((n.recipients as { entityRef: string }).entityRef);
          if (tried.length === 1) throw new Error('notifications are down');
        },
      },
      recommendations: {
        list: async () => [
          stored('x', CART, 'open', '1'),
          stored('y', PAY, 'open', '2'),
        ],
      } as unknown as RecommendationService,
      logger,
    });
    await fn!();
    expect(tried).toEqual([CART, PAY]);
    expect(logger.warn).toHaveBeenCalledWith(
      `Could not send the recommendation digest of ${CART}: notifications are down`,
    );
  });
});
