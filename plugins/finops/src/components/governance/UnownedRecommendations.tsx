import { Link } from '@backstage/core-components';
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
import type { Recommendation } from '@costwise/plugin-finops-common';
import { useMemo, useState } from 'react';
import type { FinopsCoverage } from '../../api';
import { resourceLabel } from '../recommendations/labels';
import { formatMoney, sumAmounts } from '../shared/format';
import { useDecisions } from './useDecisions';
import { unattributedByAccount, UnownedSuggestion } from './UnownedSuggestion';

const PAGE = 10;

/** Total savings per currency: "$1,200.00 and €30.00". */
function totals(items: Recommendation[]): string {
  const byCurrency = new Map<string, string[]>();
  for (const item of items) {
    byCurrency.set(item.currency, [
      ...(byCurrency.get(item.currency) ?? []),
      item.estimatedMonthlySavings,
    ]);
  }
  return [...byCurrency]
    .map(([currency, amounts]) => formatMoney(sumAmounts(amounts), currency))
    .join(' and ');
}

/**
 * Recommendations no team will see: their resource maps to no entity. Each
 * row shows the owner the latest attribution run suggests for its resource,
 * confirmed into a rule as in the worklist; once attribution runs again the
 * recommendation reaches that owner.
 */
export const UnownedRecommendations = ({
  items,
  coverage,
  onChanged,
}: {
  items: Recommendation[];
  /** The attribution worklist, for its suggestions; undefined while it loads. */
  coverage?: FinopsCoverage;
  /** After a suggestion is confirmed. */
  onChanged: () => void;
}) => {
  const [page, setPage] = useState(0);
  const { states, error, decide } = useDecisions(onChanged);
  // summed once per worklist, not once per row
  const unattributed = useMemo(
    () => (coverage ? unattributedByAccount(coverage) : undefined),
    [coverage],
  );
  return (
    <Paper variant="outlined" data-testid="finops-unowned-recommendations">
      <Box p={2}>
        <Typography variant="h5" component="h2">
          Unowned recommendations
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {items.length === 0
            ? 'Every recommendation reaches an owner.'
            : `${items.length} ${
                items.length === 1 ? 'recommendation' : 'recommendations'
              } (${totals(
                items,
              )}/month to save) concern resources no entity owns. Confirm the owner suggested for a resource, or map it (annotations, or an override rule for the account), and the recommendation reaches its owner after the next attribution run.`}
        </Typography>
        {error && (
          <Box mt={1}>
            <Alert severity="error" data-testid="finops-unowned-error">
              {error}
            </Alert>
          </Box>
        )}
      </Box>
      {items.length > 0 && (
        <Box style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Unowned recommendations">
            <TableHead>
              <TableRow>
                <TableCell>Resource</TableCell>
                <TableCell>Recommendation</TableCell>
                <TableCell>Account</TableCell>
                <TableCell>Source</TableCell>
                <TableCell align="right">Saving per month</TableCell>
                <TableCell>Suggested owner</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.slice(page * PAGE, page * PAGE + PAGE).map(item => (
                <TableRow
                  key={item.id}
                  data-testid="finops-unowned-recommendation"
                  data-id={item.id}
                >
                  <TableCell>{resourceLabel(item)}</TableCell>
                  <TableCell>
                    <Typography variant="body2">{item.subcategory}</Typography>
                    <Typography variant="caption" color="textSecondary">
                      {item.link ? (
                        <Link to={item.link}>{item.description}</Link>
                      ) : (
                        item.description
                      )}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {item.subAccountId ? <code>{item.subAccountId}</code> : '–'}
                  </TableCell>
                  <TableCell>{item.generator}</TableCell>
                  <TableCell align="right">
                    {formatMoney(item.estimatedMonthlySavings, item.currency)}
                  </TableCell>
                  <TableCell style={{ minWidth: 220 }}>
                    <UnownedSuggestion
                      item={item}
                      coverage={coverage}
                      unattributed={unattributed}
                      states={states}
                      decide={decide}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {items.length > PAGE && (
            <TablePagination
              component="div"
              count={items.length}
              page={page}
              rowsPerPage={PAGE}
              rowsPerPageOptions={[PAGE]}
              onPageChange={(_e, next) => setPage(next)}
            />
          )}
        </Box>
      )}
    </Paper>
  );
};
