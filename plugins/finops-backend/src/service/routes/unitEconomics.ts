import type { Router } from 'express';
import { z } from 'zod';
import type {
  BenchmarkService,
  Clock,
  MetricService,
  UnitCostService,
} from '@costwise/plugin-finops-engine';
import type { RequestAccess } from '../http/access';
import {
  dateRange,
  measureSchema,
  parseRequest,
  rangeSchema,
} from '../http/validation';

/** Points per `POST /metrics` request. */
export const MAX_METRIC_POINTS = 10_000;

const unitCostQuery = rangeSchema.extend({
  granularity: z.enum(['day', 'month']).default('day'),
  measure: measureSchema,
});
const benchmarkQuery = z.object({ measure: measureSchema });
// points are checked one by one so that each bad one gets its own reason
const metricBody = z.object({
  points: z.array(z.unknown()).max(MAX_METRIC_POINTS),
});

/**
 * Business metrics and unit economics: `POST /metrics` for admins (users
 * with `finops.admin`, services on `finops.admin.services`), and the entity
 * routes `unit-cost` and `benchmark`, which resolve the entity and check
 * `finops.cost.read` on it as the other entity routes do.
 */
export function registerUnitEconomicsRoutes(
  router: Router,
  deps: {
    access: RequestAccess;
    metrics: MetricService;
    unitCosts: UnitCostService;
    benchmarks: BenchmarkService;
    clock: Clock;
  },
) {
  const { access, metrics, unitCosts, benchmarks } = deps;

  router.post('/metrics', async (req, res) => {
    await access.requireAdmin(req, 'send metrics');
    const body = parseRequest(metricBody, req.body);
    res.json(await metrics.record(body.points, 'api'));
  });

  router.get('/entities/:kind/:namespace/:name/unit-cost', async (req, res) => {
    const query = parseRequest(unitCostQuery, req.query);
    const range = dateRange(query, {
      defaultTo: await unitCosts.asOf(),
      defaultDays: query.granularity === 'month' ? 365 : 30,
    });
    const entity = await access.entity(req);
    // a System's or Group's unit cost leaves out members the caller may not read
    res.json(
      await unitCosts.unitCost(
        entity,
        { ...query, ...range },
        await access.viewer(req),
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/benchmark', async (req, res) => {
    const query = parseRequest(benchmarkQuery, req.query);
    const entity = await access.entity(req);
    res.json(
      await benchmarks.benchmark(entity, {
        measure: query.measure,
        viewer: await access.viewer(req),
      }),
    );
  });
}
