import { randomUUID } from 'crypto';
import type { Request, Router } from 'express';
import { z } from 'zod';
import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { finopsAdminPermission } from '@costwise/plugin-finops-common';
import type { AttributionStore } from '../../database/AttributionStore';
import type { AttributionService } from '../attribution/AttributionService';
import { pairMoves } from '../attribution/moves';
import type { CoverageService } from '../views/CoverageService';
import { parseQuery } from './entities';

const explainQuery = z
  .object({
    resourceId: z.string().min(1).optional(),
    groupId: z.string().regex(/^\d+$/).optional(),
  })
  .refine(q => q.resourceId || q.groupId, {
    message: 'give resourceId or groupId',
  });
const overrideBody = z.object({
  match: z
    .object({
      account: z.string().min(1).optional(),
      service: z.string().min(1).optional(),
      resourceIdPattern: z.string().min(1).optional(),
      tags: z.record(z.string().min(1), z.string()).optional(),
    })
    .refine(m => Object.values(m).some(v => v !== undefined), {
      message: 'needs at least one condition',
    }),
  entityRef: z
    .string()
    .regex(
      /^[a-z0-9-_]+:[a-z0-9-_.]+\/[a-zA-Z0-9-_.]+$/i,
      'must be kind:namespace/name',
    ),
  note: z.string().max(1000).optional(),
});
const confirmBody = z.object({
  groupId: z.string().regex(/^\d+$/),
  entityRef: overrideBody.shape.entityRef,
});
const limitQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}

/** Admin routes of attribution: explain, coverage, changes, overrides, suggestions, runs. */
export function registerAttributionRoutes(
  router: Router,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    store: AttributionStore;
    attribution: AttributionService;
    coverage: CoverageService;
  },
) {
  const { httpAuth, permissions, store, attribution, coverage } = deps;

  const requireAdmin = async (req: Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: finopsAdminPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You need the finops.admin permission for this',
      );
    }
    return credentials;
  };

  router.get('/explain', async (req, res) => {
    await requireAdmin(req);
    const query = parseQuery(explainQuery, req.query);
    const groupIds = query.groupId
      ? [query.groupId]
      : await store.groupIdsByResourceId(query.resourceId!);
    if (groupIds.length === 0)
      throw new NotFoundError(
        `No cost is stored for resource '${query.resourceId}'`,
      );
    const groups = await store.loadGroups(groupIds);
    const evidence = await store.evidence({ groupIds });
    res.json({
      items: groups.map(g => ({
        group: g,
        attributions: evidence.filter(e => e.groupId === g.id),
        unattributed: !evidence.some(e => e.groupId === g.id),
      })),
    });
  });

  router.get('/coverage', async (req, res) => {
    await requireAdmin(req);
    res.json(await coverage.coverage());
  });

  router.get('/attribution/changes', async (req, res) => {
    await requireAdmin(req);
    const { limit } = parseQuery(limitQuery, req.query);
    const items = await store.listChanges(limit);
    res.json({ moves: pairMoves(items), items });
  });

  router.post('/attribution/run', async (req, res) => {
    await requireAdmin(req);
    const run = await attribution.run('requested through the API');
    res.json({
      id: run.id,
      changes: run.changes,
      currencies: run.report.currencies,
    });
  });

  router.get('/overrides', async (req, res) => {
    await requireAdmin(req);
    res.json({ items: await store.listOverrides() });
  });

  router.post('/overrides', async (req, res) => {
    const credentials = await requireAdmin(req);
    const body = parseQuery(overrideBody, req.body);
    const override = {
      id: randomUUID(),
      match: body.match,
      entityRef: body.entityRef.toLowerCase(),
      note: body.note,
      createdBy: principalOf(credentials),
      createdAt: new Date().toISOString(),
    };
    await store.addOverride(override);
    await attribution.run(`override ${override.id} added`);
    res.status(201).json(override);
  });

  router.delete('/overrides/:id', async (req, res) => {
    await requireAdmin(req);
    if (!(await store.deleteOverride(req.params.id))) {
      throw new NotFoundError(`No override with id '${req.params.id}'`);
    }
    await attribution.run(`override ${req.params.id} deleted`);
    res.status(204).end();
  });

  router.post('/suggestions/confirm', async (req, res) => {
    const credentials = await requireAdmin(req);
    const body = parseQuery(confirmBody, req.body);
    const [group] = await store.loadGroups([body.groupId]);
    if (!group) throw new NotFoundError(`No fact group ${body.groupId}`);
    // The narrowest stable match for the group: its resource id, else its tags and service.
    const match = group.resourceId
      ? { resourceIdPattern: group.resourceId }
      : {
          service: group.serviceName,
          account: group.subAccountId ?? group.billingAccountId,
          ...(Object.keys(group.tags).length ? { tags: group.tags } : {}),
        };
    if (!match) throw new InputError('The group has nothing to match on');
    const override = {
      id: randomUUID(),
      match,
      entityRef: body.entityRef.toLowerCase(),
      note: `confirmed suggestion for fact group ${group.id}`,
      createdBy: principalOf(credentials),
      createdAt: new Date().toISOString(),
    };
    await store.addOverride(override);
    await attribution.run(`suggestion confirmed for fact group ${group.id}`);
    res.status(201).json(override);
  });
}
