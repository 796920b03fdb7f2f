import { startDemoEngine } from '../__testUtils__/engine';

jest.setTimeout(240_000);

/**
 * Unit economics on the demo as `npm start` runs it: demo cost ingested and
 * attributed to the demo catalog, then demo metrics derived from it.
 */
describe('unit economics on the demo data', () => {
  let engine: Awaited<ReturnType<typeof startDemoEngine>>;
  beforeAll(async () => {
    engine = await startDemoEngine();
  });

  /** The engine's answer to what the route of `url` asks. */
  async function ask(url: string): Promise<{ body: any; status: number }> {
    const [pathname, search = ''] = url.split('?');
    const [, , kind, namespace, name, view] = pathname.split('/');
    const query = Object.fromEntries(new URLSearchParams(search));
    const entity = engine.entity(`${kind}:${namespace}/${name}`);
    const viewer = { readable: async (refs: string[]) => new Set(refs) };
    if (view === 'benchmark')
      return {
        status: 200,
        body: await engine.benchmarks.benchmark(entity, { viewer }),
      };
    return {
      status: 200,
      body: await engine.unitCosts.unitCost(
        entity,
        {
          from: query.from ?? '2000-01-01',
          to: query.to ?? engine.end,
          granularity: (query.granularity as 'day' | 'month') ?? 'day',
        },
        viewer,
      ),
    };
  }

  it('stores the demo metrics', () => {
    expect(engine.metricsStored).toBeGreaterThan(1000);
  });

  it.each([
    ['checkout-api', 'orders'],
    ['storefront-web', 'requests'],
    ['cart-service', 'active_users'],
    ['ci-runners', 'deployments'],
  ])(
    'shows %s cost per %s that equals cost ÷ metric on every day and month',
    async (name, metric) => {
      for (const granularity of ['day', 'month']) {
        const res = await ask(
          `/entities/component/default/${name}/unit-cost?granularity=${granularity}&from=2000-01-01`,
        );
        expect(res.status).toBe(200);
        expect(res.body.empty).toBeUndefined();
        expect(res.body.unitMetric.metric).toBe(metric);
        const per = res.body.unitMetric.per;
        const shown = res.body.series.filter((p: any) => p.unitCost !== null);
        expect(shown.length).toBeGreaterThan(granularity === 'day' ? 50 : 2);
        const points = [...res.body.series, res.body.totals];
        const idle = points.filter((p: any) => !p.metric);
        expect(idle.every((p: any) => p.unitCost === null)).toBe(true);
        for (const p of points.filter((d: any) => d.metric)) {
          expect(
            Math.abs(Number(p.unitCost) - (Number(p.cost) * per) / p.metric),
          ).toBeLessThan(5e-7 + 1e-12 * Number(p.unitCost));
        }
      }
    },
  );

  it('shows days without usage (no deployments on most weekends)', async () => {
    const res = await ask(
      '/entities/component/default/ci-runners/unit-cost?from=2000-01-01',
    );
    const idle = res.body.series.filter(
      (p: any) => p.metric === 0 && Number(p.cost) > 0,
    );
    expect(idle.length).toBeGreaterThan(5);
    expect(idle.every((p: any) => p.unitCost === null)).toBe(true);
  });

  it('benchmarks services in a cohort of three or more', async () => {
    const res = await ask('/entities/component/default/cart-service/benchmark');
    expect(res.status).toBe(200);
    expect(res.body.cohort.size).toBeGreaterThanOrEqual(3);
    expect(res.body.notEnoughPeers).toBeUndefined();
    const monthly = res.body.figures.find(
      (f: any) => f.dimension === 'monthlyCost',
    );
    expect(monthly.percentile).not.toBeNull();
    expect(monthly.verdict).toMatch(
      /^(cheaper|more expensive) than \d+% of the \d+ other service components$/,
    );
    const batch = await ask('/entities/component/default/orders-etl/benchmark');
    expect(batch.body.cohort.size).toBeGreaterThanOrEqual(3);
  });

  it("sums a System's and a team's members' metric", async () => {
    const system = await ask(
      '/entities/system/default/checkout/unit-cost?granularity=month&from=2000-01-01',
    );
    expect(system.body.metricSources).toEqual([
      'component:default/checkout-api',
    ]);
    expect(system.body.totals.unitCost).not.toBeNull();
    const team = await ask(
      '/entities/group/default/checkout-team/unit-cost?granularity=month&from=2000-01-01',
    );
    expect(team.body.unitMetric.label).toBe('deployment');
    expect(team.body.metricSources.length).toBeGreaterThan(3);
    const bench = await ask('/entities/group/default/checkout-team/benchmark');
    const unit = bench.body.figures.find(
      (f: any) => f.dimension === 'unitCost',
    );
    expect(unit.members).toBeGreaterThanOrEqual(3);
    expect(unit.verdict).toMatch(/ of the \d+ other teams per deployment$/);
  });

  it('benchmarks unit cost per 1k requests in the annotated cohorts', async () => {
    for (const name of ['storefront-web', 'catalog-api']) {
      const res = await ask(`/entities/component/default/${name}/benchmark`);
      const unit = res.body.figures.find(
        (f: any) => f.dimension === 'unitCost',
      );
      expect(unit.members).toBeGreaterThanOrEqual(3);
      expect(unit.percentile).not.toBeNull();
      expect(unit.verdict).toMatch(/per 1k requests$/);
    }
  });

  it('says the cohort of two has not enough peers', async () => {
    const res = await ask(
      '/entities/component/default/assistant-api/benchmark',
    );
    expect(res.body.cohort).toEqual(
      expect.objectContaining({ basis: 'annotation', size: 2 }),
    );
    expect(res.body.notEnoughPeers).toMatch(/^not enough peers \(2 /);
  });
});
