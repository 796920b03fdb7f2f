import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import { recommendationNotifier } from '../jobs/notifyRecommendations';
import { registerRecommendationActions } from './recommendationActions';

const rec = {
  id: 'rec_0123456789abcdef0123',
  resourceId: 'i-cart',
  owner: 'component:default/cart',
  subcategory: 'Rightsizing',
  description: 'Downsize the cart instances',
  estimatedMonthlySavings: '40',
  currency: 'USD',
  status: 'open',
  source: 'acme',
  sharedWith: [],
};

describe('the recommendation actions', () => {
  function setup(readable: boolean) {
    const registry = actionsRegistryServiceMock();
    const access: any = {
      entityByRef: jest.fn(async (_c: unknown, ref: string) =>
        ref === 'component:default/cart'
          ? { kind: 'Component', metadata: { name: 'cart' } }
          : undefined,
      ),
      allowed: jest.fn(
        async (_c: unknown, _a: string, refs: string[]) =>
          new Set(readable ? refs : []),
      ),
    };
    const recommendations: any = {
      forEntity: jest.fn(async () => ({
        entityRef: 'component:default/cart',
        currency: 'USD',
        open: { count: 1, monthlySavings: '40.00' },
        items: [rec],
      })),
      changeStatus: jest.fn(async (_c: unknown, id: string, change: any) => {
        if (!readable) throw new NotAllowedError('not yours');
        return { ...rec, id, status: change.status };
      }),
    };
    registerRecommendationActions({
      actionsRegistry: registry,
      access,
      recommendations,
    });
    return { registry, recommendations };
  }
  const credentials = mockCredentials.user('user:default/ana');

  it('lists an entity’s recommendations with the caller’s permissions, savings as exact strings', async () => {
    const { registry, recommendations } = setup(true);
    const result = await registry.invoke({
      id: 'test:list-recommendations',
      input: { entityRef: 'component:default/cart' },
      credentials,
    });
    expect(result.output).toEqual({
      entityRef: 'component:default/cart',
      openCount: 1,
      openMonthlySavings: '40.00',
      currency: 'USD',
      items: [
        expect.objectContaining({
          id: rec.id,
          estimatedMonthlySavings: '40',
          owner: 'component:default/cart',
        }),
      ],
    });
    expect(recommendations.forEntity.mock.calls[0][2]).toEqual({
      status: ['open', 'acknowledged', 'deferred'],
    });
    const listed = (await registry.list()).actions.map(a => [
      a.name,
      a.attributes.readOnly,
    ]);
    expect(listed).toEqual([
      ['list-recommendations', true],
      ['update-recommendation-status', false],
    ]);
  });

  it('refuses an entity the caller may not read, and a change it may not make', async () => {
    const { registry } = setup(false);
    await expect(
      registry.invoke({
        id: 'test:list-recommendations',
        input: { entityRef: 'component:default/cart' },
        credentials,
      }),
    ).rejects.toThrow(/not allowed to read the cost/);
    await expect(
      registry.invoke({
        id: 'test:update-recommendation-status',
        input: { id: rec.id, status: 'acknowledged' },
        credentials,
      }),
    ).rejects.toThrow(/not yours/);
  });

  it('passes a status change on with the caller as the actor', async () => {
    const { registry, recommendations } = setup(true);
    const result = await registry.invoke({
      id: 'test:update-recommendation-status',
      input: { id: rec.id, status: 'dismissed', reason: 'false-positive' },
      credentials,
    });
    expect(result.output).toEqual(
      expect.objectContaining({ id: rec.id, status: 'dismissed' }),
    );
    expect(recommendations.changeStatus.mock.calls[0].slice(1)).toEqual([
      rec.id,
      { status: 'dismissed', reason: 'false-positive' },
      'user:default/ana',
    ]);
  });
});

describe('the recommendation notifications', () => {
  it('notify the owner of a new recommendation above the floor, once per recommendation (scope) and per source (topic)', async () => {
    const sent: any[] = [];
    const notify = recommendationNotifier({
      notifications: { send: async (n: any) => void sent.push(n) } as any,
      notifyAbove: '100',
      logger: mockServices.logger.mock(),
    });
    const stored = (id: string, saving: string, owner: string | null) =>
      ({
        id,
        source: 'acme',
        ownerRef: owner,
        resourceId: 'i-cart',
        subcategory: 'Rightsizing',
        estimatedMonthlySavings: saving,
        currency: 'USD',
        row: { RecommendationDescription: 'Downsize' },
      } as any);
    await notify([
      stored('rec_a', '120.5', 'component:default/cart'),
      stored('rec_b', '99.99', 'component:default/cart'),
      stored('rec_c', '500', null),
    ]);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'component:default/cart' },
        payload: expect.objectContaining({
          title: 'Save 120.50 USD a month: rightsizing of i-cart',
          link: '/catalog/default/component/cart/recommendations',
          topic: 'costwise-recommendations-acme',
          scope: 'costwise:recommendation:rec_a',
        }),
      },
    ]);
  });
});
