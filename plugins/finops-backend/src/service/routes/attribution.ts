import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@backstage/errors';
import {
  AttributionRunner,
  AttributionStore,
  CoverageService,
  OverrideService,
  pairMoves,
  patternProblem,
} from '@costwise/plugin-finops-engine';
import { principalOf, RequestAccess } from '../http/access';
import { monthSchema, parseRequest } from '../http/validation';

const explainQuery = z
  .object({
    resourceId: z.string().min(1).optional(),
    groupId: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
  })
  .refine(q => q.resourceId || q.groupId, {
    message: 'give resourceId or groupId',
  });
const entityRef = z
  .string()
  .regex(
    /^[a-z0-9-_]+:[a-z0-9-_.]+\/[a-zA-Z0-9-_.]+$/i,
    'must be kind:namespace/name',
  );
/** An id pattern with `*` wildcards, within the limits attribution accepts. */
const idPattern = z
  .string()
  .min(1)
  .superRefine((value, ctx) => {
    const problem = patternProblem(value);
    if (problem)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
const overrideBody = z.object({
  match: z
    .object({
      account: idPattern.optional(),
      service: z.string().min(1).optional(),
      resourceIdPattern: idPattern.optional(),
      tags: z.record(z.string().min(1), z.string()).optional(),
    })
    .refine(m => Object.values(m).some(v => v !== undefined), {
      message: 'needs at least one condition',
    }),
  entityRef,
  note: z.string().max(1000).optional(),
});
const confirmBody = z.object({
  groupId: z.string().regex(/^\d{1,18}$/),
  entityRef,
});
const coverageQuery = z.object({ month: monthSchema.optional() });
const limitQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** Admin routes of attribution: explain, coverage, changes, overrides, suggestions, runs. */
export function registerAttributionRoutes(
  router: Router,
  deps: {
    access: RequestAccess;
    store: AttributionStore;
    attribution: AttributionRunner;
    coverage: CoverageService;
    overrides: OverrideService;
  },
) {
  const { access, store, attribution, coverage, overrides } = deps;

  router.get('/explain', async (req, res) => {
    await access.requireAdmin(req, 'see how cost was attributed');
    const query = parseRequest(explainQuery, req.query);
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
    await access.requireAdmin(req, 'see the attribution coverage');
    const { month } = parseRequest(coverageQuery, req.query);
    res.json(await coverage.coverage(month ? { month } : {}));
  });

  router.get('/attribution/changes', async (req, res) => {
    await access.requireAdmin(req, 'see how attribution changed');
    const { limit } = parseRequest(limitQuery, req.query);
    const items = await store.listChanges(limit);
    res.json({ moves: pairMoves(items), items });
  });

  router.post('/attribution/run', async (req, res) => {
    await access.requireAdmin(req, 'run attribution');
    const run = await attribution.run('requested through the API');
    res.json({
      id: run.id,
      changes: run.changes,
      currencies: run.report.currencies,
    });
  });

  router.get('/overrides', async (req, res) => {
    await access.requireAdmin(req, 'see the attribution overrides');
    res.json({ items: await overrides.list() });
  });

  router.post('/overrides', async (req, res) => {
    const credentials = await access.requireAdmin(req, 'add an override');
    const body = parseRequest(overrideBody, req.body);
    res.status(201).json(await overrides.add(body, principalOf(credentials)));
  });

  router.delete('/overrides/:id', async (req, res) => {
    await access.requireAdmin(req, 'delete an override');
    await overrides.remove(req.params.id);
    res.status(204).end();
  });

  for (const decision of ['confirm', 'reject'] as const) {
    router.post(`/claims/${decision}`, async (req, res) => {
      const credentials = await access.requireAdmin(
        req,
        `${decision} a contested claim`,
      );
      const body = parseRequest(confirmBody, req.body);
      res
        .status(201)
        .json(
          await overrides.decideClaim(
            { ...body, decision },
            principalOf(credentials),
          ),
        );
    });
  }

  router.post('/suggestions/confirm', async (req, res) => {
    const credentials = await access.requireAdmin(req, 'confirm a suggestion');
    const body = parseRequest(confirmBody, req.body);
    res
      .status(201)
      .json(await overrides.confirmSuggestion(body, principalOf(credentials)));
  });
}
