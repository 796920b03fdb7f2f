import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import {
  benchmark,
  costs,
  resources,
  summary,
  unitCostDaily,
} from '../__testUtils__/fixtures';
import {
  detailOf,
  entityRecommendations,
  idleVolume,
  rightsizeDb,
} from '../__testUtils__/recommendations';
import {
  errorBody,
  serve,
  serveRecommendation,
  serveStatusChange,
  server,
  testClient,
} from '../__testUtils__/server';

describe('FinopsClient', () => {
  registerMswTestHooks(server);

  it('fetches the summary of an entity, encoding each part of the ref', async () => {
    const requests = serve('summary', summary);
    const result = await testClient().getSummary('component:my ns/a/b', {
      measure: 'BilledCost',
    });
    expect(result.monthToDate).toBe('1234.5678');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/my%20ns/a%2Fb/summary',
    );
    expect(requests[0].searchParams.get('measure')).toBe('BilledCost');
  });

  it('defaults the namespace and leaves out absent options', async () => {
    const requests = serve('summary', summary);
    await testClient().getSummary('component:checkout-api');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/default/checkout-api/summary',
    );
    expect(requests[0].search).toBe('');
  });

  it('passes the period, granularity, breakdown and measure of costs', async () => {
    const requests = serve('costs', costs);
    const result = await testClient().getCosts('system:default/shop', {
      from: '2025-11-01',
      to: '2025-11-30',
      granularity: 'month',
      groupBy: 'child',
      measure: 'ListCost',
    });
    expect(result.total).toBe('2345.6789');
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      from: '2025-11-01',
      to: '2025-11-30',
      granularity: 'month',
      groupBy: 'child',
      measure: 'ListCost',
    });
  });

  it('fetches the resources of a period', async () => {
    const requests = serve('resources', resources);
    const result = await testClient().getResources('component:default/x', {
      from: '2025-11-01',
      to: '2025-11-30',
    });
    expect(result.items).toHaveLength(2);
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      from: '2025-11-01',
      to: '2025-11-30',
    });
  });

  it('passes the period, granularity and measure of unit costs', async () => {
    const requests = serve('unit-cost', unitCostDaily);
    const result = await testClient().getUnitCost('component:default/x', {
      from: '2025-11-01',
      to: '2025-11-30',
      granularity: 'month',
      measure: 'BilledCost',
    });
    expect(result.totals.unitCost).toBe('0.596969');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/default/x/unit-cost',
    );
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      from: '2025-11-01',
      to: '2025-11-30',
      granularity: 'month',
      measure: 'BilledCost',
    });
  });

  it('fetches the benchmark of an entity, with or without a measure', async () => {
    const requests = serve('benchmark', benchmark);
    const result = await testClient().getBenchmark('group:default/team a', {
      measure: 'ListCost',
    });
    expect(result.figures.map(f => f.dimension)).toEqual([
      'monthlyCost',
      'unitCost',
      'unitCostTrend',
    ]);
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/group/default/team%20a/benchmark',
    );
    expect(requests[0].search).toBe('?measure=ListCost');
    await testClient().getBenchmark('group:default/team a');
    expect(requests[1].search).toBe('');
  });

  it('rejects a refused unit cost with its status, for the views to tell apart', async () => {
    serve(
      'unit-cost',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    const error = await testClient()
      .getUnitCost('component:default/x', {
        from: '2025-11-01',
        to: '2025-11-30',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  it('throws a ResponseError carrying the server message', async () => {
    serve(
      'summary',
      {
        error: { name: 'NotAllowedError', message: 'You may not read costs' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 403 },
      },
      403,
    );
    const error = await testClient()
      .getSummary('component:default/x')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.message).toContain('403');
    expect(error.cause.message).toBe('You may not read costs');
  });

  it('passes the filters and the KPI period of recommendations, statuses comma-separated', async () => {
    const requests = serve('recommendations', entityRecommendations);
    const result = await testClient().getRecommendations(
      'system:default/shop',
      {
        status: ['open', 'acknowledged'],
        subcategory: 'Rightsizing',
        source: 'aws-coh',
        effort: 'Low',
        from: '2025-01-01',
        to: '2025-11-30',
      },
    );
    expect(result.open.count).toBe(3);
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/system/default/shop/recommendations',
    );
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      status: 'open,acknowledged',
      subcategory: 'Rightsizing',
      source: 'aws-coh',
      effort: 'Low',
      from: '2025-01-01',
      to: '2025-11-30',
    });
  });

  it('asks for all recommendations when there are no filters', async () => {
    const requests = serve('recommendations', entityRecommendations);
    await testClient().getRecommendations('component:default/x');
    await testClient().getRecommendations('component:default/x', {
      status: [],
    });
    expect(requests.map(r => r.search)).toEqual(['', '']);
  });

  it('fetches one recommendation, its id encoded as one path segment', async () => {
    const requests = serveRecommendation(detailOf(rightsizeDb));
    const result = await testClient().getRecommendation(rightsizeDb.id);
    expect(result.events).toHaveLength(2);
    expect(result.canUpdate).toBe(true);
    expect(requests[0].pathname).toBe(
      `/api/finops/recommendations/${encodeURIComponent(rightsizeDb.id)}`,
    );
  });

  it('posts a status change as JSON and returns the updated recommendation', async () => {
    const changes = serveStatusChange(
      detailOf({ ...idleVolume, status: 'dismissed' }),
    );
    const result = await testClient().updateRecommendationStatus(
      idleVolume.id,
      { status: 'dismissed', reason: 'other', note: 'kept for DR drills' },
    );
    expect(result.status).toBe('dismissed');
    expect(changes).toEqual([
      {
        id: idleVolume.id,
        body: {
          status: 'dismissed',
          reason: 'other',
          note: 'kept for DR drills',
        },
      },
    ]);
  });

  it('rejects a refused status change with the server message', async () => {
    serveStatusChange(
      errorBody('InputError', 'Cannot move from implemented to deferred', 400),
      400,
    );
    const error = await testClient()
      .updateRecommendationStatus(idleVolume.id, { status: 'open' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toBe(
      'Cannot move from implemented to deferred',
    );
  });

  it('rejects recommendations of an entity the caller may not read', async () => {
    serve(
      'recommendations',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    const error = await testClient()
      .getRecommendations('component:default/x')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });
});
