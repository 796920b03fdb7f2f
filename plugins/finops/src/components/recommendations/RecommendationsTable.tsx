import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { EntityRecommendations } from '@costwise/plugin-finops-common';
import { useEffect, useState, type ReactNode } from 'react';
import { formatMoney } from '../shared/format';
import { COLUMNS, RecommendationRow } from './RecommendationRow';

const PAGE = 20;

/**
 * The recommendations that pass the filters, largest saving first (the
 * order the API gives), in pages of 20; each opens onto its details.
 */
export const RecommendationsTable = ({
  value,
  entityRef,
  loading,
  filters,
  onChanged,
}: {
  value?: EntityRecommendations;
  entityRef: string;
  loading: boolean;
  filters: ReactNode;
  onChanged: () => void;
}) => {
  const [page, setPage] = useState(0);
  const items = value?.items ?? [];
  const canUpdate = Boolean(value?.canUpdate);
  // a refetch that shortens the list must not leave the page past its end
  const lastPage = Math.max(0, Math.ceil(items.length / PAGE) - 1);
  useEffect(() => {
    if (page > lastPage) setPage(lastPage);
  }, [page, lastPage]);
  const rows = items.slice(page * PAGE, page * PAGE + PAGE);
  return (
    <Paper variant="outlined" data-testid="finops-recommendations">
      <Box p={2} display="flex" flexDirection="column" gridGap={12}>
        <Box>
          <Typography variant="h5" component="h2">
            Recommendations
          </Typography>
          {value && (
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="finops-rec-open"
              data-count={value.open.count}
              data-amount={value.open.monthlySavings}
            >
              {value.open.count} open ·{' '}
              {formatMoney(value.open.monthlySavings, value.currency)}/month to
              save. {items.length} shown with these filters.
            </Typography>
          )}
        </Box>
        {filters}
      </Box>
      {loading && <Progress />}
      <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Recommendations, largest saving first">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Typography variant="srOnly">Details</Typography>
              </TableCell>
              {COLUMNS.map(c => (
                <TableCell
                  key={c.key}
                  align={'numeric' in c ? 'right' : 'left'}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {c.title}
                </TableCell>
              ))}
              {canUpdate && (
                <TableCell style={{ whiteSpace: 'nowrap' }}>Actions</TableCell>
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(item => (
              <RecommendationRow
                key={item.id}
                item={item}
                entityRef={entityRef}
                canUpdate={canUpdate}
                onChanged={onChanged}
              />
            ))}
            {value && items.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length + (canUpdate ? 2 : 1)}>
                  <Typography variant="body2" color="textSecondary">
                    No recommendation matches these filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Box>
      {items.length > PAGE && (
        <TablePagination
          component="div"
          count={items.length}
          page={Math.min(page, lastPage)}
          rowsPerPage={PAGE}
          rowsPerPageOptions={[PAGE]}
          onPageChange={(_e, next) => setPage(next)}
        />
      )}
    </Paper>
  );
};
