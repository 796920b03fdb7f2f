import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@backstage/errors';
import type { CostStore } from '@costwise/plugin-finops-engine';
import type { RequestAccess } from '../http/access';
import { parseRequest } from '../http/validation';

const ingestionsQuery = z.object({
  source: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** The ingestion records, for admins. */
export function registerIngestionRoutes(
  router: Router,
  deps: { access: RequestAccess; store: CostStore },
) {
  const { access, store } = deps;

  router.get('/ingestions', async (req, res) => {
    await access.requireAdmin(req, 'see ingestion records');
    const query = parseRequest(ingestionsQuery, req.query);
    const runs = await store.listRuns({
      sourceId: query.source,
      limit: query.limit,
    });
    const periods = await store.listSourcePeriods(query.source);
    res.json({ items: runs, sourcePeriods: periods });
  });

  router.get('/ingestions/:id', async (req, res) => {
    await access.requireAdmin(req, 'see ingestion records');
    const run = await store.getRun(req.params.id);
    if (!run)
      throw new NotFoundError(`No ingestion run with id '${req.params.id}'`);
    res.json(run);
  });
}
