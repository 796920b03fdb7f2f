import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableFooter from '@material-ui/core/TableFooter';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { useSharedCost } from '../../hooks/useFinops';
import { CostErrorPanel } from '../shared/CostErrorPanel';
import { formatMoney, formatPeriod, formatShare } from '../shared/format';

/** The policy's kind, in the table's words. */
function ruleLabel(policy: string | undefined): string {
  const kind = policy?.split(':')[0].trim().toLowerCase();
  if (kind === 'weights') return 'Fixed weight';
  if (kind === 'even') return 'Even split';
  if (kind === 'proportional') return 'In proportion to own cost';
  return policy ?? '';
}

/**
 * What a shared Resource pooled over the period and how it was split: each
 * consumer with its weight or share and amount, adding up to the pooled
 * total. That cost is in its consumers' figures, not in the Resource's own.
 */
export const SharedCostPanel = ({
  entityRef,
  query,
}: {
  entityRef: string;
  query?: { from: string; to: string; measure?: CostMeasure };
}) => {
  const shared = useSharedCost(entityRef, query);
  const value = shared.value;
  let body;
  if (shared.loading && !value) body = <Progress />;
  else if (shared.error) body = <CostErrorPanel error={shared.error} />;
  else if (!value || value.empty?.reason === 'not-shared') return null;
  else if (value.empty) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {value.empty.message}
      </Typography>
    );
  } else {
    const { currency } = value;
    body = (
      <>
        <Typography
          variant="h5"
          component="p"
          data-testid="finops-shared-total"
          data-amount={value.total}
        >
          {formatMoney(value.total, currency)}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Pooled {formatPeriod(value.from, value.to)}
          {value.rule ? `, ${value.rule}` : ''}. It is counted in these
          entities' costs, not in this resource's own.
        </Typography>
        {value.hiddenConsumers && (
          <Alert severity="info" data-testid="finops-shared-hidden">
            {value.hiddenConsumers.message} The total is the sum of the shares
            you may read.
          </Alert>
        )}
        <Table size="small" aria-label="How the pooled cost was split">
          <TableHead>
            <TableRow>
              <TableCell>Consumer</TableCell>
              <TableCell>Rule</TableCell>
              <TableCell align="right">Weight</TableCell>
              <TableCell align="right">Share</TableCell>
              <TableCell align="right">Amount</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.consumers.map(c => (
              <TableRow
                key={c.entityRef}
                data-testid="finops-shared-consumer"
                data-entity-ref={c.entityRef}
                data-amount={c.amount}
              >
                <TableCell>
                  <EntityRefLink entityRef={c.entityRef} />
                </TableCell>
                <TableCell>{ruleLabel(value.policy)}</TableCell>
                <TableCell align="right">{c.weight ?? '–'}</TableCell>
                <TableCell align="right">{formatShare(c.share)}</TableCell>
                <TableCell align="right">
                  {formatMoney(c.amount, currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
          <TableFooter>
            <TableRow>
              <TableCell colSpan={4}>Pooled total</TableCell>
              <TableCell align="right">
                {formatMoney(value.total, currency)}
              </TableCell>
            </TableRow>
          </TableFooter>
        </Table>
      </>
    );
  }
  return (
    <Paper variant="outlined" data-testid="finops-shared-cost">
      <Box p={2} display="flex" flexDirection="column" gridGap={8}>
        <Typography variant="overline" color="textSecondary" component="h2">
          Shared cost
        </Typography>
        {body}
      </Box>
    </Paper>
  );
};
