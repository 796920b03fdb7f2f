import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { GovernanceService } from '@costwise/plugin-finops-engine';
import type { RequestAccess } from '../service/http/access';

/**
 * `get-finops-kpis`: the organization's FinOps KPIs, or one team's
 * scorecard, with the caller's own permissions.
 */
export function registerGovernanceActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: RequestAccess;
  governance: GovernanceService;
}) {
  const { actionsRegistry, access, governance } = options;
  const kpi = (z: any) =>
    z.object({
      id: z.string(),
      title: z.string(),
      unit: z.string().describe('ratio (0..1), days, per-million or change'),
      value: z.number().nullable(),
      target: z.number().nullable(),
      status: z.string().describe('met, at-risk, missed or not-measured'),
      direction: z.string().nullable(),
      message: z.string().optional(),
    });
  const pick = (k: any) => ({
    id: k.id,
    title: k.title,
    unit: k.unit,
    value: k.value,
    target: k.target,
    status: k.status,
    direction: k.direction,
    ...(k.message ? { message: k.message } : {}),
  });
  actionsRegistry.register({
    name: 'get-finops-kpis',
    title: 'Get FinOps KPIs',
    description:
      "The organization's FinOps KPIs (attribution coverage, recommendations actioned, time to action, unit-cost trend, FinOps overhead per 1M, commitment coverage and utilization), each with its target and status, or one team's scorecard when team is given (a group ref).",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .optional()
            .describe('e.g. group:default/checkout-team'),
          month: z.string().optional().describe('YYYY-MM; default the latest'),
        }),
      output: z =>
        z.object({
          scope: z.string(),
          month: z.string(),
          kpis: z.array(kpi(z)),
        }),
    },
    action: async ({ input, credentials }) => {
      if (input.team) {
        const ref = input.team.toLowerCase();
        const team = await access.entityByRef(credentials, ref);
        if (!team || team.kind.toLowerCase() !== 'group')
          throw new NotFoundError(`No team ${ref} in the catalog`);
        if (!(await access.allowed(credentials, 'read', [ref])).has(ref))
          throw new NotAllowedError(
            `You are not allowed to read the cost of ${ref}`,
          );
        const card = await governance.scorecard(team, input.month);
        return {
          output: {
            scope: ref,
            month: card.kpis[0]?.month ?? '',
            kpis: card.kpis.map(pick),
          },
        };
      }
      const all = await governance.kpis({
        month: input.month,
        viewer: access.viewerFor(credentials),
      });
      return {
        output: {
          scope: 'organization',
          month: all.month,
          kpis: all.organization.map(pick),
        },
      };
    },
  });
}
