import type { Request, Router } from 'express';
import { z } from 'zod';
import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  COST_MEASURES,
  finopsAdminPermission,
} from '@costwise/plugin-finops-common';
import type { MetricService } from '../../metrics/MetricService';
import type { BenchmarkService } from '../unitEconomics/BenchmarkService';
import type { UnitCostService } from '../unitEconomics/UnitCostService';
import { addDays } from '../views/dates';
import { isCalendarDay } from '../../metrics/validate';
import { parseQuery } from './entities';
import { costViewer } from '../views/costViewer';

/** Points per `POST /metrics` request. */
export const MAX_METRIC_POINTS = 10_000;

const day = z
  .string()
  .refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD' });
const measure = z.enum(COST_MEASURES).optional();
const unitCostQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  granularity: z.enum(['day', 'month']).default('day'),
  measure,
});
const benchmarkQuery = z.object({ measure });
// points are checked one by one so that each bad one gets its own reason
const metricBody = z.object({
  points: z.array(z.unknown()).max(MAX_METRIC_POINTS),
});

/**
 * Business metrics and unit economics: `POST /metrics` for services and
 * admins, and the entity routes `unit-cost` and `benchmark`, which look the
 * entity up and authorize `finops.cost.read` on it exactly as the other
 * entity routes do (`entityFor`).
 */
export function registerUnitEconomicsRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    metrics: MetricService;
    unitCosts: UnitCostService;
    benchmarks: BenchmarkService;
    entityFor: (req: Request) => Promise<Entity>;
  },
) {
  const { httpAuth, permissions, metrics, unitCosts, benchmarks, entityFor } =
    deps;

  router.post('/metrics', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // other backends and scripts with a service token may send metrics; people need finops.admin
    if (credentials.principal.type === 'user') {
      const [decision] = await permissions.authorize(
        [{ permission: finopsAdminPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW)
        throw new NotAllowedError(
          'You need the finops.admin permission to send metrics',
        );
    }
    const body = parseQuery(metricBody, req.body);
    res.json(await metrics.record(body.points, 'api'));
  });

  router.get('/entities/:kind/:namespace/:name/unit-cost', async (req, res) => {
    const query = parseQuery(unitCostQuery, req.query);
    const to = query.to ?? new Date().toISOString().slice(0, 10);
    const from =
      query.from ?? addDays(to, query.granularity === 'month' ? -364 : -29);
    if (from > to)
      throw new InputError(
        `Invalid request: from (${from}) is after to (${to})`,
      );
    const entity = await entityFor(req);
    // a System's or Group's unit cost leaves out members the caller may not read
    const viewer = costViewer({ permissions })(await httpAuth.credentials(req));
    res.json(await unitCosts.unitCost(entity, { ...query, from, to }, viewer));
  });

  router.get('/entities/:kind/:namespace/:name/benchmark', async (req, res) => {
    const query = parseQuery(benchmarkQuery, req.query);
    const entity = await entityFor(req);
    const credentials = await httpAuth.credentials(req);
    res.json(
      await benchmarks.benchmark(entity, {
        measure: query.measure,
        credentials,
      }),
    );
  });
}
