import type { UnitCostResponse } from '@costwise/plugin-finops-common';
import type { ViewCache } from '../views';
import { BenchmarkService } from './BenchmarkService';
import {
  engineDatabaseIds,
  startEngine,
  viewerDenied,
} from '../../__testUtils__/engine';
import {
  DAILY_COST,
  DAILY_REQUESTS,
  IDLE_DAY,
  unitCatalog,
  unitCostCsv,
  unitMetricPoints,
} from '../../__testUtils__/unitEconomics';

jest.setTimeout(120_000);

/** Percent of the other values that are higher, ties half: written out again, independently of the service. */
function expectedPercentile(value: number, all: number[]) {
  const others = [...all];
  others.splice(others.indexOf(value), 1);
  const higher = others.filter(o => o > value).length;
  const ties = others.filter(o => o === value).length;
  return (100 * (higher + ties / 2)) / others.length;
}

/** R's quantile(type = 7): 1-based position 1 + (n - 1)p. */
function r7(values: number[], p: number) {
  const x = [...values].sort((a, b) => a - b);
  const position = 1 + (x.length - 1) * p;
  const j = Math.floor(position);
  const g = position - j;
  return j >= x.length ? x[x.length - 1] : x[j - 1] + g * (x[j] - x[j - 1]);
}

