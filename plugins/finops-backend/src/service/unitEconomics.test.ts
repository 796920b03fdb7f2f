import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startFinopsBackend } from '../__testUtils__/backend';
import type { Decide } from '../__testUtils__/permissions';
import {
  DAILY_COST,
  DAILY_REQUESTS,
  IDLE_DAY,
  unitCatalog,
  unitCostCsv,
  unitMetricPoints,
} from './__fixtures__/unitEconomics';

jest.setTimeout(120_000);

async function start(decide: Decide = () => AuthorizeResult.ALLOW) {
  const { server, get } = await startFinopsBackend({
    csv: unitCostCsv(),
    entities: unitCatalog,
    decide,
    prefix: 'costwise-unit-',
  });
  const post = (body: unknown, header = mockCredentials.user.header()) =>
    request(server)
      .post('/api/finops/metrics')
      .set('Authorization', header)
      .send(body as object);
  for (let i = 0; i < 150; i++) {
    const costs = await get(
      '/entities/component/default/plain/costs?from=2025-03-01&to=2025-03-31',
    );
    if (costs.status === 200 && costs.body.total !== '0') break;
    await new Promise(r => setTimeout(r, 200));
  }
  return { get, post, server };
}

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

describe('unit economics routes', () => {
  let app: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    app = await start();
    const stored = await app.post({ points: unitMetricPoints() });
    if (stored.status !== 200 || stored.body.rejected.length > 0)
      throw new Error(
        `fixture metrics not stored: ${JSON.stringify(stored.body)}`,
      );
  });

  describe('POST /metrics', () => {
    it('stores good points, rejects bad ones with reasons, and is idempotent', async () => {
      const points = [
        {
          entity: 'component:default/plain',
          metric: 'deployments',
          date: '2025-03-03',
          value: 4,
        },
        {
          entity: 'component:default/nope',
          metric: 'deployments',
          date: '2025-03-03',
          value: 1,
        },
        {
          entity: 'component:default/plain',
          metric: 'deployments',
          date: '2999-01-01',
          value: 1,
        },
        {
          entity: 'component:default/plain',
          metric: 'deployments',
          date: '2025-03-04',
          value: -2,
        },
        {
          entity: 'component:default/plain',
          metric: 'deployments',
          date: '2025-03-05',
          value: 'many',
        },
        {
          entity: 'component:default/plain',
          metric: 'Not A Name',
          date: '2025-03-05',
          value: 1,
        },
      ];
      const first = await app.post({ points });
      expect(first.status).toBe(200);
      expect(first.body.received).toBe(6);
      expect(first.body.stored).toBe(1);
      expect(first.body.rejected.map((r: any) => [r.index, r.reason])).toEqual([
        [1, 'entity component:default/nope is not in the catalog'],
        [2, expect.stringMatching(/^date 2999-01-01 is in the future/)],
        [3, 'value -2 is negative'],
        [4, "value 'many' is not a number"],
        [5, expect.stringMatching(/^metric 'Not A Name' is not a metric name/)],
      ]);
      const again = await app.post({ points });
      expect(again.body.stored).toBe(1);
    });

    it('answers 400 for a body that is not a batch', async () => {
      const res = await app.post({ point: {} });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/points/);
    });

    it('takes metrics from services and from admins only', async () => {
      const denied = await start(permission =>
        permission === 'finops.admin'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      );
      const point = {
        entity: 'component:default/plain',
        metric: 'deployments',
        date: '2025-03-03',
        value: 2,
      };
      const user = await denied.post({ points: [point] });
      expect(user.status).toBe(403);
      const service = await denied.post(
        { points: [point] },
        mockCredentials.service.header(),
      );
      expect(service.status).toBe(200);
      expect(service.body.stored).toBe(1);
      const anonymous = await denied.post(
        { points: [point] },
        mockCredentials.none.header(),
      );
      expect(anonymous.status).toBe(401);
    });
  });

  describe('GET unit-cost', () => {
    it('equals cost ÷ (requests / 1000) on every day, with no usage on a zero day', async () => {
      const res = await app.get(
        '/entities/component/default/svc-a/unit-cost?from=2025-03-01&to=2025-03-31',
      );
      expect(res.status).toBe(200);
      expect(res.body.unitMetric).toEqual({
        metric: 'requests',
        per: 1000,
        label: '1k requests',
      });
      expect(res.body.series).toHaveLength(31);
      expect(res.body.series.find((p: any) => p.date === IDLE_DAY)).toEqual({
        date: IDLE_DAY,
        cost: DAILY_COST['svc-a'],
        metric: 0,
        unitCost: null,
      });
      for (const p of res.body.series.filter((d: any) => d.date !== IDLE_DAY)) {
        expect(p.cost).toBe(DAILY_COST['svc-a']);
        expect(p.metric).toBe(12500);
        expect(Number(p.unitCost)).toBeCloseTo(
          (Number(p.cost) * 1000) / p.metric,
          6,
        );
      }
      expect(res.body.totals).toEqual({
        date: '2025-03-01/2025-03-31',
        cost: '310',
        metric: 375000,
        unitCost: '0.826667',
      });
      expect(res.body.metricSources).toEqual(['component:default/svc-a']);
      expect(res.body.empty).toBeUndefined();
    });

    it('sums months, and the trend follows the unit cost down', async () => {
      const res = await app.get(
        '/entities/component/default/svc-c/unit-cost?from=2025-01-01&to=2025-03-31&granularity=month',
      );
      expect(res.body.series.map((p: any) => p.date)).toEqual([
        '2025-01',
        '2025-02',
        '2025-03',
      ]);
      const days = [31, 28, 31];
      res.body.series.forEach((p: any, i: number) => {
        expect(p.cost).toBe(String(30.5 * days[i]));
        expect(p.metric).toBe(DAILY_REQUESTS['svc-c'][i] * days[i]);
        expect(Number(p.unitCost)).toBeCloseTo(
          (Number(p.cost) * 1000) / p.metric,
          6,
        );
      });
      // 3.05 → 1.525 per 1k requests
      expect(res.body.trend).toEqual(
        expect.objectContaining({
          change: '-1.525',
          ratio: -0.5,
          direction: 'down',
        }),
      );
      expect(res.body.trend.slope).toBeLessThan(0);
    });

    it("sums a System's members' metric", async () => {
      const res = await app.get(
        '/entities/system/default/platform/unit-cost?from=2025-02-01&to=2025-02-28&granularity=month',
      );
      expect(res.body.metricSources).toEqual([
        'component:default/svc-a',
        'component:default/svc-b',
      ]);
      expect(res.body.series[0]).toEqual({
        date: '2025-02',
        cost: String(30 * 28),
        metric: 20000 * 28,
        unitCost: '1.500000',
      });
    });

    it('says why there is no unit cost', async () => {
      const odd = await app.get('/entities/component/default/odd/unit-cost');
      expect(odd.body.empty.reason).toBe('unit-metric-malformed');
      expect(odd.body.empty.message).toMatch(/per thousand/);
      const quiet = await app.get(
        '/entities/component/default/quiet/unit-cost',
      );
      expect(quiet.body.empty.reason).toBe('no-metric-data');
      expect(quiet.body.empty.message).toMatch(/'signups'/);
      expect(quiet.body.empty.message).toMatch(/POST \/api\/finops\/metrics/);
      expect(quiet.body.empty.message).toMatch(/costwise metrics import/);
      const plain = await app.get(
        '/entities/component/default/plain/unit-cost?from=2025-03-01&to=2025-03-31',
      );
      expect(plain.body.empty.reason).toBe('no-unit-metric');
      expect(plain.body.unitMetric).toBeNull();
      expect(plain.body.series[0]).toEqual({
        date: '2025-03-01',
        cost: '3',
        metric: null,
        unitCost: null,
      });
      const later = await app.get(
        '/entities/component/default/svc-a/unit-cost?from=2026-01-01&to=2026-01-31',
      );
      expect(later.body.empty.reason).toBe('no-cost-data');
    });

    it('validates the query and 404s unknown entities', async () => {
      expect(
        (
          await app.get(
            '/entities/component/default/svc-a/unit-cost?from=2025-02-30',
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await app.get(
            '/entities/component/default/svc-a/unit-cost?granularity=week',
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await app.get(
            '/entities/component/default/svc-a/unit-cost?from=2025-03-02&to=2025-03-01',
          )
        ).status,
      ).toBe(400);
      const missing = await app.get(
        '/entities/component/default/nope/unit-cost',
      );
      expect(missing.status).toBe(404);
    });
  });

  describe('GET benchmark', () => {
    const services = ['svc-a', 'svc-b', 'svc-c', 'svc-d', 'svc-e'];
    const marchCost = (name: string) => Number(DAILY_COST[name]) * 31;
    const marchRequests = (name: string) =>
      DAILY_REQUESTS[name][2] * 31 - (name === 'svc-a' ? 12500 : 0);
    const unitCost = (name: string) =>
      (marchCost(name) * 1000) / marchRequests(name);
    const janUnitCost = (name: string) =>
      (Number(DAILY_COST[name]) * 1000) / DAILY_REQUESTS[name][0];

    it.each(services)(
      'ranks %s in its cohort as an independent computation does',
      async name => {
        const res = await app.get(
          `/entities/component/default/${name}/benchmark`,
        );
        expect(res.status).toBe(200);
        expect(res.body.month).toBe('2025-03');
        expect(res.body.cohort).toEqual({
          basis: 'type',
          label: 'service components',
          size: 5,
        });
        expect(res.body.notEnoughPeers).toBeUndefined();
        const byDimension = Object.fromEntries(
          res.body.figures.map((f: any) => [f.dimension, f]),
        );
        const expected = {
          monthlyCost: services.map(marchCost),
          unitCost: services.map(unitCost),
          unitCostTrend: services.map(
            s => (unitCost(s) - janUnitCost(s)) / janUnitCost(s),
          ),
        };
        const own = {
          monthlyCost: marchCost(name),
          unitCost: unitCost(name),
          unitCostTrend:
            (unitCost(name) - janUnitCost(name)) / janUnitCost(name),
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
          figure.distribution.forEach((v: number, i: number) =>
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
      const res = await app.get('/entities/component/default/svc-a/benchmark');
      const byDimension = Object.fromEntries(
        res.body.figures.map((f: any) => [f.dimension, f]),
      );
      // svc-a is the cheapest service this month and per request
      expect(byDimension.monthlyCost.verdict).toBe(
        'cheaper than 100% of 5 service components',
      );
      expect(byDimension.unitCost.verdict).toBe(
        'cheaper than 100% of 5 service components per 1k requests',
      );
      // trends: a −17.3%, b 0, c −50%, d +25%, e 0 → only c falls faster
      expect(byDimension.unitCostTrend.verdict).toBe(
        'unit cost falling faster than 75% of 5 service components (unit cost per 1k requests, 2025-01 to 2025-03)',
      );
      const d = await app.get('/entities/component/default/svc-d/benchmark');
      const dTrend = d.body.figures.find(
        (f: any) => f.dimension === 'unitCostTrend',
      );
      expect(dTrend.verdict).toMatch(/^unit cost rising faster than 100% of 5/);
    });

    it('says a cohort of two has not enough peers', async () => {
      const res = await app.get('/entities/component/default/pair-1/benchmark');
      expect(res.body.cohort).toEqual({
        basis: 'annotation',
        label: 'members of cohort pair',
        size: 2,
      });
      expect(res.body.notEnoughPeers).toBe(
        'not enough peers (2 members of cohort pair with data; 3 needed)',
      );
      for (const figure of res.body.figures) {
        expect(figure.percentile).toBeNull();
        expect(figure.distribution).toEqual([]);
        expect(figure.notEnoughPeers).toMatch(/^not enough peers/);
      }
    });

    it('names only the peers the caller may read, and keeps the distribution anonymous', async () => {
      const limited = await start((permission, ref) =>
        permission === 'finops.cost.read' && ref === 'component:default/svc-b'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      );
      const res = await limited.get(
        '/entities/component/default/svc-a/benchmark',
      );
      const monthly = res.body.figures.find(
        (f: any) => f.dimension === 'monthlyCost',
      );
      // one unnamed peer: the distribution would give its value away
      expect(monthly.distribution).toEqual([]);
      expect(monthly.median).toBeNull();
      expect(monthly.percentile).not.toBeNull();
      expect(monthly.peers.map((p: any) => p.entityRef).sort()).toEqual([
        'component:default/svc-c',
        'component:default/svc-d',
        'component:default/svc-e',
      ]);
      const twoHidden = await start((permission, ref) =>
        permission === 'finops.cost.read' &&
        (ref === 'component:default/svc-b' || ref === 'component:default/svc-c')
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      );
      const anonymous = (
        await twoHidden.get('/entities/component/default/svc-a/benchmark')
      ).body.figures.find((f: any) => f.dimension === 'monthlyCost');
      expect(anonymous.distribution).toHaveLength(5);
      expect(anonymous.peers).toHaveLength(2);
      expect(
        (await limited.get('/entities/component/default/svc-b/benchmark'))
          .status,
      ).toBe(403);

      // the system's unit cost leaves svc-b's cost out (this backend has no metrics)
      const period = 'from=2025-02-01&to=2025-02-28&granularity=month';
      const system = await limited.get(
        `/entities/system/default/platform/unit-cost?${period}`,
      );
      const svcA = await limited.get(
        `/entities/component/default/svc-a/unit-cost?${period}`,
      );
      expect(system.body.series[0].cost).not.toBe('0');
      expect(system.body.series).toEqual(svcA.body.series);
    });
  });
});
