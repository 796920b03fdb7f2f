import type { Router } from 'express';
import { z } from 'zod';
import {
  DISMISS_REASONS,
  RECOMMENDATION_STATUSES,
  RECOMMENDATION_SUBCATEGORIES,
} from '@costwise/plugin-finops-common';
import { principalOf, RequestAccess } from '../http/access';
import {
  daySchema,
  orderedRange,
  parseRequest,
  rangeSchema,
} from '../http/validation';
import type { RecommendationAccess } from '../recommendations';

const EFFORTS = ['Very Low', 'Low', 'Medium', 'High', 'Very High'] as const;

/** A comma-separated list of values from `values`. */
function listOf<T extends string>(values: readonly T[], name: string) {
  return z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      const items = text.split(',').map(s => s.trim());
      for (const item of items) {
        if (!values.includes(item as T)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `has an unknown ${name} '${item}': use ${values.join(
              ', ',
            )}`,
          });
          return z.NEVER;
        }
      }
      return items as T[];
    });
}

const listQuery = rangeSchema.extend({
  status: listOf(RECOMMENDATION_STATUSES, 'status'),
  subcategory: listOf(RECOMMENDATION_SUBCATEGORIES, 'subcategory'),
  effort: listOf(EFFORTS, 'effort'),
  source: z
    .string()
    .max(1000)
    .optional()
    .transform(s => (s ? s.split(',').map(x => x.trim()) : undefined)),
});

const idParam = z.object({
  id: z.string().regex(/^rec_[0-9a-f]{20}$/, 'is not a recommendation id'),
});

const statusBody = z
  .object({
    status: z.enum([
      'open',
      'acknowledged',
      'implemented',
      'deferred',
      'dismissed',
    ]),
    reason: z.enum(DISMISS_REASONS as [string, ...string[]]).optional(),
    note: z.string().max(2000).optional(),
    until: daySchema.optional(),
  })
  .strict();

/**
 * The recommendation routes: an entity's recommendations with its KPIs
 * (`finops.cost.read` on it), one recommendation with its history, a
 * status change (`finops.cost.update` on its owner), and for admins the
 * unowned queue and the organization's KPIs.
 */
export function registerRecommendationRoutes(
  router: Router,
  deps: { access: RequestAccess; recommendations: RecommendationAccess },
) {
  const { access, recommendations } = deps;

  router.get(
    '/entities/:kind/:namespace/:name/recommendations',
    async (req, res) => {
      const query = orderedRange(parseRequest(listQuery, req.query));
      const entity = await access.entity(req);
      res.json(
        await recommendations.forEntity(
          await access.credentials(req),
          entity,
          query,
        ),
      );
    },
  );

  router.get('/recommendations/unowned', async (req, res) => {
    res.json({
      items: await recommendations.unowned(await access.credentials(req)),
    });
  });

  router.get('/recommendations/kpis', async (req, res) => {
    const query = orderedRange(parseRequest(rangeSchema, req.query));
    res.json(
      await recommendations.organizationKpis(
        await access.credentials(req),
        query,
      ),
    );
  });

  router.get('/recommendations/:id', async (req, res) => {
    const { id } = parseRequest(idParam, req.params);
    res.json(await recommendations.detail(await access.credentials(req), id));
  });

  router.post('/recommendations/:id/status', async (req, res) => {
    const { id } = parseRequest(idParam, req.params);
    const change = parseRequest(statusBody, req.body);
    const credentials = await access.credentials(req);
    res.json(
      await recommendations.changeStatus(
        credentials,
        id,
        change as Parameters<RecommendationAccess['changeStatus']>[2],
        principalOf(credentials),
      ),
    );
  });
}
