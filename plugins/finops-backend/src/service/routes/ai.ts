import type { Router } from 'express';
import { z } from 'zod';
import type { AiUsageService } from '@costwise/plugin-finops-engine';
import type { RequestAccess } from '../http/access';
import {
  dateRange,
  measureSchema,
  monthSchema,
  parseRequest,
  rangeSchema,
} from '../http/validation';

const usageQuery = rangeSchema.extend({ measure: measureSchema });
const whatIfQuery = z.object({ measure: measureSchema });
const spendQuery = z.object({
  month: monthSchema.optional(),
  measure: measureSchema,
});

/**
 * The AI spend routes: an entity's AI usage over a period (the 30 days up
 * to the last day with data by default) and its model what-if, which
 * resolve the entity and check `finops.cost.read` on it as the other
 * entity routes do (a rollup leaves out the members the caller may not
 * read); and the organization's AI spend of a month by team and model,
 * over the entities whose cost the caller may read. An entity without AI
 * spend gets an answer that says so, not an error.
 */
export function registerAiRoutes(
  router: Router,
  deps: { access: RequestAccess; ai: AiUsageService },
) {
  const { access } = deps;

  router.get('/entities/:kind/:namespace/:name/ai-usage', async (req, res) => {
    const query = parseRequest(usageQuery, req.query);
    const range = dateRange(query, {
      defaultTo: await deps.ai.asOf(),
      defaultDays: 30,
    });
    const entity = await access.entity(req);
    res.json(
      await deps.ai.usage(
        entity,
        { ...query, ...range },
        await access.viewer(req),
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/ai-whatif', async (req, res) => {
    const query = parseRequest(whatIfQuery, req.query);
    const entity = await access.entity(req);
    res.json(await deps.ai.whatIf(entity, query, await access.viewer(req)));
  });

  router.get('/ai/spend', async (req, res) => {
    const query = parseRequest(spendQuery, req.query);
    res.json(await deps.ai.spend(query, await access.viewer(req)));
  });
}
