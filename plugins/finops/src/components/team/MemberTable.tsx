import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatMoney, formatShare, toNumber } from '../shared/format';
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
}: {
  title: string;
  members: MemberCost[];
  currency: string;
  testId: string;
  limit?: number;
  emptyText?: string;
}) => {
  const columns: TableColumn<Row>[] = [
    {
      title: 'Name',
      field: 'label',
      highlight: true,
      render: m =>
        m.entityRef ? (
          <EntityRefLink entityRef={m.entityRef}>{m.label}</EntityRefLink>
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
    </div>
  );
};
