import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import {
  benchmark,
  costs,
  resources,
  summary,
  unitCostDaily,
} from '../__testUtils__/fixtures';
import { errorBody, serve, server, testClient } from '../__testUtils__/server';

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
});
