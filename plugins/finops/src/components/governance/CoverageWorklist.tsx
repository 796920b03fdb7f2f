import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { type FinopsCoverage, type FinopsCoverageFigures } from '../../api';
import {
  formatInstant,
  formatMoney,
  formatShare,
  toNumber,
} from '../shared/format';
import { formatMonth } from './kpiFormat';
import { decisionKeyOf, useDecisions } from './useDecisions';
import { ConfirmSuggestion } from './ConfirmSuggestion';

const PAGE = 10;

/** The worklist's anchor on the page, for links to it. */
export const WORKLIST_ANCHOR = 'finops-attribution-worklist';

/** `currency account service` keys; the service name may contain spaces. */
export function unattributedRows(coverage: FinopsCoverage) {
  return Object.entries(coverage.unattributedByAccountAndService)
    .map(([key, amount]) => {
      const [currency, account, ...service] = key.split(' ');
      return { key, currency, account, service: service.join(' '), amount };
    })
    .sort((a, b) => toNumber(b.amount) - toNumber(a.amount));
}

/** What the evidence matched, in a line: "metadata.name: x (resourceName=y)". */
function matchedText(evidence: { selector: string; matched: object }) {
  const values = Object.entries(evidence.matched)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return values ? `${evidence.selector} (${values})` : evidence.selector;
}

const UnattributedTable = ({
  coverage,
  period,
}: {
  coverage: FinopsCoverage;
  period: string;
}) => {
  const [page, setPage] = useState(0);
  const rows = unattributedRows(coverage);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" data-testid="finops-unattributed-empty">
        No unattributed cost: every cost of {period} reached an entity in the
        latest attribution run.
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label="Unattributed cost by account and service">
        <TableHead>
          <TableRow>
            <TableCell>Account</TableCell>
            <TableCell>Service</TableCell>
            <TableCell align="right">Unattributed</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.slice(page * PAGE, page * PAGE + PAGE).map(r => (
            <TableRow
              key={r.key}
              data-testid="finops-unattributed-row"
              data-account={r.account}
              data-service={r.service}
              data-amount={r.amount}
            >
              <TableCell>
                <code>{r.account}</code>
              </TableCell>
              <TableCell>{r.service}</TableCell>
              <TableCell align="right">
                {formatMoney(r.amount, r.currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {rows.length > PAGE && (
        <TablePagination
          component="div"
          count={rows.length}
          page={page}
          rowsPerPage={PAGE}
          rowsPerPageOptions={[PAGE]}
          onPageChange={(_e, next) => setPage(next)}
        />
      )}
    </>
  );
};

const SuggestionsTable = ({
  coverage,
  onChanged,
}: {
  coverage: FinopsCoverage;
  onChanged: () => void;
}) => {
  const { states, error, decide } = useDecisions(onChanged);
  if (coverage.suggestions.length === 0) {
    return (
      <Typography variant="body2" data-testid="finops-suggestions-empty">
        No suggestions: the latest run found no likely owner for this
        unattributed cost. Map it yourself: <code>costwise.dev/accounts</code>{' '}
        on the team or system that owns an account,{' '}
        <code>costwise.dev/tags</code> or <code>costwise.dev/resource-ids</code>{' '}
        on the components, or an override rule.
      </Typography>
    );
  }
  return (
    <>
      {error && (
        <Alert severity="error" data-testid="finops-suggestion-error">
          {error}
        </Alert>
      )}
      <Table size="small" aria-label="Suggested owners of unattributed cost">
        <TableHead>
          <TableRow>
            <TableCell>Suggested owner</TableCell>
            <TableCell>Matched on</TableCell>
            <TableCell align="right">Confidence</TableCell>
            <TableCell align="right">Amount</TableCell>
            <TableCell>
              <Typography variant="srOnly">Action</Typography>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {coverage.suggestions.map(s => {
            const key = decisionKeyOf(s);
            const state = states[key];
            const amount = formatMoney(s.amount, s.currency);
            return (
              <TableRow
                key={key}
                data-testid="finops-suggestion"
                data-group={s.groupId}
                data-entity={s.entity}
              >
                <TableCell>
                  <EntityRefLink entityRef={s.entity} />
                </TableCell>
                <TableCell>
                  <Typography variant="body2">
                    {matchedText(s.evidence)}
                  </Typography>
                </TableCell>
                <TableCell align="right">
                  {formatShare(s.confidence, 0)}
                </TableCell>
                <TableCell align="right">{amount}</TableCell>
                <TableCell>
                  <ConfirmSuggestion
                    suggestion={s}
                    of={amount}
                    state={state}
                    decide={decide}
                    decisionKey={key}
                    testId="finops-suggestion-confirm"
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
};

/** "92.3% of USD cost attributed ($770.00 not)" for each currency of a breakdown. */
function coverageText(figures: Array<[string, FinopsCoverageFigures]>): string {
  return figures
    .map(
      ([currency, c]) =>
        `${formatShare(
          c.coverage,
        )} of ${currency} cost attributed (${formatMoney(
          c.unattributed,
          currency,
        )} not)`,
    )
    .join('; ');
}

/**
 * The admins' attribution worklist of a month (the coverage answers that
 * month's cost): how much of it is attributed, the unattributed cost by
 * account and service, largest first, and the owners the latest run
 * suggests, with the month's amounts, each confirmed into a rule with one
 * click.
 */
export const CoverageWorklist = ({
  coverage,
  month,
  onChanged,
}: {
  coverage: FinopsCoverage;
  /** The month (`YYYY-MM`) the coverage is of; without one, all months. */
  month?: string;
  onChanged: () => void;
}) => {
  const period = month ? formatMonth(month) : 'all months';
  const figures = Object.entries(coverage.currencies);
  return (
    <Paper
      variant="outlined"
      data-testid="finops-coverage-worklist"
      id={WORKLIST_ANCHOR}
    >
      <Box p={2} display="flex" flexDirection="column" gridGap={16}>
        <Box>
          <Typography
            variant="h5"
            component="h2"
            data-testid="finops-coverage-heading"
          >
            Attribution worklist{month && `, ${formatMonth(month)}`}
          </Typography>
          <Typography
            variant="body2"
            data-testid="finops-coverage-month"
            data-month={month}
          >
            {month ? `${formatMonth(month)}: ` : ''}
            {figures.length > 0
              ? `${coverageText(figures)}.`
              : `no cost of ${
                  month ? 'this month' : 'any month'
                } in the latest attribution run.`}
          </Typography>
          {coverage.asOf && (
            <Typography variant="body2" color="textSecondary">
              Latest attribution run: {formatInstant(coverage.asOf)}.
            </Typography>
          )}
        </Box>
        <Box>
          <Typography variant="h6" component="h3">
            Unattributed cost by account and service
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            The cost charged in {period}, as the latest attribution run left it.
          </Typography>
          <UnattributedTable coverage={coverage} period={period} />
        </Box>
        <Box>
          <Typography variant="h6" component="h3">
            Suggested owners
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Weak matches by name or tag, held back until someone confirms them;
            the amounts are the cost of {period}. Confirming adds an override
            rule, and the cost of every month is attributed again.
          </Typography>
          <SuggestionsTable coverage={coverage} onChanged={onChanged} />
        </Box>
      </Box>
    </Paper>
  );
};
