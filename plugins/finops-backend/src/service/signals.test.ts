import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { attributionSignalsExtensionPoint } from '@costwise/plugin-finops-node';
import { finopsPlugin } from '../plugin';
import { catalogFixture, costFixture } from './__fixtures__/catalog';

jest.setTimeout(60_000);

const allowAll = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () =>
    ({
      authorize: async (requests: any[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      authorizeConditional: async (requests: any[]) =>
        requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    } as any),
});

/** Claims the fixture's orphaned bucket for the component no annotation maps. */
const bucketSignal = createBackendModule({
  pluginId: 'finops',
  moduleId: 'test-signal',
  register(env) {
    env.registerInit({
      deps: { signals: attributionSignalsExtensionPoint },
      async init({ signals }) {
        signals.addSignal({
          id: 'bucket-owners',
          level: 'resource-id',
          match: group =>
            group.resourceId === 'bucket-nobody'
              ? [
                  {
                    entityRef: 'component:default/unmapped',
                    specificity: 1,
                    selector: 'bucket-owners table',
                    matched: { resourceId: group.resourceId },
                  },
                ]
              : [],
        });
      },
    });
  },
});

describe('attribution signals in the backend', () => {
  it('attributes cost through a signal a module adds', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-signals-'));
    const file = path.join(dir, 'costs.csv');
    await fs.writeFile(file, costFixture);
    const { server } = await startTestBackend({
      features: [
        finopsPlugin,
        bucketSignal,
        mockServices.rootConfig.factory({
          data: {
            finops: {
              sources: [{ id: 'fixture', type: 'focus', location: file }],
            },
          },
        }),
        catalogServiceMock.factory({ entities: catalogFixture }),
        allowAll,
      ],
    });
    const get = (url: string) =>
      request(server)
        .get(`/api/finops${url}`)
        .set('Authorization', mockCredentials.user.header());
    // the start-up ingestion runs in the background and attributes when done
    for (let i = 0; i < 100; i++) {
      const coverage = await get('/coverage');
      if (coverage.status === 200 && coverage.body.currencies.USD) break;
      await new Promise(r => setTimeout(r, 200));
    }

    const range = 'from=2025-03-01&to=2025-03-31';
    const costs = await get(
      `/entities/component/default/unmapped/costs?${range}&groupBy=method`,
    );
    expect(costs.status).toBe(200);
    expect(costs.body.total).toBe('7');
    expect(costs.body.series.map((s: any) => [s.key, s.total])).toEqual([
      ['resource-id', '7'],
    ]);
    const resources = await get(
      `/entities/component/default/unmapped/resources?${range}`,
    );
    expect(resources.body.items[0].evidence).toEqual(
      expect.objectContaining({
        method: 'resource-id',
        annotation: 'signal:bucket-owners',
        selector: 'bucket-owners table',
      }),
    );
    // the signal's match is the only change: everything else stays as annotated
    const coverage = await get('/coverage');
    expect(coverage.body.currencies.USD).toEqual(
      expect.objectContaining({ total: '142.35', unattributed: '0' }),
    );
    const cart = await get(`/entities/component/default/cart/costs?${range}`);
    expect(cart.body.total).toBe('55.3');
    await fs.rm(dir, { recursive: true, force: true });
  });
});
