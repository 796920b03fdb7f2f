import { Table, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Decimal,
  type EntityResourceCost,
  type EntityResources,
} from '@costwise/plugin-finops-common';
import { formatMoney, formatShare, toNumber } from '../shared/format';
import { methodLabel } from '../shared/labels';
import { CsvExportButton } from './CsvExportButton';
import { EvidencePopover } from './EvidencePopover';
import { ShortId } from './ShortId';

/** One resource with the lines (fact groups) it was billed in. */
export interface ResourceGroup {
  id: string;
  label: string;
  resourceId?: string;
  service: string;
  provider: string;
  region?: string;
  /** Exact sum of the lines. */
  amount: string;
  share: number;
  methods: string[];
  lines: EntityResourceCost[];
}

/**
 * The page's rows grouped by resource: a database billed in four lines
 * (instance, storage, I/O, backup) is one row whose lines say what differs,
 * rather than four rows that look alike.
 */
export function groupByResource(items: EntityResourceCost[]): ResourceGroup[] {
  const groups = new Map<string, EntityResourceCost[]>();
  for (const item of items) {
    const key = `${item.provider}|${
      item.resourceId ?? item.resourceName ?? `(no resource id) ${item.service}`
    }`;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups].map(([key, lines]) => {
    const first = lines[0];
    const regions = [...new Set(lines.map(l => l.region).filter(Boolean))];
    return {
      id: key,
      label:
        first.resourceName ??
        first.resourceId ??
        `${first.service} (no resource id)`,
      resourceId: first.resourceId,
      service: [...new Set(lines.map(l => l.service))].join(', '),
      provider: first.provider,
      region: regions.join(', ') || undefined,
      amount: Decimal.sum(lines.map(l => Decimal.parse(l.amount))).toString(),
      share: lines.reduce((s, l) => s + l.share, 0),
      methods: [...new Set(lines.map(l => l.method))],
      lines: [...lines].sort((a, b) => toNumber(b.amount) - toNumber(a.amount)),
    };
  });
}

/** What tells a line apart from the resource's other lines. */
function lineLabel(line: EntityResourceCost): string {
  return (
    [line.skuId, line.pricingCategory, line.consumedUnit]
      .filter(Boolean)
      .join(' · ') || line.chargeCategory
  );
}

const Lines = ({
  group,
  currency,
}: {
  group: ResourceGroup;
  currency: string;
}) => (
  <Box px={4} py={1} data-testid="finops-resource-lines">
    <MuiTable size="small" aria-label={`Lines of ${group.label}`}>
      <TableHead>
        <TableRow>
          <TableCell>SKU</TableCell>
          <TableCell>Charge category</TableCell>
          <TableCell>Pricing</TableCell>
          <TableCell>Unit</TableCell>
          <TableCell>Method</TableCell>
          <TableCell align="right">Amount</TableCell>
          <TableCell>Evidence</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {group.lines.map(line => (
          <TableRow
            key={`${line.groupId}|${line.method}|${line.evidence.entityRef}`}
            data-testid="finops-resource-line"
            data-amount={line.amount}
          >
            <TableCell>{line.skuId ?? '–'}</TableCell>
            <TableCell>{line.chargeCategory}</TableCell>
            <TableCell>{line.pricingCategory ?? '–'}</TableCell>
            <TableCell>{line.consumedUnit ?? '–'}</TableCell>
            <TableCell>{methodLabel(line.method)}</TableCell>
            <TableCell align="right">
              {formatMoney(line.amount, currency)}
            </TableCell>
            <TableCell>
              <EvidencePopover item={line} currency={currency} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </MuiTable>
  </Box>
);

const columns = (currency: string): TableColumn<ResourceGroup>[] => [
  {
    title: 'Resource',
    field: 'label',
    highlight: true,
    cellStyle: { minWidth: 220, overflowWrap: 'anywhere' },
    render: g => (
      <>
        {g.label}
        {g.resourceId && g.resourceId !== g.label && (
          <ShortId id={g.resourceId} label={g.label} />
        )}
        {g.lines.length > 1 && (
          <Typography
            variant="caption"
            color="textSecondary"
            display="block"
            title={g.lines.map(lineLabel).join('\n')}
          >
            {g.lines.length} lines, by{' '}
            {[...new Set(g.lines.map(l => (l.skuId ? 'SKU' : 'charge')))].join(
              ' and ',
            )}
          </Typography>
        )}
      </>
    ),
    customFilterAndSearch: (term, g) =>
      `${g.label} ${g.resourceId ?? ''} ${g.lines.map(lineLabel).join(' ')}`
        .toLowerCase()
        .includes(String(term).toLowerCase()),
  },
  { title: 'Service', field: 'service' },
  { title: 'Provider', field: 'provider' },
  { title: 'Region', field: 'region', emptyValue: '–' },
  {
    title: 'Amount',
    field: 'amount',
    type: 'numeric',
    defaultSort: 'desc',
    customSort: (a, b) => toNumber(a.amount) - toNumber(b.amount),
    render: g => formatMoney(g.amount, currency),
  },
  {
    title: 'Share',
    field: 'share',
    type: 'numeric',
    render: g => formatShare(g.share),
  },
  {
    title: 'Method',
    field: 'methods',
    render: g => g.methods.map(methodLabel).join(', '),
    customSort: (a, b) => a.methods.join().localeCompare(b.methods.join()),
  },
  {
    title: 'Evidence',
    field: 'lines',
    sorting: false,
    searchable: false,
    render: g =>
      g.lines.length === 1 ? (
        <EvidencePopover item={g.lines[0]} currency={currency} />
      ) : (
        <Typography variant="caption" color="textSecondary">
          per line (expand the row)
        </Typography>
      ),
  },
];

/** The resources attributed to the entity, by resource, each with its lines and their evidence. */
export const ResourcesTable = ({
  resources,
  name,
  loading,
}: {
  resources?: EntityResources;
  name: string;
  loading?: boolean;
}) => {
  const currency = resources?.currency ?? 'USD';
  // material-table writes its own state into rows, so it gets fresh objects
  const data = groupByResource(resources?.items ?? []);
  return (
    <div data-testid="finops-resources">
      {resources && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <CsvExportButton resources={resources} name={name} />
        </Box>
      )}
      <Table<ResourceGroup>
        title="Resources"
        subtitle={
          resources
            ? `${data.length} resources in ${resources.items.length} lines attributed in this period`
            : undefined
        }
        isLoading={loading}
        columns={columns(currency)}
        data={data}
        // every row opens its lines: what tells them apart (SKU, pricing, unit)
        // and each one's evidence; the types pass { rowData }, the installed
        // table the row itself
        detailPanel={(arg: { rowData: ResourceGroup } | ResourceGroup) => {
          const g = 'rowData' in arg ? arg.rowData : arg;
          return <Lines group={g} currency={currency} />;
        }}
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
