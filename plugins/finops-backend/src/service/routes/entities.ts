import type { Router } from 'express';
import { z } from 'zod';
import { COST_GROUP_BY } from '@costwise/plugin-finops-common';
import type { Clock, CostViewService } from '@costwise/plugin-finops-engine';
import type { RequestAccess } from '../http/access';
import {
  dateRange,
  measureSchema,
  parseRequest,
  rangeSchema,
} from '../http/validation';

const summaryQuery = z.object({ measure: measureSchema });
const costsQuery = rangeSchema.extend({
  granularity: z.enum(['day', 'month']).default('day'),
  groupBy: z.enum(COST_GROUP_BY).default('service'),
  measure: measureSchema,
});
const sharedQuery = rangeSchema.extend({ measure: measureSchema });
const resourcesQuery = rangeSchema.extend({
  measure: measureSchema,
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

/**
 * The entity cost routes. Each resolves the entity and checks
 * `finops.cost.read` on it. A System's, Domain's or Group's figures include
 * only the members whose cost the caller may read; the response says how
 * many were left out.
 */
export function registerEntityRoutes(
  router: Router,
  deps: { access: RequestAccess; views: CostViewService; clock: Clock },
) {
  const { access, views } = deps;
  // the 30 days up to the last day with data, as the card's drivers
  const last30Days = async (query: { from?: string; to?: string }) =>
    dateRange(query, { defaultTo: await views.asOf(), defaultDays: 30 });

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const query = parseRequest(summaryQuery, req.query);
    const entity = await access.entity(req);
    res.json(
      await views.summary(entity, query.measure, await access.viewer(req)),
    );
  });

  router.get('/entities/:kind/:namespace/:name/costs', async (req, res) => {
    const query = parseRequest(costsQuery, req.query);
    const entity = await access.entity(req);
    res.json(
      await views.costs(
        entity,
        { ...query, ...(await last30Days(query)) },
        await access.viewer(req),
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/shared', async (req, res) => {
    const query = parseRequest(sharedQuery, req.query);
    const entity = await access.entity(req);
    res.json(
      await views.shared(
        entity,
        { ...query, ...(await last30Days(query)) },
        await access.viewer(req),
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/resources', async (req, res) => {
    const query = parseRequest(resourcesQuery, req.query);
    const entity = await access.entity(req);
    res.json(
      await views.resources(
        entity,
        { ...query, ...(await last30Days(query)) },
        await access.viewer(req),
      ),
    );
  });
}
