import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@backstage/errors';
import {
  CostFileError,
  CostStore,
  IngestionService,
  SourceConfig,
  TooManyGroupsError,
} from '@costwise/plugin-finops-engine';
import type { RequestAccess } from '../http/access';
import { parseRequest } from '../http/validation';

const ingestQuery = z.object({
  allowShrink: z
    .enum(['true', 'false'])
    .optional()
    .transform(v => v === 'true'),
});
const ingestionsQuery = z.object({
  source: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/**
 * The ingestion records, and ingesting a configured source now, for
 * admins.
 */
export function registerIngestionRoutes(
  router: Router,
  deps: {
    access: RequestAccess;
    store: CostStore;
    ingestion: IngestionService;
    sources: SourceConfig[];
  },
) {
  const { access, store, ingestion, sources } = deps;

  router.get('/sources', async (req, res) => {
    await access.requireAdmin(req, 'see the cost sources');
    const periods = await store.listSourcePeriods();
    res.json({
      items: sources.map(s => ({
        id: s.id,
        type: s.type,
        location: s.location,
        schedule: s.schedule,
        billingPeriods: periods
          .filter(p => p.sourceId === s.id)
          .map(p => p.billingPeriod),
      })),
    });
  });

  // Reads the source now and answers once it is stored and attributed (a
  // run of this replica in progress is waited for first; another replica's
  // is a 409, as is a replacement that would shrink a period too much). A
  // file that cannot be read is a 422 naming it and what is wrong with it.
  router.post('/sources/:id/ingest', async (req, res) => {
    await access.requireAdmin(req, 'ingest a cost source');
    const source = sources.find(s => s.id === req.params.id);
    if (!source)
      throw new NotFoundError(
        `No cost source '${req.params.id}' is configured (finops.sources)`,
      );
    const { allowShrink } = parseRequest(ingestQuery, req.query);
    try {
      res.json(await ingestion.ingestSourceNow(source, { allowShrink }));
    } catch (error) {
      // the request was sound; the source's files were not
      if (error instanceof CostFileError || error instanceof TooManyGroupsError)
        Object.assign(error, { statusCode: 422 });
      throw error;
    }
  });

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
