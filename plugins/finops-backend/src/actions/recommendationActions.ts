import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  DISMISS_REASONS,
  OPEN_RECOMMENDATION_STATUSES,
  RECOMMENDATION_STATUSES,
  RecommendationStatusChange,
} from '@costwise/plugin-finops-common';
import { principalOf, RequestAccess } from '../service/http/access';
import { dayOf } from '../service/http/validation';
import type { RecommendationAccess } from '../service/recommendations';

/**
 * The recommendation actions of the actions registry, for MCP clients and
 * other plugins: they act with the caller's own credentials and
 * permissions, as the routes do. The registry lists them only when
 * `backend.actions.pluginSources` includes `finops`.
 */
export function registerRecommendationActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: RequestAccess;
  recommendations: RecommendationAccess;
}) {
  const { actionsRegistry, access, recommendations } = options;
  const item = (z: any) =>
    z.object({
      id: z.string(),
      resourceId: z.string().nullable(),
      owner: z.string().nullable(),
      subcategory: z.string(),
      description: z.string(),
      estimatedMonthlySavings: z
        .string()
        .describe('exact decimal, in currency'),
      currency: z.string(),
      status: z.string(),
      source: z.string(),
    });
  const pick = (r: any) => ({
    id: r.id,
    resourceId: r.resourceId,
    owner: r.owner,
    subcategory: r.subcategory,
    description: r.description,
    estimatedMonthlySavings: r.estimatedMonthlySavings,
    currency: r.currency,
    status: r.status,
    source: r.source,
  });

  actionsRegistry.register({
    name: 'list-recommendations',
    title: 'List cost recommendations',
    description:
      "The cost recommendations of a catalog entity (and of its members for a System or Group), largest saving first, with the entity's open backlog. entityRef is kind:namespace/name. Savings are exact decimal strings per month.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('e.g. component:default/checkout-api'),
          status: z
            .array(z.enum(RECOMMENDATION_STATUSES as [string, ...string[]]))
            .optional()
            .describe('default: open, acknowledged and deferred'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          openCount: z.number(),
          openMonthlySavings: z.string(),
          currency: z.string(),
          items: z.array(item(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = input.entityRef.toLowerCase();
      const entity = await access.entityByRef(credentials, ref);
      if (!entity) throw new NotFoundError(`No entity ${ref} in the catalog`);
      if (!(await access.allowed(credentials, 'read', [ref])).has(ref))
        throw new NotAllowedError(
          `You are not allowed to read the cost of ${ref}`,
        );
      const list = await recommendations.forEntity(credentials, entity, {
        status: (input.status ?? [...OPEN_RECOMMENDATION_STATUSES]) as any,
      });
      return {
        output: {
          entityRef: list.entityRef,
          openCount: list.open.count,
          openMonthlySavings: list.open.monthlySavings,
          currency: list.currency,
          items: list.items.map(pick),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'update-recommendation-status',
    title: 'Change the status of a cost recommendation',
    description:
      'Acknowledge, implement, defer (until a later day), dismiss (with a reason: not-applicable, accepted-risk, false-positive, or other with a note) or reopen a recommendation. Needs finops.cost.update on the entity that owns it.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          id: z.string().describe('the recommendation id, rec_…'),
          status: z.enum([
            'open',
            'acknowledged',
            'implemented',
            'deferred',
            'dismissed',
          ]),
          reason: z
            .enum(DISMISS_REASONS as [string, ...string[]])
            .optional()
            .describe('required when dismissing'),
          note: z.string().optional(),
          until: dayOf(z)
            .optional()
            .describe('YYYY-MM-DD, required when deferring'),
        }),
      output: z => item(z),
    },
    action: async ({ input, credentials }) => {
      const { id, ...change } = input;
      const updated = await recommendations.changeStatus(
        credentials,
        id,
        change as RecommendationStatusChange,
        principalOf(credentials),
      );
      return { output: pick(updated) };
    },
  });
}
