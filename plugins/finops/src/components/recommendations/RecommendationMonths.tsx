import Box from '@material-ui/core/Box';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { RecommendationKpis } from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';
import { formatMoney, formatShare } from '../shared/format';
import { WordTable } from '../shared/WordTable';

type Month = RecommendationKpis['months'][number];

/** "Nov 25" for `2025-11`: twelve of them fit on one line. */
function shortMonth(month: string): string {
  const date = DateTime.fromISO(`${month}-01`);
  return date.isValid ? date.toFormat('LLL yy') : month;
}

function longMonth(month: string): string {
  const date = DateTime.fromISO(`${month}-01`);
  return date.isValid ? date.toFormat('LLLL yyyy') : month;
}

const ROWS: Array<{
  key: string;
  title: string;
  cell: (m: Month, currency: string) => string;
}> = [
  { key: 'opened', title: 'First seen', cell: m => String(m.opened) },
  {
    key: 'implemented',
    title: 'Implemented',
    cell: m => String(m.implemented),
  },
  {
    key: 'actioned',
    title: 'Actioned',
    cell: m => (m.actionedRate === null ? '–' : formatShare(m.actionedRate, 0)),
  },
  {
    key: 'realized',
    title: 'Realized saving',
    cell: (m, currency) => formatMoney(m.realizedSavings, currency),
  },
];

/** Whether anything happened in a month: first seen, implemented or realized. */
const active = (m: Month) =>
  m.opened > 0 || m.implemented > 0 || Number(m.realizedSavings) !== 0;

/**
 * The KPIs month by month, oldest first: a column per month, a row per
 * figure, so that a year reads at a glance. It starts at the first month
 * with activity, so that the recent months are the ones in view; nothing
 * without months.
 */
export const RecommendationMonths = ({
  months,
  currency,
  testId,
}: {
  months: Month[];
  currency: string;
  testId: string;
}) => {
  if (months.length === 0) return null;
  const first = months.findIndex(active);
  if (first < 0)
    return (
      <Box mt={2} data-testid={testId}>
        <Typography variant="body2" color="textSecondary">
          Month by month: no recommendation was first seen, implemented or
          verified from {longMonth(months[0].month)} to{' '}
          {longMonth(months[months.length - 1].month)}.
        </Typography>
      </Box>
    );
  const shown = months.slice(first);
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3">
        Month by month
      </Typography>
      <Box style={{ overflowX: 'auto' }}>
        <WordTable
          size="small"
          aria-label="Recommendations month by month"
          data-testid={testId}
        >
          <TableHead>
            <TableRow>
              <TableCell>
                <Typography variant="srOnly">Figure</Typography>
              </TableCell>
              {shown.map(m => (
                <TableCell
                  key={m.month}
                  align="right"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  <abbr title={longMonth(m.month)}>{shortMonth(m.month)}</abbr>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {ROWS.map(row => (
              <TableRow key={row.key} data-row={row.key}>
                <TableCell
                  component="th"
                  scope="row"
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {row.title}
                </TableCell>
                {shown.map(m => (
                  <TableCell
                    key={m.month}
                    align="right"
                    style={{ whiteSpace: 'nowrap' }}
                    data-month={m.month}
                  >
                    {row.cell(m, currency)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </WordTable>
      </Box>
    </Box>
  );
};
