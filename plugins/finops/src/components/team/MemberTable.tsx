import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  formatMoney,
  formatShare,
  sumAmounts,
  toNumber,
} from '../shared/format';
import type { MemberCost } from './members';

type Row = MemberCost & { id: string };

/** One slice of a team's cost (its systems, sub-teams or components). */
export const MemberTable = ({
  title,
  members,
  currency,
  testId,
  limit,
  emptyText,
  showTotal,
}: {
  title: string;
  members: MemberCost[];
  currency: string;
  testId: string;
  limit?: number;
  emptyText?: string;
  /** Says what the rows add up to, under the table. */
  showTotal?: boolean;
}) => {
  const columns: TableColumn<Row>[] = [
    {
      title: 'Name',
      field: 'label',
      highlight: true,
      render: m =>
        m.entityRef ? (
          // the entity's title, not its ref, unless a label was chosen
          <EntityRefLink entityRef={m.entityRef}>
            {m.label === m.entityRef ? undefined : m.label}
          </EntityRefLink>
        ) : (
          m.label
        ),
    },
    {
      title: 'Cost',
      field: 'total',
      type: 'numeric',
      customSort: (a, b) => toNumber(a.total) - toNumber(b.total),
      render: m => formatMoney(m.total, currency),
    },
    {
      title: 'Share of team',
      field: 'share',
      type: 'numeric',
      render: m => formatShare(m.share),
    },
  ];
  const data = members
    .slice(0, limit ?? members.length)
    .map(m => ({ ...m, id: m.entityRef ?? m.label }));
  return (
    <div data-testid={testId}>
      <Table<Row>
        title={title}
        columns={columns}
        data={data}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              {emptyText ?? 'Nothing with cost in this period.'}
            </Typography>
          </Box>
        }
      />
      {showTotal && data.length > 0 && (
        <Box px={2} py={1} display="flex" justifyContent="space-between">
          <Typography variant="body2" color="textSecondary">
            Total of the {data.length} {data.length === 1 ? 'line' : 'lines'}
          </Typography>
          <Typography
            variant="body2"
            data-testid={`${testId}-total`}
            data-amount={sumAmounts(data.map(m => m.total))}
          >
            {formatMoney(sumAmounts(data.map(m => m.total)), currency)}
          </Typography>
        </Box>
      )}
    </div>
  );
};
