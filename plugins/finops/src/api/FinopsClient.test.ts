import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { FinopsClient } from './FinopsClient';
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
  checkoutTeam,
  coverage,
  governanceKpis,
  governanceSpend,
  unownedRecommendations,
} from '../__testUtils__/governance';
import {
  errorBody,
  serve,
  serveRecommendation,
  serveRoute,
  serveStatementCsv,
  serveStatusChange,
  server,
  testClient,
} from '../__testUtils__/server';
import { statementCsv, teamStatement } from '../__testUtils__/statement';

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

  describe('governance', () => {
    it('fetches the KPIs and the spend of a month, or of the latest one', async () => {
      const kpis = serveRoute('get', '/governance/kpis', governanceKpis);
      const spend = serveRoute('get', '/governance/spend', governanceSpend);
      const client = testClient();
      const result = await client.getGovernanceKpis({ month: '2025-10' });
      expect(result.organization).toHaveLength(10);
      await client.getGovernanceKpis();
      expect(kpis.map(r => r.url.search)).toEqual(['?month=2025-10', '']);
      const spent = await client.getGovernanceSpend({ month: '2025-10' });
      expect(spent.byProvider[0].amount).toBe('12000.50');
      expect(spend[0].url.pathname).toBe('/api/finops/governance/spend');
      expect(spend[0].url.search).toBe('?month=2025-10');
    });

    it('asks whether the caller is an admin', async () => {
      serveRoute('get', '/governance/access', { admin: true });
      expect(await testClient().getGovernanceAccess()).toEqual({
        admin: true,
      });
    });

    it('lists the targets and puts a change as JSON', async () => {
      serveRoute('get', '/governance/targets', {
        items: [
          {
            kpi: 'time-to-action',
            target: 20,
            updatedBy: 'user:default/ada',
            updatedAt: '2025-11-20T10:00:00Z',
          },
        ],
      });
      const stored = {
        kpi: 'attribution-coverage',
        team: 'group:default/checkout-team',
        target: 0.9,
        updatedBy: 'user:default/ada',
        updatedAt: '2025-11-27T10:00:00Z',
      };
      const puts = serveRoute('put', '/governance/targets', stored);
      const client = testClient();
      expect((await client.getKpiTargets()).items[0].target).toBe(20);
      const result = await client.setKpiTarget({
        kpi: 'attribution-coverage',
        team: 'group:default/checkout-team',
        target: 0.9,
      });
      expect(result).toEqual(stored);
      expect(puts[0].body).toEqual({
        kpi: 'attribution-coverage',
        team: 'group:default/checkout-team',
        target: 0.9,
      });
    });

    it('rejects a bad target with the server message', async () => {
      serveRoute(
        'put',
        '/governance/targets',
        errorBody('InputError', 'A ratio target must be between 0 and 1', 400),
        400,
      );
      const error = await testClient()
        .setKpiTarget({ kpi: 'attribution-coverage', target: 1.5 })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(400);
      expect(error.cause.message).toBe(
        'A ratio target must be between 0 and 1',
      );
    });

    it("fetches a team's scorecard, a bare name read as a Group", async () => {
      const requests = serve('scorecard', checkoutTeam);
      const client = testClient();
      const result = await client.getTeamScorecard(
        'group:default/checkout team',
        { month: '2025-11' },
      );
      expect(result.ranks['attribution-coverage']).toEqual({
        position: 1,
        of: 3,
      });
      await client.getTeamScorecard('checkout-team');
      expect(requests.map(r => r.pathname)).toEqual([
        '/api/finops/entities/group/default/checkout%20team/scorecard',
        '/api/finops/entities/group/default/checkout-team/scorecard',
      ]);
      expect(requests.map(r => r.search)).toEqual(['?month=2025-11', '']);
    });

    it('fetches the coverage, of a month when asked, and the unowned recommendations', async () => {
      const requests = serveRoute('get', '/coverage', coverage);
      serveRoute('get', '/recommendations/unowned', unownedRecommendations);
      const client = testClient();
      expect((await client.getCoverage()).suggestions).toHaveLength(1);
      await client.getCoverage({ month: '2025-10' });
      expect(requests.map(r => r.url.search)).toEqual(['', '?month=2025-10']);
      expect((await client.getUnownedRecommendations()).items).toHaveLength(1);
    });

    it('posts a confirmed suggestion and decided claims', async () => {
      const rule = {
        id: 'ovr_1',
        match: { account: '123456789012' },
        entityRef: 'component:default/checkout-api',
        createdBy: 'user:default/ada',
        createdAt: '2025-11-27T10:00:00Z',
      };
      const suggestions = serveRoute('post', '/suggestions/confirm', rule, 201);
      const confirms = serveRoute('post', '/claims/confirm', rule, 201);
      const rejects = serveRoute(
        'post',
        '/claims/reject',
        { ...rule, effect: 'deny' },
        201,
      );
      const client = testClient();
      const decision = {
        groupId: '42',
        entityRef: 'component:default/checkout-api',
      };
      expect((await client.confirmSuggestion(decision)).id).toBe('ovr_1');
      await client.decideClaim('confirm', decision);
      expect((await client.decideClaim('reject', decision)).effect).toBe(
        'deny',
      );
      for (const sent of [suggestions, confirms, rejects]) {
        expect(sent.map(r => r.body)).toEqual([decision]);
      }
    });

    it('rejects governance spend for someone who is not an admin', async () => {
      serveRoute(
        'get',
        '/governance/spend',
        errorBody('NotAllowedError', 'Only FinOps admins may see spend', 403),
        403,
      );
      const error = await testClient()
        .getGovernanceSpend()
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(403);
    });
  });

  describe('statements', () => {
    it("fetches a Group's statement of a month, with or without a measure", async () => {
      const requests = serve('statement', teamStatement);
      const client = testClient();
      const result = await client.getStatement('group:default/checkout-team', {
        month: '2025-11',
        measure: 'BilledCost',
      });
      expect(result.totals).toEqual({ USD: '1300.6', EUR: '12.345' });
      expect(requests[0].pathname).toBe(
        '/api/finops/entities/group/default/checkout-team/statement',
      );
      expect(requests[0].searchParams.get('month')).toBe('2025-11');
      expect(requests[0].searchParams.get('measure')).toBe('BilledCost');
      await client.getStatement('system:default/shop', { month: '2025-12' });
      expect(requests[1].search).toBe('?month=2025-12');
    });

    it('builds the absolute URL of the CSV from the discovery API', async () => {
      await expect(
        testClient().statementCsvUrl('system:my ns/a/b', '2025-11'),
      ).resolves.toBe(
        'http://localhost:7007/api/finops/entities/system/my%20ns/a%2Fb/statement.csv?month=2025-11',
      );
    });

    it('fetches the CSV through the fetch API, which carries the credentials', async () => {
      const requests = serveStatementCsv(statementCsv);
      const fetchApi = { fetch: jest.fn((url, init) => fetch(url, init)) };
      const client = new FinopsClient({
        discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        fetchApi,
      });
      const text = await client.getStatementCsv('group:default/checkout-team', {
        month: '2025-11',
      });
      expect(text).toBe(statementCsv);
      expect(fetchApi.fetch).toHaveBeenCalledWith(
        'http://localhost:7007/api/finops/entities/group/default/checkout-team/statement.csv?month=2025-11',
        undefined,
      );
      expect(requests).toHaveLength(1);
    });

    it('rejects the statement of an entity the caller may not read', async () => {
      serve(
        'statement',
        errorBody('NotAllowedError', 'You may not read this cost', 403),
        403,
      );
      const error = await testClient()
        .getStatement('system:default/shop', { month: '2025-11' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(403);
    });
  });
});
