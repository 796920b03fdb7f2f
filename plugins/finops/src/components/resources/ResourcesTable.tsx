import { Table, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type {
  EntityResourceCost,
  EntityResources,
} from '@costwise/plugin-finops-common';
import { formatMoney, formatShare, toNumber } from '../shared/format';
import { methodLabel } from '../shared/labels';
import { CsvExportButton } from './CsvExportButton';
import { EvidencePopover } from './EvidencePopover';

type Row = EntityResourceCost & { id: string };

const columns = (currency: string): TableColumn<Row>[] => [
  {
    title: 'Resource',
    field: 'resourceName',
    highlight: true,
    render: r => (
      <>
        {r.resourceName ?? r.resourceId ?? `${r.service} (no resource id)`}
        {r.resourceName && r.resourceId && (
          <Typography variant="caption" color="textSecondary" display="block">
            {r.resourceId}
          </Typography>
        )}
      </>
    ),
    customFilterAndSearch: (term, r) =>
      `${r.resourceName ?? ''} ${r.resourceId ?? ''}`
        .toLowerCase()
        .includes(String(term).toLowerCase()),
  },
  { title: 'Service', field: 'service' },
  { title: 'Provider', field: 'provider' },
  { title: 'Region', field: 'region', emptyValue: '–' },
  { title: 'Charge category', field: 'chargeCategory' },
  {
    title: 'Amount',
    field: 'amount',
    type: 'numeric',
    defaultSort: 'desc',
    customSort: (a, b) => toNumber(a.amount) - toNumber(b.amount),
    render: r => formatMoney(r.amount, currency),
  },
  {
    title: 'Share',
    field: 'share',
    type: 'numeric',
    render: r => formatShare(r.share),
  },
  {
    title: 'Method',
    field: 'method',
    render: r => methodLabel(r.method),
  },
  {
    title: 'Evidence',
    field: 'evidence',
    sorting: false,
    searchable: false,
    render: r => <EvidencePopover item={r} />,
  },
];

/** The resources attributed to the entity, each with its evidence. */
export const ResourcesTable = ({
  resources,
  name,
  loading,
}: {
  resources?: EntityResources;
  name: string;
  loading?: boolean;
}) => {
  // material-table writes its own state into rows, so it gets copies
  const data: Row[] = (resources?.items ?? []).map(r => ({
    ...r,
    id: r.groupId,
  }));
  return (
    <div data-testid="finops-resources">
      {resources && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <CsvExportButton resources={resources} name={name} />
        </Box>
      )}
      <Table<Row>
        title="Resources"
        subtitle={
          resources
            ? `${resources.items.length} attributed in this period`
            : undefined
        }
        isLoading={loading}
        columns={columns(resources?.currency ?? 'USD')}
        data={data}
        options={{
          paging: data.length > 20,
          pageSize: 20,
          padding: 'dense',
          search: true,
        }}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2" color="textSecondary">
              No resources were attributed in this period.
            </Typography>
          </Box>
        }
      />
    </div>
  );
};