describe.each(engineDatabaseIds())('unit economics on %p', databaseId => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  beforeAll(async () => {
    engine = await startEngine({
      csv: unitCostCsv(),
      entities: unitCatalog,
      databaseId,
    });
    const stored = await engine.metrics.record(unitMetricPoints(), 'api');
    if (stored.rejected.length > 0)
      throw new Error(`fixture metrics not stored: ${JSON.stringify(stored)}`);
  });
  const component = (name: string) =>
    engine.entity(`component:default/${name}`);
  const unitCost = (
    ref: string,
    query: { from: string; to: string; granularity?: 'day' | 'month' },
  ): Promise<UnitCostResponse> =>
    engine.unitCosts.unitCost(engine.entity(ref), {
      granularity: 'day',
      ...query,
    });
  const benchmark = (name: string, viewer = viewerDenied()) =>
    engine.benchmarks.benchmark(component(name), { viewer });

  describe('unit cost', () => {
    it('equals cost ÷ (requests / 1000) on every day, with no usage on a zero day', async () => {
      const res = await unitCost('component:default/svc-a', {
        from: '2025-03-01',
        to: '2025-03-31',
      });
      expect(res.unitMetric).toEqual({
        metric: 'requests',
        per: 1000,
        label: '1k requests',
      });
      expect(res.series).toHaveLength(31);
      expect(res.series.find(p => p.date === IDLE_DAY)).toEqual({
        date: IDLE_DAY,
        cost: DAILY_COST['svc-a'],
        metric: 0,
        unitCost: null,
      });
      for (const p of res.series.filter(d => d.date !== IDLE_DAY)) {
        expect(p.cost).toBe(DAILY_COST['svc-a']);
        expect(p.metric).toBe(12500);
        expect(Number(p.unitCost)).toBeCloseTo(
          (Number(p.cost) * 1000) / p.metric!,
          6,
        );
      }
      expect(res.totals).toEqual({
        date: '2025-03-01/2025-03-31',
        cost: '310',
        metric: 375000,
        unitCost: '0.826667',
      });
      expect(res.metricSources).toEqual(['component:default/svc-a']);
      expect(res.empty).toBeUndefined();
    });

    it('sums months, and the trend follows the unit cost down', async () => {
      const res = await unitCost('component:default/svc-c', {
        from: '2025-01-01',
        to: '2025-03-31',
        granularity: 'month',
      });
      expect(res.series.map(p => p.date)).toEqual([
        '2025-01',
        '2025-02',
        '2025-03',
      ]);
      const days = [31, 28, 31];
      res.series.forEach((p, i) => {
        expect(p.cost).toBe(String(30.5 * days[i]));
        expect(p.metric).toBe(DAILY_REQUESTS['svc-c'][i] * days[i]);
        expect(Number(p.unitCost)).toBeCloseTo(
          (Number(p.cost) * 1000) / p.metric!,
          6,
        );
      });
      // 3.05 → 1.525 per 1k requests: through three evenly spaced months the
      // least-squares line changes by the last minus the first, from its
      // value at the first month (the mean minus one slope)
      const [u0, u1, u2] = res.series.map(p => Number(p.unitCost));
      const slope = (u2 - u0) / 2;
      const fittedFirst = (u0 + u1 + u2) / 3 - slope;
      expect(res.trend).toEqual(
        expect.objectContaining({
          change: '-1.525000',
          direction: 'down',
          periods: 3,
        }),
      );
      expect(res.trend.ratio).toBeCloseTo((u2 - u0) / fittedFirst, 9);
      expect(res.trend!.slope).toBeLessThan(0);
    });

    it("sums a System's members' metric", async () => {
      const res = await unitCost('system:default/platform', {
        from: '2025-02-01',
        to: '2025-02-28',
        granularity: 'month',
      });
      expect(res.metricSources).toEqual([
        'component:default/svc-a',
        'component:default/svc-b',
      ]);
      expect(res.series[0]).toEqual({
        date: '2025-02',
        cost: String(30 * 28),
        metric: 20000 * 28,
        unitCost: '1.500000',
      });
    });

    it('says why there is no unit cost', async () => {
      const march = { from: '2025-03-01', to: '2025-03-31' };
      const odd = await unitCost('component:default/odd', march);
      expect(odd.empty?.reason).toBe('unit-metric-malformed');
      expect(odd.empty?.message).toMatch(/per thousand/);
      const quiet = await unitCost('component:default/quiet', march);
      expect(quiet.empty?.reason).toBe('no-metric-data');
      expect(quiet.empty?.message).toMatch(/'signups'/);
      expect(quiet.empty?.message).toMatch(/POST \/api\/finops\/metrics/);
      expect(quiet.empty?.message).toMatch(/costwise metrics import/);
      const plain = await unitCost('component:default/plain', march);
      expect(plain.empty?.reason).toBe('no-unit-metric');
      expect(plain.unitMetric).toBeNull();
      expect(plain.series[0]).toEqual({
        date: '2025-03-01',
        cost: '3',
        metric: null,
        unitCost: null,
      });
      const later = await unitCost('component:default/svc-a', {
        from: '2026-01-01',
        to: '2026-01-31',
      });
      expect(later.empty).toEqual({
        reason: 'range-outside-data',
        message:
          'The range 2026-01-01 to 2026-01-31 is after the data: the last day with data is 2025-04-01.',
      });
      expect(later.series).toEqual([]);
    });

    it("leaves out of a System's unit cost the members the viewer may not read", async () => {
      const period = {
        from: '2025-02-01',
        to: '2025-02-28',
        granularity: 'month' as const,
      };
      const viewer = viewerDenied('component:default/svc-b');
      const system = await engine.unitCosts.unitCost(
        engine.entity('system:default/platform'),
        period,
        viewer,
      );
      const svcA = await engine.unitCosts.unitCost(
        component('svc-a'),
        period,
        viewer,
      );
      expect(system.series[0].cost).toBe(svcA.series[0].cost);
      expect(system.series[0].cost).toBe(String(10 * 28));
    });
  });

  describe('benchmark', () => {
    const services = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'];
    const marchCost = (name: string) => Number(DAILY_COST[name]) * 31;
    const marchRequests = (name: string) =>
      DAILY_REQUESTS[name][2] * 31 - (name === 'svc-a' ? 12500 : 0);
    const perUnit = (name: string) =>
      (marchCost(name) * 1000) / marchRequests(name);
    const janUnitCost = (name: string) =>
      (Number(DAILY_COST[name]) * 1000) / DAILY_REQUESTS[name][0];
    const febUnitCost = (name: string) =>
      (Number(DAILY_COST[name]) * 1000) / DAILY_REQUESTS[name][1];
    /** The least-squares line through three evenly spaced months: its change over its first value. */
    const trendOf3 = (name: string) => {
      const [u0, u1, u2] = [
        janUnitCost(name),
        febUnitCost(name),
        perUnit(name),
      ].map(v => Number(v.toFixed(6)));
      const slope = (u2 - u0) / 2;
      return (u2 - u0) / ((u0 + u1 + u2) / 3 - slope);
    };

    it.each(services)(
      'ranks %s in its cohort as an independent computation does',
      async name => {
        const res = await benchmark(name);
        expect(res.month).toBe('2025-03');
        expect(res.cohort).toEqual({
          basis: 'type',
          label: 'service components',
          size: 5,
        });
        expect(res.notEnoughPeers).toBeUndefined();
        const byDimension = Object.fromEntries(
          res.figures.map(f => [f.dimension, f]),
        );
        const expected = {
          monthlyCost: services.map(marchCost),
          unitCost: services.map(perUnit),
          unitCostTrend: services.map(trendOf3),
        };
        const own = {
          monthlyCost: marchCost(name),
          unitCost: perUnit(name),
          unitCostTrend: trendOf3(name),
        };
        for (const dimension of [
          'monthlyCost',
          'unitCost',
          'unitCostTrend',
        ] as const) {
          const figure = byDimension[dimension];
          // unit costs are compared as the 6-place decimals shown
          const values =
            dimension === 'unitCost'
              ? expected.unitCost.map(v => Number(v.toFixed(6)))
              : expected[dimension];
          const value =
            dimension === 'unitCost'
              ? Number(own.unitCost.toFixed(6))
              : own[dimension];
          expect(figure.members).toBe(5);
          expect(figure.percentile).toBeCloseTo(
            expectedPercentile(value, values),
            9,
          );
          expect(figure.distribution).toHaveLength(5);
          figure.distribution.forEach((v, i) =>
            expect(v).toBeCloseTo([...values].sort((a, b) => a - b)[i], 6),
          );
          expect(figure.q1).toBeCloseTo(r7(values, 0.25), 6);
          expect(figure.median).toBeCloseTo(r7(values, 0.5), 6);
          expect(figure.q3).toBeCloseTo(r7(values, 0.75), 6);
          expect(figure.min).toBeCloseTo(Math.min(...values), 6);
          expect(figure.max).toBeCloseTo(Math.max(...values), 6);
          expect(figure.peers).toHaveLength(4);
        }
        expect(byDimension.monthlyCost.value).toBe(String(marchCost(name)));
      },
    );

    it('says it plainly', async () => {
      const res = await benchmark('svc-a');
      const byDimension = Object.fromEntries(
        res.figures.map(f => [f.dimension, f]),
      );
      // svc-a is the cheapest service this month and per request
      expect(byDimension.monthlyCost.verdict).toBe(
        'cheaper than all 4 other service components',
      );
      expect(byDimension.unitCost.verdict).toBe(
        'cheaper than all 4 other service components per 1k requests',
      );
      // trends: a −17.3%, b 0, c −50%, d +25%, e 0 → only c falls faster
      expect(byDimension.unitCostTrend.verdict).toBe(
        'unit cost falling faster than 75% of the 4 other service components (unit cost per 1k requests, 2025-01 to 2025-03)',
      );
      const d = await benchmark('svc-d');
      const dTrend = d.figures.find(f => f.dimension === 'unitCostTrend')!;
      expect(dTrend.verdict).toMatch(
        /^unit cost rising faster than all 4 other/,
      );
    });

    it('says a cohort of two has not enough peers', async () => {
      const res = await benchmark('pair-1');
      expect(res.cohort).toEqual({
        basis: 'annotation',
        label: 'members of cohort pair',
        size: 2,
      });
      expect(res.notEnoughPeers).toBe(
        'not enough peers (2 members of cohort pair with data; 3 needed)',
      );
      for (const figure of res.figures) {
        expect(figure.percentile).toBeNull();
        expect(figure.distribution).toEqual([]);
        expect(figure.notEnoughPeers).toMatch(/^not enough peers/);
      }
    });

    const serviceWith = (options: { maxCohort?: number }, cache?: ViewCache) =>
      new BenchmarkService({
        views: engine.views,
        unitCosts: engine.unitCosts,
        catalog: async () => unitCatalog,
        options: { byLifecycle: false, teams: 'all', ...options },
        cache,
      });

    it('compares a cohort over the cap on its first members by name, and says so', async () => {
      const res = await serviceWith({ maxCohort: 3 }).benchmark(
        component('svc-c'),
        { viewer: viewerDenied() },
      );
      expect(res.cohort).toEqual({
        basis: 'type',
        label: 'service components',
        size: 3,
        capped:
          'compared with 3 of its 5 members (finops.benchmarks.maxCohort), the first by name',
      });
      const monthly = res.figures.find(f => f.dimension === 'monthlyCost')!;
      expect(monthly.members).toBe(3);
      expect(monthly.peers.map(p => p.entityRef).sort()).toEqual([
        'component:default/svc-a',
        'component:default/svc-b',
      ]);
    });

    it("measures a cohort once per data version, not on every request, and still the caller's own view", async () => {
      const kept = new Map<string, unknown>();
      const cache: ViewCache = {
        snapshot: () => {
          throw new Error('not used');
        },
        get: async <T>(key: unknown[], compute: () => Promise<T>) => {
          const id = JSON.stringify(key);
          if (!kept.has(id)) kept.set(id, await compute());
          return kept.get(id) as T;
        },
      };
      const service = serviceWith({}, cache);
      const reads = jest.spyOn(engine.views, 'dailyCost');
      try {
        const first = await service.benchmark(component('svc-a'), {
          viewer: viewerDenied(),
        });
        // the caller's own view, and each member's whole cost once
        expect(reads).toHaveBeenCalledTimes(6);
        reads.mockClear();
        const again = await service.benchmark(component('svc-a'), {
          viewer: viewerDenied(),
        });
        // only the caller's own figures are read again: they depend on who asks
        expect(reads).toHaveBeenCalledTimes(1);
        expect(again).toEqual(first);
        expect(again).toEqual(await benchmark('svc-a'));
      } finally {
        reads.mockRestore();
      }
    });

    it('names only the peers the viewer may read, and keeps the distribution anonymous', async () => {
      const res = await benchmark(
        'svc-a',
        viewerDenied('component:default/svc-b'),
      );
      const monthly = res.figures.find(f => f.dimension === 'monthlyCost')!;
      // one unnamed peer: the distribution and the position would give its value away
      expect(monthly.distribution).toEqual([]);
      expect(monthly.median).toBeNull();
      expect(monthly.percentile).toBeNull();
      expect(monthly.hiddenPeers).toBe(1);
      expect(monthly.withheld).toBe(
        'the position and distribution are withheld: one of the 4 peers is hidden from you, and either would reveal its figure',
      );
      expect(monthly.verdict).toBe(monthly.withheld);
      expect(monthly.peers.map(p => p.entityRef).sort()).toEqual([
        'component:default/svc-c',
        'component:default/svc-d',
        'component:default/svc-e',
      ]);
      const anonymous = (
        await benchmark(
          'svc-a',
          viewerDenied('component:default/svc-b', 'component:default/svc-c'),
        )
      ).figures.find(f => f.dimension === 'monthlyCost')!;
      expect(anonymous.distribution).toHaveLength(5);
      expect(anonymous.percentile).not.toBeNull();
      expect(anonymous.hiddenPeers).toBe(2);
      expect(anonymous.peers).toHaveLength(2);
    });
  });
});
