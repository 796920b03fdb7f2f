import type { Router } from 'express';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import {
  BUDGET_PERIODS,
  BudgetListResponse,
  BudgetPeriod,
  TeamBudgetsResponse,
} from '@costwise/plugin-finops-common';
import {
  adherenceOf,
  BudgetedEntity,
  BudgetService,
  entityRefOf,
} from '@costwise/plugin-finops-engine';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { principalOf, RequestAccess } from '../http/access';
import { parseRequest } from '../http/validation';

/** Whether a number's shortest decimal form has at most 15 significant digits. */
function significant(n: number): boolean {
  return String(n).replace('.', '').replace(/^0+/, '').length <= 15;
}

const budgetBody = z
  .object({
    entityRef: z.string().min(1).max(512),
    amount: z.union([
      z.string().min(1).max(64),
      // a JSON number is a float: one with more digits than a float keeps
      // exactly would be stored rounded, so it must be sent as a string
      z
        .number()
        .positive()
        .finite()
        .refine(n => /^\d{1,15}(\.\d+)?$/.test(String(n)) && significant(n), {
          message:
            'has more digits than a JSON number keeps exactly: send it as a string',
        }),
    ]),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as USD')
      .optional(),
    period: z.enum(BUDGET_PERIODS as [BudgetPeriod, ...BudgetPeriod[]]),
  })
  .strict();

/**
 * The budget routes: an entity's budget (`finops.cost.read` on it), a
 * team's budgets and every budget (those whose cost the caller may read),
 * and, for admins, setting and removing the budgets of entities whose
 * catalog files their teams do not control.
 */
export function registerBudgetRoutes(
  router: Router,
  deps: { access: RequestAccess; budgets: BudgetService },
) {
  const { access, budgets } = deps;

  /** The budgets whose entity's cost the caller may read, and how many it may not. */
  const readable = async (
    credentials: BackstageCredentials,
    budgeted: BudgetedEntity[],
  ) => {
    const allowed = await access.allowed(
      credentials,
      'read',
      budgeted.map(b => b.budget.entityRef),
    );
    const kept = budgeted.filter(b => allowed.has(b.budget.entityRef));
    return { kept, hidden: budgeted.length - kept.length };
  };

  router.get('/entities/:kind/:namespace/:name/budget', async (req, res) => {
    const entity = await access.entity(req);
    res.json(await budgets.entityBudget(entity, await access.viewer(req)));
  });

  router.get('/entities/:kind/:namespace/:name/budgets', async (req, res) => {
    if (req.params.kind.toLowerCase() !== 'group')
      throw new InputError(
        'A team’s budgets are a Group’s: ask for a Group, or for one entity’s /budget',
      );
    const team = await access.entity(req);
    const credentials = await access.credentials(req);
    const { kept, hidden } = await readable(
      credentials,
      await budgets.teamBudgeted(team),
    );
    const items = await budgets.currentStatuses(kept, {
      viewer: access.viewerFor(credentials),
    });
    const body: TeamBudgetsResponse = {
      team: entityRefOf(team),
      items,
      adherence: adherenceOf(items),
      ...(hidden ? { hiddenBudgets: hidden } : {}),
    };
    res.json(body);
  });

  router.get('/budgets', async (req, res) => {
    const credentials = await access.credentials(req);
    const { kept, hidden } = await readable(
      credentials,
      await budgets.budgeted(),
    );
    const items = await budgets.currentStatuses(kept, {
      viewer: access.viewerFor(credentials),
    });
    const body: BudgetListResponse = {
      items,
      adherence: adherenceOf(items),
      ...(hidden ? { hiddenBudgets: hidden } : {}),
      canAdminister: await access.isAdmin(credentials),
    };
    res.json(body);
  });

  router.put('/budgets', async (req, res) => {
    const credentials = await access.requireAdmin(req, 'set budgets');
    const change = parseRequest(budgetBody, req.body);
    res.json(
      await budgets.setBudget(
        { ...change, amount: String(change.amount) },
        principalOf(credentials),
      ),
    );
  });

  router.delete('/budgets/:kind/:namespace/:name', async (req, res) => {
    await access.requireAdmin(req, 'remove budgets');
    const { kind, namespace, name } = req.params;
    await budgets.deleteBudget(`${kind}:${namespace}/${name}`);
    res.status(204).end();
  });
}
