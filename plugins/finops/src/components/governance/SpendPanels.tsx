import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { GovernanceSpend } from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';
import { formatMoney, formatShare, isNegative, isZero } from '../shared/format';
import { statusColors } from '../shared/statusColors';
import { formatMonth } from './kpiFormat';
import { WordTable } from '../shared/WordTable';

const useStyles = makeStyles(theme => ({
  // more spend is bad news, less is good news
  up: { color: statusColors(theme).bad },
  down: { color: statusColors(theme).good },
}));

/** A relative change as "+20%" or "−4.4%", coloured; "new" without a month before. */
const Change = ({ change }: { change: number | null }) => {
  const classes = useStyles();
  if (change === null) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        new
      </Typography>
    );
  }
  const text = formatShare(Math.abs(change));
  if (text === formatShare(0)) return <span>{text}</span>;
  return (
    <span className={change < 0 ? classes.down : classes.up}>
      {change < 0 ? '−' : '+'}
      {text}
    </span>
  );
};

/** An exact signed amount: "+$1,000.00", "−$400.00". */
function signedMoney(amount: string, currency: string): string {
  if (isZero(amount)) return formatMoney('0', currency);
  const sign = isNegative(amount) ? '−' : '+';
  return `${sign}${formatMoney(amount.replace(/^\s*-/, ''), currency)}`;
}

const Panel = ({
  title,
  description,
  testId,
  children,
}: {
  title: string;
  description: string;
  testId: string;
  children: ReactNode;
}) => (
  <Paper variant="outlined" data-testid={testId} style={{ height: '100%' }}>
    <Box p={2}>
      <Typography variant="h5" component="h2">
        {title}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {description}
      </Typography>
    </Box>
    <Box style={{ overflowX: 'auto' }}>{children}</Box>
  </Paper>
);

const Empty = ({ children }: { children: ReactNode }) => (
  <Box px={2} pb={2}>
    <Typography variant="body2">{children}</Typography>
  </Box>
);

/** The month's spend per provider against the month before. */
export const SpendByProvider = ({ spend }: { spend: GovernanceSpend }) => (
  <Panel
    title="Spend by provider"
    description={`${formatMonth(spend.month)} against the month before.`}
    testId="finops-spend-by-provider"
  >
    {spend.byProvider.length === 0 ? (
      <Empty>
        No spend in this month. Ingest a cost source covering it (
        <code>costwise ingest</code>, or a scheduled source under{' '}
        <code>finops.sources</code>).
      </Empty>
    ) : (
      <WordTable
        size="small"
        aria-label={`Spend by provider, ${formatMonth(spend.month)}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Provider</TableCell>
            <TableCell align="right">This month</TableCell>
            <TableCell align="right">Month before</TableCell>
            <TableCell align="right">Change</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {spend.byProvider.map(p => (
            <TableRow
              key={p.provider}
              data-testid="finops-provider-spend"
              data-provider={p.provider}
              data-amount={p.amount}
            >
              <TableCell component="th" scope="row">
                {p.provider}
              </TableCell>
              <TableCell align="right">
                {formatMoney(p.amount, spend.currency)}
              </TableCell>
              <TableCell align="right">
                {formatMoney(p.previous, spend.currency)}
              </TableCell>
              <TableCell align="right">
                <Change change={p.change} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </WordTable>
    )}
  </Panel>
);

/** The entities whose cost moved most against the month before, either way. */
export const TopMovers = ({ spend }: { spend: GovernanceSpend }) => (
  <Panel
    title="Top movers"
    description={`Entities whose cost moved most in ${formatMonth(
      spend.month,
    )}, against the same days of the month before.`}
    testId="finops-top-movers"
  >
    {spend.topMovers.length === 0 ? (
      <Empty>No entity's cost moved this month.</Empty>
    ) : (
      <WordTable
        size="small"
        aria-label={`Top movers, ${formatMonth(spend.month)}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell align="right">This month</TableCell>
            <TableCell align="right">Change</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {spend.topMovers.map(m => (
            <TableRow
              key={m.entityRef}
              data-testid="finops-top-mover"
              data-entity={m.entityRef}
              data-delta={m.delta}
            >
              <TableCell component="th" scope="row">
                <EntityRefLink entityRef={m.entityRef} />
              </TableCell>
              <TableCell align="right">
                {formatMoney(m.amount, spend.currency)}
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {signedMoney(m.delta, spend.currency)} (
                <Change change={m.change} />)
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </WordTable>
    )}
  </Panel>
);
