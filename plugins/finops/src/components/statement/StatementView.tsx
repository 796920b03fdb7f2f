import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FinopsStatement } from '../../api';
import { formatMonth } from '../governance/kpiFormat';
import { formatDay, formatMoney } from '../shared/format';
import { HiddenMembersNote } from '../shared/HiddenMembersNote';
import { MEASURE_LABELS } from '../shared/labels';
import { StatementCurrencyTable } from './StatementCurrencyTable';
import { displayRef } from './names';

/** "Nov 2025", or "Dec 2025, partial, to 14 Dec" while the month runs. */
export function statementPeriod(statement: FinopsStatement): string {
  const month = formatMonth(statement.month);
  return statement.partial && statement.asOf
    ? `${month}, partial, to ${formatDay(statement.asOf)}`
    : month;
}

/** The sub-teams' own totals, apart from the statement, and the total with them. */
const SubTeams = ({ statement }: { statement: FinopsStatement }) => {
  const currencies = Object.keys(statement.totalWithSubTeams).sort();
  return (
    <Box mt={3} data-testid="finops-statement-subteams">
      <Typography variant="h6" component="h3">
        Sub-teams (own statements)
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Each sub-team has its own statement: their totals are not in the one
        above.
      </Typography>
      <Table size="small" aria-label="Sub-teams' own totals">
        <TableHead>
          <TableRow>
            <TableCell>Team</TableCell>
            <TableCell>Part of</TableCell>
            <TableCell align="right">Amount</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {statement.subTeams.flatMap(sub =>
            Object.entries(sub.totals)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([currency, amount]) => (
                <TableRow
                  key={`${sub.team} ${currency}`}
                  data-testid="finops-statement-subteam"
                  data-team={sub.team}
                  data-currency={currency}
                  data-amount={amount}
                >
                  <TableCell>{displayRef(sub.team, 'group')}</TableCell>
                  <TableCell>{displayRef(sub.parent, 'group')}</TableCell>
                  <TableCell align="right">
                    {formatMoney(amount, currency)}
                  </TableCell>
                </TableRow>
              )),
          )}
          {currencies.map(currency => (
            <TableRow
              key={currency}
              data-testid="finops-statement-total-with-subteams"
              data-currency={currency}
              data-amount={statement.totalWithSubTeams[currency]}
            >
              <TableCell colSpan={2} style={{ fontWeight: 700 }}>
                Total with sub-teams ({currency})
              </TableCell>
              <TableCell align="right" style={{ fontWeight: 700 }}>
                {formatMoney(statement.totalWithSubTeams[currency], currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/**
 * A Group's or System's statement of a month: what is left out for the
 * viewer, one table per currency and, for a Group, its sub-teams' own
 * totals listed apart.
 */
export const StatementView = ({
  statement,
}: {
  statement: FinopsStatement;
}) => (
  <div
    data-testid="finops-statement"
    data-month={statement.month}
    data-partial={String(statement.partial)}
  >
    <Typography variant="body2" color="textSecondary" gutterBottom>
      {statementPeriod(statement)} ·{' '}
      {MEASURE_LABELS[statement.measure] ?? statement.measure}
    </Typography>
    <HiddenMembersNote hidden={statement.hiddenMembers} />
    {statement.statements.length === 0 ? (
      <Typography variant="body2" data-testid="finops-statement-empty">
        Nothing with cost in {formatMonth(statement.month)}.
      </Typography>
    ) : (
      statement.statements.map(part => (
        <Box key={part.currency} mt={2}>
          <StatementCurrencyTable statement={part} />
        </Box>
      ))
    )}
    {statement.kind === 'group' && statement.subTeams.length > 0 && (
      <SubTeams statement={statement} />
    )}
  </div>
);
