import type { Router } from 'express';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import { KPI_IDS } from '@costwise/plugin-finops-common';
import type { GovernanceService } from '@costwise/plugin-finops-engine';
import { principalOf, RequestAccess } from '../http/access';
import { monthSchema, parseRequest } from '../http/validation';

const monthQuery = z.object({ month: monthSchema.optional() });

const targetBody = z
  .object({
    kpi: z.enum(KPI_IDS as [string, ...string[]]),
    team: z.string().min(1).optional(),
    target: z.number().nullable(),
  })
  .strict();

/**
 * The governance routes: the organization's KPIs and the teams' scorecards
 * the caller may read, a team's scorecard (`finops.cost.read` on it), the
 * targets (admins change them), spend by provider and the month's top movers
 * (admins), and whether the caller is an admin (for the page to hide, not
 * grey out, what is theirs only).
 */
export function registerGovernanceRoutes(
  router: Router,
  deps: { access: RequestAccess; governance: GovernanceService },
) {
  const { access, governance } = deps;

  router.get('/governance/access', async (req, res) => {
    res.json({ admin: await access.isAdmin(await access.credentials(req)) });
  });

  router.get('/governance/kpis', async (req, res) => {
    const { month } = parseRequest(monthQuery, req.query);
    res.json(
      await governance.kpis({ month, viewer: await access.viewer(req) }),
    );
  });

  router.get('/governance/spend', async (req, res) => {
    const { month } = parseRequest(monthQuery, req.query);
    await access.requireAdmin(req, "read the organization's spend");
    res.json(await governance.spend(month));
  });

  router.get('/governance/targets', async (_req, res) => {
    res.json({ items: await governance.targets() });
  });

  router.put('/governance/targets', async (req, res) => {
    const credentials = await access.requireAdmin(req, 'change KPI targets');
    const change = parseRequest(targetBody, req.body);
    res.json(
      await governance.setTarget(
        {
          ...change,
          kpi: change.kpi as (typeof KPI_IDS)[number],
          ...(change.team ? { team: change.team.toLowerCase() } : {}),
        },
        principalOf(credentials),
      ),
    );
  });

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    const { month } = parseRequest(monthQuery, req.query);
    if (req.params.kind.toLowerCase() !== 'group')
      throw new InputError('A scorecard is a team’s: ask for a Group');
    const entity = await access.entity(req);
    res.json(await governance.scorecard(entity, month));
  });
}
