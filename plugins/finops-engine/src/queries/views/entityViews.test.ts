import {
  engineDatabaseIds,
  startEngine,
  viewerDenied,
} from '../../__testUtils__/engine';
import { catalogFixture, costFixture } from '../../__testUtils__/shopCatalog';
import { CostViewService } from './CostViewService';

jest.setTimeout(120_000);

const march = { from: '2025-03-01', to: '2025-03-31' };

describe.each(engineDatabaseIds())('entity views on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  beforeAll(async () => {
    engine = await startEngine({
      csv: costFixture,
      entities: catalogFixture,
      databaseId,
    });
  });
  const of = (ref: string) => engine.entity(ref);

  it('attributes by tags and shares the database by weights, exactly', async () => {
    const cart = await engine.views.costs(of('component:default/cart'), {
      ...march,
      granularity: 'day',
      groupBy: 'method',
    });
    // cart: 10.10 + 20.20 by tags, plus 25% of the shared 100
    expect(cart.total).toBe('55.3');
    expect(Object.fromEntries(cart.series.map(s => [s.key, s.total]))).toEqual({
      tags: '30.3',
      shared: '25',
    });
    const checkout = await engine.views.costs(
      of('component:default/checkout'),
      { ...march, granularity: 'day', groupBy: 'service' },
    );
    expect(checkout.total).toBe('80.05');
  });

  it('rolls a System and its owning Group up without counting anything twice', async () => {
    const query = { ...march, granularity: 'day', groupBy: 'child' } as const;
    const system = await engine.views.costs(of('system:default/shop'), query);
    expect(system.total).toBe('135.35');
    const team = await engine.views.costs(of('group:default/shop-team'), query);
    expect(team.total).toBe('135.35');
    expect(team.series.map(s => s.key)).toContain('system:default/shop');
  });

  it("answers a System's and a Group's summary from the run's rollup totals, equal to their members' allocations", async () => {
    for (const ref of ['system:default/shop', 'group:default/shop-team']) {
      const summary = await engine.views.summary(of(ref));
      const days = summary.sparkline.map(p => p.date);
      // the child breakdown always sums the members' allocations
      const costs = await engine.views.costs(of(ref), {
        from: days[0],
        to: days[days.length - 1],
        groupBy: 'child',
        granularity: 'day',
      });
      const byDay = new Map(costs.totals.map(p => [p.date, p.amount]));
      expect(summary.sparkline.some(p => p.amount !== '0')).toBe(true);
      for (const point of summary.sparkline)
        expect(point.amount).toBe(byDay.get(point.date) ?? '0');
      expect(
        summary.topDrivers.filter(d => d.dimension === 'service').length,
      ).toBeGreaterThan(0);
    }
  });

  it('answers the resources table with the evidence that names the annotation', async () => {
    const res = await engine.views.resources(
      of('component:default/cart'),
      march,
    );
    const byMethod = Object.fromEntries(res.items.map(i => [i.method, i]));
    expect(byMethod.tags.evidence).toEqual(
      expect.objectContaining({
        annotation: 'costwise.dev/tags',
        selector: 'application=cart',
      }),
    );
    expect(byMethod.shared.evidence.source).toEqual(
      expect.objectContaining({ annotation: 'costwise.dev/resource-ids' }),
    );
    expect(res.total).toBe('55.3');
  });

  it('explains an empty entity: no annotation, or a malformed one', async () => {
    const unmapped = await engine.views.summary(
      of('component:default/unmapped'),
    );
    expect(unmapped.empty?.reason).toBe('no-annotation');
    const broken = await engine.views.summary(of('component:default/broken'));
    expect(broken.empty?.reason).toBe('annotation-malformed');
    expect(broken.warnings[0]).toEqual(
      expect.objectContaining({ annotation: 'costwise.dev/tags' }),
    );
  });

  it('reports coverage with the unattributed amount by account and service', async () => {
    const coverage = await engine.coverage.coverage();
    expect(coverage.currencies.USD).toEqual(
      expect.objectContaining({
        total: '142.35',
        attributed: '135.35',
        unattributed: '7',
      }),
    );
    expect(coverage.unattributedByAccountAndService).toEqual({
      'USD 1 Amazon S3': '7',
    });
  });

  it('leaves out of rollups the members a viewer may not read, without leaking their amounts', async () => {
    const viewer = viewerDenied('component:default/checkout');
    const system = await engine.views.costs(
      of('system:default/shop'),
      { ...march, granularity: 'day', groupBy: 'child' },
      viewer,
    );
    expect(system.total).toBe('55.3');
    expect(system.series.map(s => s.key)).not.toContain(
      'component:default/checkout',
    );
    expect(system.hiddenMembers).toEqual({
      count: 1,
      message: "1 member's cost is left out: you are not allowed to read it.",
    });
    const team = await engine.views.summary(
      of('group:default/shop-team'),
      undefined,
      viewer,
    );
    expect(team.hiddenMembers?.count).toBe(1);
    // counted for many at once as one at a time
    const counts = await engine.views.hiddenMemberCounts(
      [
        'system:default/shop',
        'group:default/shop-team',
        'component:default/cart',
        'component:default/checkout',
      ],
      viewer,
    );
    expect(Object.fromEntries(counts)).toEqual({
      'system:default/shop': 1,
      'group:default/shop-team': 1,
      'component:default/cart': 0,
      'component:default/checkout': 0,
    });
    for (const [ref, count] of counts)
      expect(await engine.views.hiddenMemberCount(ref, viewer)).toBe(count);
    const resources = await engine.views.resources(
      of('system:default/shop'),
      march,
      viewer,
    );
    expect(resources.total).toBe('55.3');
    expect(
      resources.items.some(
        i => i.evidence.entityRef === 'component:default/checkout',
      ),
    ).toBe(false);
    expect(JSON.stringify([system, resources])).not.toMatch(/80\.05/);
  });

  it('clamps a range to the days with data, however wide it is asked', async () => {
    const costs = await engine.views.costs(of('system:default/shop'), {
      from: '0000-01-01',
      to: '9999-12-31',
      granularity: 'day',
      groupBy: 'service',
    });
    expect([costs.from, costs.to]).toEqual(['2025-03-10', '2025-03-11']);
    expect(costs.totals).toHaveLength(2);
    expect(costs.total).toBe('135.35');
    const resources = await engine.views.resources(of('system:default/shop'), {
      from: '0000-01-01',
      to: '9999-12-31',
    });
    expect(resources.total).toBe('135.35');
  });

  it('clamps as well in a store whose last run did not record the days it spans', async () => {
    const recorded = await engine
      .knex('finops_data_versions')
      .where({ name: 'allocation-days' })
      .first();
    await engine
      .knex('finops_data_versions')
      .where({ name: 'allocation-days' })
      .delete();
    try {
      const costs = await engine.views.costs(of('system:default/shop'), {
        from: '0000-01-01',
        to: '9999-12-31',
        granularity: 'day',
        groupBy: 'service',
      });
      expect([costs.from, costs.to]).toEqual(['2025-03-10', '2025-03-11']);
    } finally {
      await engine.knex('finops_data_versions').insert(recorded);
    }
  });

  it('answers a range after the data without points, and says where the data ends', async () => {
    const costs = await engine.views.costs(of('component:default/cart'), {
      from: '2025-06-01',
      to: '9999-12-31',
      granularity: 'day',
      groupBy: 'service',
    });
    expect(costs.totals).toEqual([]);
    expect(costs.empty).toEqual({
      reason: 'range-outside-data',
      message:
        'The range 2025-06-01 to 9999-12-31 is after the data: the last day with data is 2025-03-11.',
    });
  });

  it('refuses a range longer than a view may hold, and keeps the largest series plus one for the rest', async () => {
    const narrow = new CostViewService(
      engine.attributionStore,
      { measure: 'EffectiveCost' },
      { limits: { maxDays: 1, maxSeries: 2 } },
    );
    const query = {
      from: '2025-03-01',
      to: '2025-03-31',
      granularity: 'day',
      groupBy: 'resource',
    } as const;
    await expect(
      narrow.costs(of('system:default/shop'), query),
    ).rejects.toThrow(
      /2025-03-10 to 2025-03-11 is 2 days with data; a daily view spans at most 1 days \(finops.views.maxDays\)/,
    );
    const monthly = await narrow.costs(of('system:default/shop'), {
      ...query,
      granularity: 'month',
    });
    expect(monthly.series.map(s => [s.key, s.total])).toEqual([
      ['db-shop-1', '100'],
      ['(other)', '35.35'],
    ]);
    expect(monthly.otherSeries).toBe(2);
    expect(monthly.total).toBe('135.35');
  });

  it('pages the resources table, largest first, with the total of every row', async () => {
    const first = await engine.views.resources(of('system:default/shop'), {
      ...march,
      limit: 2,
    });
    const second = await engine.views.resources(of('system:default/shop'), {
      ...march,
      offset: 2,
      limit: 2,
    });
    expect(first.total).toBe('135.35');
    expect(first.page).toEqual({ offset: 0, limit: 2, rows: 4 });
    expect([...first.items, ...second.items].map(i => i.amount)).toEqual([
      '75',
      '30.3',
      '25',
      '5.05',
    ]);
    expect(second.items.every(i => i.evidence.annotation)).toBe(true);
  });
});
