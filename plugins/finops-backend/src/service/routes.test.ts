import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startFinopsBackend } from '../__testUtils__/backend';
import type { Decide } from '../__testUtils__/permissions';
import { catalogFixture, costFixture } from './__fixtures__/catalog';

jest.setTimeout(60_000);

async function start(decide: Decide = () => AuthorizeResult.ALLOW) {
  const { server, get, dir } = await startFinopsBackend({
    csv: costFixture,
    entities: catalogFixture,
    decide,
    prefix: 'costwise-routes-',
  });
  // the start-up ingestion runs in the background and attributes when done
  for (let i = 0; i < 100; i++) {
    const summary = await get('/entities/component/default/cart/summary');
    if (
      summary.status !== 200 ||
      summary.body.lastMonth !== '0' ||
      summary.body.monthToDate !== '0'
    )
      break;
    const coverage = await request(server)
      .get('/api/finops/coverage')
      .set('Authorization', mockCredentials.user.header());
    if (coverage.status === 200 && coverage.body.currencies.USD) break;
    await new Promise(r => setTimeout(r, 200));
  }
  // the views read the data version at most every 250 ms: let the finished run show
  await new Promise(r => setTimeout(r, 300));
  return { get, server, dir };
}

const range = 'from=2025-03-01&to=2025-03-31';

describe('entity cost routes', () => {
  it('attributes by tags and shares the database by weights, exactly', async () => {
    const { get } = await start();
    const cart = await get(
      `/entities/component/default/cart/costs?${range}&groupBy=method`,
    );
    expect(cart.status).toBe(200);
    // cart: 10.10 + 20.20 by tags, plus 25% of the shared 100
    expect(cart.body.total).toBe('55.3');
    expect(
      Object.fromEntries(cart.body.series.map((s: any) => [s.key, s.total])),
    ).toEqual({ tags: '30.3', shared: '25' });
    const checkout = await get(
      `/entities/component/default/checkout/costs?${range}`,
    );
    expect(checkout.body.total).toBe('80.05');
  });

  it('rolls a System and its owning Group up without counting anything twice', async () => {
    const { get } = await start();
    const system = await get(
      `/entities/system/default/shop/costs?${range}&groupBy=child`,
    );
    expect(system.body.total).toBe('135.35');
    const team = await get(
      `/entities/group/default/shop-team/costs?${range}&groupBy=child`,
    );
    expect(team.body.total).toBe('135.35');
    expect(team.body.series.map((s: any) => s.key)).toContain(
      'system:default/shop',
    );
  });

  it("answers a System's and a Group's summary from the run's rollup totals, equal to their members' allocations", async () => {
    const { get } = await start();
    for (const entity of ['system/default/shop', 'group/default/shop-team']) {
      const summary = await get(`/entities/${entity}/summary`);
      expect(summary.status).toBe(200);
      const days = summary.body.sparkline.map((p: any) => p.date);
      // the child breakdown always sums the members' allocations
      const costs = await get(
        `/entities/${entity}/costs?from=${days[0]}&to=${
          days[days.length - 1]
        }&groupBy=child&granularity=day`,
      );
      const byDay = new Map(
        costs.body.totals.map((p: any) => [p.date, p.amount]),
      );
      const nonZero = summary.body.sparkline.filter(
        (p: any) => p.amount !== '0',
      );
      expect(nonZero.length).toBeGreaterThan(0);
      for (const point of summary.body.sparkline) {
        expect(point.amount).toBe(byDay.get(point.date) ?? '0');
      }
      const drivers = summary.body.topDrivers.filter(
        (d: any) => d.dimension === 'service',
      );
      expect(drivers.length).toBeGreaterThan(0);
    }
  });

  it('answers the resources table with the evidence that names the annotation', async () => {
    const { get } = await start();
    const res = await get(
      `/entities/component/default/cart/resources?${range}`,
    );
    const byMethod = Object.fromEntries(
      res.body.items.map((i: any) => [i.method, i]),
    );
    expect(byMethod.tags.evidence).toEqual(
      expect.objectContaining({
        annotation: 'costwise.dev/tags',
        selector: 'application=cart',
      }),
    );
    expect(byMethod.shared.evidence.source).toEqual(
      expect.objectContaining({ annotation: 'costwise.dev/resource-ids' }),
    );
    expect(res.body.total).toBe('55.3');
  });

  it('explains an empty entity: no annotation, or a malformed one', async () => {
    const { get } = await start();
    const unmapped = await get(`/entities/component/default/unmapped/summary`);
    expect(unmapped.body.empty.reason).toBe('no-annotation');
    const broken = await get(`/entities/component/default/broken/summary`);
    expect(broken.body.empty.reason).toBe('annotation-malformed');
    expect(broken.body.warnings[0]).toEqual(
      expect.objectContaining({ annotation: 'costwise.dev/tags' }),
    );
  });

  it('reports coverage with the unattributed amount by account and service', async () => {
    const { get } = await start();
    const coverage = await get('/coverage');
    expect(coverage.body.currencies.USD).toEqual(
      expect.objectContaining({
        total: '142.35',
        attributed: '135.35',
        unattributed: '7',
      }),
    );
    expect(coverage.body.unattributedByAccountAndService).toEqual({
      'USD 1 Amazon S3': '7',
    });
  });

  it('validates queries and says which entity is unknown', async () => {
    const { get } = await start();
    expect(
      (await get('/entities/component/default/cart/costs?from=2025-13-01'))
        .status,
    ).toBe(400);
    expect(
      (await get('/entities/component/default/cart/costs?groupBy=colour'))
        .status,
    ).toBe(400);
    const missing = await get('/entities/component/default/nope/summary');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/component:default\/nope/);
  });

  it('denies cost reads per entity, without leaking amounts', async () => {
    const { get } = await start((permission, ref) =>
      permission === 'finops.cost.read' && ref === 'component:default/checkout'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    const denied = await get(`/entities/component/default/checkout/summary`);
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.body)).not.toMatch(/80\.05/);
    const allowed = await get(`/entities/component/default/cart/summary`);
    expect(allowed.status).toBe(200);

    // the system and the team still answer, without checkout's 80.05
    const system = await get(
      `/entities/system/default/shop/costs?${range}&groupBy=child`,
    );
    expect(system.status).toBe(200);
    expect(system.body.total).toBe('55.3');
    expect(system.body.series.map((s: any) => s.key)).not.toContain(
      'component:default/checkout',
    );
    expect(system.body.hiddenMembers).toEqual({
      count: 1,
      message: "1 member's cost is left out: you are not allowed to read it.",
    });
    const team = await get(`/entities/group/default/shop-team/summary`);
    expect(team.body.hiddenMembers.count).toBe(1);
    const resources = await get(
      `/entities/system/default/shop/resources?${range}`,
    );
    expect(resources.body.total).toBe('55.3');
    expect(
      resources.body.items.some(
        (i: any) => i.evidence.entityRef === 'component:default/checkout',
      ),
    ).toBe(false);
    expect(JSON.stringify([system.body, resources.body])).not.toMatch(/80\.05/);
    const open = await get(`/entities/system/default/shop/costs?${range}`);
    expect(open.body.total).toBe('55.3');
  });

  it('keeps admin routes for finops.admin', async () => {
    const { get } = await start(permission =>
      permission === 'finops.admin'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    for (const url of [
      '/coverage',
      '/overrides',
      '/attribution/changes',
      '/explain?resourceId=i-cart',
    ]) {
      expect((await get(url)).status).toBe(403);
    }
  });
});
