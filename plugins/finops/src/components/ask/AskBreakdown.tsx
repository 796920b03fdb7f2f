import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AskBreakdownRow } from '@costwise/plugin-finops-common';
import { formatShare } from '../shared/format';
import {
  dimensionLabel,
  formatAskAmount,
  formatAskChange,
  isEntityRef,
} from './askFormat';

/**
 * A breakdown of an answer (or one of its further sections): each row's
 * amount, and its change and the earlier amount where two periods are
 * compared, its share and its remark. Rows that are entities link to
 * their pages.
 */
export const AskBreakdown = ({
  title,
  dimension,
  rows,
  currency,
  testId,
}: {
  title: string;
  dimension?: string;
  rows: AskBreakdownRow[];
  currency: string;
  /** `finops-ask-breakdown-row` for the answer's breakdown. */
  testId: string;
}) => {
  const compared = rows.some(r => r.change !== null);
  const shares = rows.some(r => r.share !== undefined);
  const notes = rows.some(r => r.note);
  return (
    <>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {title}
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{dimensionLabel(dimension)}</TableCell>
            <TableCell align="right">Amount</TableCell>
            {compared && <TableCell align="right">Change</TableCell>}
            {compared && <TableCell align="right">Before</TableCell>}
            {shares && <TableCell align="right">Share</TableCell>}
            {notes && <TableCell>Note</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, i) => (
            <TableRow
              key={`${row.key ?? row.label}-${i}`}
              data-testid={testId}
              data-label={row.label}
              data-key={row.key ?? ''}
              data-amount={row.amount}
              data-change={row.change ?? ''}
            >
              <TableCell>
                {isEntityRef(row.key) ? (
                  <EntityRefLink entityRef={row.key} title={row.label} />
                ) : (
                  row.label
                )}
              </TableCell>
              <TableCell align="right" title={row.amount}>
                {formatAskAmount(row.amount, currency)}
              </TableCell>
              {compared && (
                <TableCell align="right" title={row.change ?? undefined}>
                  {row.change === null
                    ? '–'
                    : formatAskChange(row.change, currency)}
                </TableCell>
              )}
              {compared && (
                <TableCell align="right">
                  {row.previous === undefined
                    ? '–'
                    : formatAskAmount(row.previous, currency)}
                </TableCell>
              )}
              {shares && (
                <TableCell align="right">
                  {row.share === undefined ? '' : formatShare(row.share)}
                </TableCell>
              )}
              {notes && <TableCell>{row.note ?? ''}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
