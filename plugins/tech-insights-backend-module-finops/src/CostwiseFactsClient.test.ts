import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CostwiseFactsClient, threeMonthsUpTo } from './CostwiseFactsClient';

const BASE = 'http://costwise.test/api/finops';
const server = setupServer();
registerMswTestHooks(server);

const client = new CostwiseFactsClient({
  discovery: mockServices.discovery.mock({
    getBaseUrl: async () => BASE,
  }),
  auth: mockServices.auth({ pluginId: 'tech-insights' }),
});
const cart = { kind: 'Component', namespace: 'default', name: 'cart' };
const summary = { asOf: '2025-03-31', confidence: { byMethod: {} } };

describe('threeMonthsUpTo', () => {
  it('starts on the first day of the month two months before', () => {
    expect(threeMonthsUpTo('2025-03-31')).toEqual({
      from: '2025-01-01',
      to: '2025-03-31',
    });
    expect(threeMonthsUpTo('2025-02-14')).toEqual({
      from: '2024-12-01',
      to: '2025-02-14',
    });
  });
});

describe('CostwiseFactsClient', () => {
  it("asks for the entity's figures as the tech-insights plugin", async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/entities/:kind/:namespace/:name/:route`, req => {
        const url = new URL(req.request.url);
        seen.push(`${url.pathname.slice('/api/finops'.length)}${url.search}`);
        expect(req.request.headers.get('authorization')).toMatch(
          /^Bearer .*tech-insights.*finops/,
        );
        return HttpResponse.json(
          req.params.route === 'summary'
            ? summary
            : { route: req.params.route },
        );
      }),
    );
    const figures = await client.figures(cart);
    expect(figures).toEqual({
      summary,
      unitCost: { route: 'unit-cost' },
      recommendations: { route: 'recommendations' },
      scorecard: undefined,
    });
    expect(seen.sort()).toEqual([
      '/entities/Component/default/cart/recommendations?status=open',
      '/entities/Component/default/cart/summary',
      '/entities/Component/default/cart/unit-cost?from=2025-01-01&to=2025-03-31&granularity=month',
    ]);

    seen.length = 0;
    await client.figures({ kind: 'Group', namespace: 'default', name: 'team' });
    expect(seen).toContain('/entities/Group/default/team/scorecard');
  });

  it.each([403, 404])(
    'answers undefined when Costwise answers %p',
    async status => {
      server.use(
        http.get(`${BASE}/entities/:kind/:namespace/:name/summary`, () =>
          HttpResponse.json(summary),
        ),
        http.get(`${BASE}/entities/:kind/:namespace/:name/:route`, () =>
          HttpResponse.json(
            { error: { name: 'NotAllowedError', message: 'no' } },
            { status },
          ),
        ),
      );
      await expect(client.figures(cart)).resolves.toBeUndefined();
    },
  );

  it('throws on any other failure, so that the run keeps the last facts', async () => {
    server.use(
      http.get(`${BASE}/entities/:kind/:namespace/:name/summary`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'database is down' },
            request: { method: 'GET', url: '/summary' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await expect(client.figures(cart)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 500,
      cause: expect.objectContaining({ message: 'database is down' }),
    });
  });
});
