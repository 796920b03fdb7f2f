import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { registerAskActions } from './askActions';
import { registerRecommendationActions } from './recommendationActions';

/**
 * The actions take days as the routes do: a day that is not on the
 * calendar is refused with the same message, before any service is asked.
 */
describe('the days the actions take', () => {
  const credentials = mockCredentials.user('user:default/ana');

  function setup() {
    const registry = actionsRegistryServiceMock();
    const ask: any = {
      entityCost: jest.fn(async () => ({})),
      explainCostChange: jest.fn(async () => ({})),
      topCostDrivers: jest.fn(async () => ({})),
    };
    const recommendations: any = {
      changeStatus: jest.fn(async (_c: unknown, id: string, change: any) => ({
        id,
        status: change.status,
        deferredUntil: change.until,
      })),
    };
    registerAskActions({ actionsRegistry: registry, ask });
    registerRecommendationActions({
      actionsRegistry: registry,
      access: {} as any,
      recommendations,
    });
    return { registry, ask, recommendations };
  }

  /** The zod messages of a refused input. */
  async function refused(promise: Promise<unknown>) {
    const error: any = await promise.then(
      () => undefined,
      e => e,
    );
    expect(error?.name).toBe('InputError');
    return (error.cause?.issues ?? []).map(
      (i: any) => `${i.path.join('.')} ${i.message}`,
    );
  }

  it.each([
    ['get-entity-cost', { entityRef: 'component:default/cart' }],
    ['top-cost-drivers', {}],
    ['explain-cost-change', {}],
  ])(
    '%s refuses a period with a day that is not on the calendar',
    async (action, input) => {
      const { registry, ask } = setup();
      for (const from of ['2026-02-30', '2026-13-01']) {
        const messages = await refused(
          registry.invoke({
            id: `test:${action}`,
            input: { ...input, period: { from, to: '2026-03-31' } },
            credentials,
          }),
        );
        expect(messages).toEqual([
          'period.from must be a calendar date YYYY-MM-DD',
        ]);
      }
      expect(ask.entityCost).not.toHaveBeenCalled();
      expect(ask.topCostDrivers).not.toHaveBeenCalled();
      expect(ask.explainCostChange).not.toHaveBeenCalled();
    },
  );

  it('explain-cost-change refuses a spike day that is not on the calendar', async () => {
    const { registry } = setup();
    expect(
      await refused(
        registry.invoke({
          id: 'test:explain-cost-change',
          input: { day: '2026-02-29' },
          credentials,
        }),
      ),
    ).toEqual(['day must be a calendar date YYYY-MM-DD']);
  });

  it('refuses deferring a recommendation until a day that is not one', async () => {
    const { registry, recommendations } = setup();
    const id = 'rec_0123456789abcdef0123';
    for (const until of ['2026-02-30', '2026-13-01', 'next week']) {
      expect(
        await refused(
          registry.invoke({
            id: 'test:update-recommendation-status',
            input: { id, status: 'deferred', until },
            credentials,
          }),
        ),
      ).toEqual(['until must be a calendar date YYYY-MM-DD']);
    }
    expect(recommendations.changeStatus).not.toHaveBeenCalled();
  });
});
