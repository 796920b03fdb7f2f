import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type {
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { finopsAdminPermission } from '@costwise/plugin-finops-common';
import type { AttributionStore } from '../database/AttributionStore';
import type { CostStore } from '../database/CostStore';
import type { AttributionService } from './attribution/AttributionService';
import { registerAttributionRoutes } from './routes/attribution';
import { entityResolver, registerEntityRoutes } from './routes/entities';
import { registerUnitEconomicsRoutes } from './routes/unitEconomics';
import type { MetricService } from '../metrics/MetricService';
import type { BenchmarkService } from './unitEconomics/BenchmarkService';
import type { UnitCostService } from './unitEconomics/UnitCostService';
import type { CostViewService } from './views/CostViewService';
import { CoverageService } from './views/CoverageService';

/** What the router needs. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: CostStore;
  attributionStore: AttributionStore;
  attribution: AttributionService;
  views: CostViewService;
  metrics: MetricService;
  unitCosts: UnitCostService;
  benchmarks: BenchmarkService;
}

const ingestionsQuery = z.object({
  source: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Creates the `/api/finops` router. Routes parse, authorize and delegate. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    httpAuth,
    auth,
    permissions,
    catalog,
    store,
    attributionStore,
    attribution,
    views,
    metrics,
    unitCosts,
    benchmarks,
  } = options;
  const router = Router();
  router.use(express.json({ limit: '10mb' }));

  const requireAdmin = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: finopsAdminPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You need the finops.admin permission to see ingestion records',
      );
    }
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/ingestions', async (req, res) => {
    await requireAdmin(req);
    const parsed = ingestionsQuery.safeParse(req.query);
    if (!parsed.success)
      throw new InputError(
        `Invalid query: ${parsed.error.issues
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    const runs = await store.listRuns({
      sourceId: parsed.data.source,
      limit: parsed.data.limit,
    });
    const periods = await store.listSourcePeriods(parsed.data.source);
    res.json({ items: runs, sourcePeriods: periods });
  });

  router.get('/ingestions/:id', async (req, res) => {
    await requireAdmin(req);
    const run = await store.getRun(req.params.id);
    if (!run)
      throw new NotFoundError(`No ingestion run with id '${req.params.id}'`);
    res.json(run);
  });

  registerEntityRoutes(router, { httpAuth, auth, permissions, catalog, views });
  registerUnitEconomicsRoutes(router, {
    httpAuth,
    permissions,
    metrics,
    unitCosts,
    benchmarks,
    entityFor: entityResolver({ httpAuth, permissions, catalog }),
  });
  registerAttributionRoutes(router, {
    httpAuth,
    permissions,
    store: attributionStore,
    attribution,
    coverage: new CoverageService(attributionStore),
  });

  return router;
}
