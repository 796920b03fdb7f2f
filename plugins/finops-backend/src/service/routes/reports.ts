import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import {
  type ShowbackService,
  statementCsv,
} from '@costwise/plugin-finops-engine';
import type { RequestAccess } from '../http/access';
import { measureSchema, monthSchema, parseRequest } from '../http/validation';

const reportQuery = z.object({
  month: monthSchema,
  measure: measureSchema,
});

/** Kinds that have a statement: a team's, or a System's. */
const STATEMENT_KINDS = new Set(['group', 'system']);

/** Sends CSV text as a file download. */
function sendCsv(res: Response, filename: string, csv: string) {
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}

/**
 * The monthly reports: every team's showback statement (JSON and CSV) and
 * the FOCUS-shaped allocated export, for admins only since they span every
 * team; and a Group's or System's own statement, for whoever may read that
 * entity's cost (the lines of members the caller may not read are left out
 * and counted).
 */
export function registerReportRoutes(
  router: Router,
  deps: { access: RequestAccess; showback: ShowbackService },
) {
  const { access } = deps;

  router.get('/reports/showback', async (req, res) => {
    await access.requireAdmin(req, "read every team's showback statement");
    const { month, measure } = parseRequest(reportQuery, req.query);
    res.json(await deps.showback.showback(month, measure));
  });

  router.get('/reports/showback.csv', async (req, res) => {
    await access.requireAdmin(req, "read every team's showback statement");
    const { month, measure } = parseRequest(reportQuery, req.query);
    const csv = await deps.showback.showbackCsv(month, measure);
    sendCsv(res, `showback-${month}.csv`, csv);
  });

  router.get('/reports/focus.csv', async (req, res) => {
    await access.requireAdmin(req, 'export the allocated cost of every team');
    const { month } = parseRequest(reportQuery, req.query);
    const csv = await deps.showback.focusCsv(month);
    sendCsv(res, `focus-allocated-${month}.csv`, csv);
  });

  const statement = async (req: Request) => {
    const { month, measure } = parseRequest(reportQuery, req.query);
    if (!STATEMENT_KINDS.has(req.params.kind.toLowerCase()))
      throw new InputError(
        'A statement is a Group’s or a System’s: ask for one of those',
      );
    const entity = await access.entity(req);
    return deps.showback.statement(
      entity,
      month,
      measure,
      await access.viewer(req),
    );
  };

  router.get('/entities/:kind/:namespace/:name/statement', async (req, res) => {
    res.json(await statement(req));
  });

  router.get(
    '/entities/:kind/:namespace/:name/statement.csv',
    async (req, res) => {
      const result = await statement(req);
      sendCsv(
        res,
        `statement-${req.params.name.replace(/[^\w.-]/g, '_')}-${
          result.month
        }.csv`,
        statementCsv(result),
      );
    },
  );
}
