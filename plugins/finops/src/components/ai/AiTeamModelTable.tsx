import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { AiTeamModelSpend } from '@costwise/plugin-finops-common';
import {
  formatMoney,
  formatShare,
  sumAmounts,
  toNumber,
} from '../shared/format';
import { formatExactCount, formatTokens } from './aiFormat';

/** A team line: a link to the Group, or the words the API used (`(no team)`). */
export const TeamName = ({ team, self }: { team: string; self?: string }) => {
  if (!/^[\w-]+:[\w.-]+\/[\w.-]+$/.test(team)) return <>{team}</>;
  return (
    <>
      <EntityRefLink entityRef={team} />
      {team === self && (
        <Typography variant="caption" color="textSecondary">
          {' '}
          (itself)
        </Typography>
      )}
    </>
  );
};

/**
 * AI spend by team and model, largest first, each with its share of the
 * total; the rows add up to the total under them, exactly.
 */
export const AiTeamModelTable = ({
  rows,
  currency,
  total,
  testId,
  teamHeader = 'Team',
  self,
}: {
  rows: AiTeamModelSpend[];
  currency: string;
  /** What the rows add up to. */
  total: string;
  testId: string;
  teamHeader?: string;
  /** The team whose view this is, named "(itself)" in its own rows. */
  self?: string;
}) => {
  const whole = toNumber(total);
  return (
    <Box data-testid={testId}>
      <Table
        size="small"
        aria-label={`AI spend by ${teamHeader.toLowerCase()} and model`}
      >
        <TableHead>
          <TableRow>
            <TableCell>{teamHeader}</TableCell>
            <TableCell>Model</TableCell>
            <TableCell align="right">Cost</TableCell>
            <TableCell align="right">Share</TableCell>
            <TableCell align="right">Tokens</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(r => (
            <TableRow
              key={`${r.team}|${r.provider}|${r.model}`}
              data-testid={`${testId}-row`}
              data-team={r.team}
              data-model={r.model}
              data-amount={r.cost}
              data-tokens={r.tokens}
            >
              <TableCell>
                <TeamName team={r.team} self={self} />
              </TableCell>
              <TableCell>
                <Typography variant="body2">{r.model}</Typography>
                <Typography variant="caption" color="textSecondary">
                  {r.provider}
                </Typography>
              </TableCell>
              <TableCell align="right">
                {formatMoney(r.cost, currency)}
              </TableCell>
              <TableCell align="right">
                {formatShare(whole === 0 ? 0 : toNumber(r.cost) / whole)}
              </TableCell>
              <TableCell
                align="right"
                title={`${formatExactCount(r.tokens)} tokens`}
              >
                {formatTokens(r.tokens)}
              </TableCell>
            </TableRow>
          ))}
          <TableRow
            data-testid={`${testId}-total`}
            data-amount={sumAmounts(rows.map(r => r.cost))}
          >
            <TableCell colSpan={2}>
              <strong>Total</strong>
            </TableCell>
            <TableCell align="right">
              <strong>
                {formatMoney(sumAmounts(rows.map(r => r.cost)), currency)}
              </strong>
            </TableCell>
            <TableCell align="right">
              {formatShare(rows.length ? 1 : 0)}
            </TableCell>
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
    </Box>
  );
};
