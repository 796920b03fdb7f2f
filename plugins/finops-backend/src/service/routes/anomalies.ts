import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '@backstage/errors';
import {
  ANOMALY_STATUSES,
  AnomalyStatus,
} from '@costwise/plugin-finops-common';
import { principalOf, RequestAccess } from '../http/access';
import { orderedRange, parseRequest, rangeSchema } from '../http/validation';
import type { AnomalyAccess } from '../anomalies';

const listQuery = rangeSchema.extend({
  status: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      const items = text.split(',').map(s => s.trim());
      for (const item of items)
        if (!ANOMALY_STATUSES.includes(item as AnomalyStatus)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `has an unknown status '${item}': use ${ANOMALY_STATUSES.join(
              ', ',
            )}`,
          });
          return z.NEVER;
        }
      return items as AnomalyStatus[];
    }),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const idParam = z.object({
  id: z.string().regex(/^anom_[0-9a-f]{20}$/, 'is not an anomaly id'),
});

const statusBody = z
  .object({
    status: z.enum(ANOMALY_STATUSES as [AnomalyStatus, ...AnomalyStatus[]]),
    note: z.string().max(2000).optional(),
  })
  .strict();

/**
 * The anomaly routes: an entity's anomalies and its members'
 * (`finops.cost.read` on it), all those the caller may read, one with its
 * history, and a status change (`finops.cost.update` on its entity, or
 * `finops.admin`).
 */
export function registerAnomalyRoutes(
  router: Router,
  deps: { access: RequestAccess; anomalies?: AnomalyAccess },
) {
  const { access } = deps;
  const anomalies = () => {
    if (!deps.anomalies)
      throw new NotFoundError('Anomaly detection is not served here');
    return deps.anomalies;
  };

  router.get('/entities/:kind/:namespace/:name/anomalies', async (req, res) => {
    const query = orderedRange(parseRequest(listQuery, req.query));
    const entity = await access.entity(req);
    res.json(
      await anomalies().forEntity(await access.credentials(req), entity, query),
    );
  });

  router.get('/anomalies', async (req, res) => {
    const query = orderedRange(parseRequest(listQuery, req.query));
    res.json(await anomalies().all(await access.credentials(req), query));
  });

  router.get('/anomalies/:id', async (req, res) => {
    const { id } = parseRequest(idParam, req.params);
    res.json(await anomalies().detail(await access.credentials(req), id));
  });

  router.post('/anomalies/:id/status', async (req, res) => {
    const { id } = parseRequest(idParam, req.params);
    const change = parseRequest(statusBody, req.body);
    const credentials = await access.credentials(req);
    res.json(
      await anomalies().changeStatus(
        credentials,
        id,
        change,
        principalOf(credentials),
      ),
    );
  });
}
