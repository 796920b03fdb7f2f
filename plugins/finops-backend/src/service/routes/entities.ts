import type { Request, Router } from 'express';
import { z } from 'zod';
import type {
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Entity } from '@backstage/catalog-model';
import {
  COST_GROUP_BY,
  COST_MEASURES,
  finopsCostReadPermission,
} from '@costwise/plugin-finops-common';
import type { CostViewService } from '../views/CostViewService';
import { costViewer } from '../views/costViewer';
import { addDays } from '../views/dates';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    v =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
      new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: 'is not a calendar date',
    },
  );
const measure = z.enum(COST_MEASURES).optional();
const summaryQuery = z.object({ measure });
const costsQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  granularity: z.enum(['day', 'month']).default('day'),
  groupBy: z.enum(COST_GROUP_BY).default('service'),
  measure,
});
const resourcesQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  measure,
});

/** Parses with zod and turns failures into a 400 naming each bad parameter. */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `Invalid request: ${parsed.error.issues
        .map(i => `${i.path.join('.') || 'query'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

function range(query: { from?: string; to?: string }) {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const from = query.from ?? addDays(to, -29);
  if (from > to)
    throw new InputError(`Invalid request: from (${from}) is after to (${to})`);
  return { from, to };
}

/**
 * Looks the request's entity up with the caller's credentials (404 when the
 * caller cannot see it or it does not exist) and authorizes
 * `finops.cost.read` on it; conditional decisions are resolved by the
 * catalog, which owns the `catalog-entity` resource type, so catalog rules
 * such as IS_ENTITY_OWNER apply.
 */
export function entityResolver(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
}): (req: Request) => Promise<Entity> {
  const { httpAuth, permissions, catalog } = deps;
  return async (req: Request) => {
    const credentials = await httpAuth.credentials(req);
    const { kind, namespace, name } = req.params;
    const ref = `${kind}:${namespace}/${name}`.toLowerCase();
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
    const [decision] = await permissions.authorize(
      [{ permission: finopsCostReadPermission, resourceRef: ref }],
      {
        credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to read the cost of ${ref}`,
      );
    }
    return entity;
  };
}

/**
 * The entity cost routes. Each resolves the entity with
 * {@link entityResolver}. A System's, Domain's or Group's figures include
 * only the members whose cost the caller may read; the response says how
 * many were left out.
 */
export function registerEntityRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    auth: AuthService;
    permissions: PermissionsService;
    catalog: CatalogService;
    views: CostViewService;
  },
) {
  const { views, httpAuth } = deps;
  const resolve = entityResolver(deps);
  const viewerOf = costViewer(deps);
  const entityFor = async (req: Request) => {
    const entity = await resolve(req);
    return { entity, viewer: viewerOf(await httpAuth.credentials(req)) };
  };

  router.get('/entities/:kind/:namespace/:name/summary', async (req, res) => {
    const query = parseQuery(summaryQuery, req.query);
    const { entity, viewer } = await entityFor(req);
    res.json(await views.summary(entity, query.measure, viewer));
  });

  router.get('/entities/:kind/:namespace/:name/costs', async (req, res) => {
    const query = parseQuery(costsQuery, req.query);
    const { entity, viewer } = await entityFor(req);
    res.json(await views.costs(entity, { ...query, ...range(query) }, viewer));
  });

  router.get('/entities/:kind/:namespace/:name/resources', async (req, res) => {
    const query = parseQuery(resourcesQuery, req.query);
    const { entity, viewer } = await entityFor(req);
    res.json(
      await views.resources(entity, { ...query, ...range(query) }, viewer),
    );
  });
}
