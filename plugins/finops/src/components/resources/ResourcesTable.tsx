import { Progress } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import TablePagination from '@material-ui/core/TablePagination';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import { useMemo, useState } from 'react';
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
import { lineLabel, ResourceLines } from './ResourceLines';
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

type SortKey = 'label' | 'service' | 'provider' | 'amount' | 'share';

const SORTS: Record<SortKey, (a: ResourceGroup, b: ResourceGroup) => number> = {
  label: (a, b) => a.label.localeCompare(b.label),
  service: (a, b) => a.service.localeCompare(b.service),
  provider: (a, b) => a.provider.localeCompare(b.provider),
  amount: (a, b) => toNumber(a.amount) - toNumber(b.amount),
  share: (a, b) => a.share - b.share,
};

const HEADERS: Array<{
  key: SortKey | 'region' | 'method' | 'evidence';
  title: string;
  numeric?: boolean;
}> = [
  { key: 'label', title: 'Resource' },
  { key: 'service', title: 'Service' },
  { key: 'provider', title: 'Provider' },
  { key: 'region', title: 'Region' },
  { key: 'amount', title: 'Amount', numeric: true },
  { key: 'share', title: 'Share', numeric: true },
  { key: 'method', title: 'Method' },
  { key: 'evidence', title: 'Evidence' },
];

const PAGE = 20;

/** One resource: its row, and its lines when opened. */
const GroupRow = ({
  group,
  currency,
}: {
  group: ResourceGroup;
  currency: string;
}) => {
  const [open, setOpen] = useState(false);
  const linesId = `finops-lines-${group.id.replace(/[^\w-]/g, '_')}`;
  return (
    <>
      <TableRow
        data-testid="finops-resource-row"
        data-amount={group.amount}
        data-lines={group.lines.length}
      >
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-expanded={open}
            aria-controls={linesId}
            aria-label={`${open ? 'Hide' : 'Show'} the ${group.lines.length} ${
              group.lines.length === 1 ? 'line' : 'lines'
            } of ${group.label}`}
            onClick={() => setOpen(!open)}
          >
            {open ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
          </IconButton>
        </TableCell>
        <TableCell
          component="th"
          scope="row"
          style={{ minWidth: 200, overflowWrap: 'anywhere' }}
        >
          <Typography variant="body2" component="span">
            <strong>{group.label}</strong>
          </Typography>
          {group.resourceId && group.resourceId !== group.label && (
            <ShortId id={group.resourceId} label={group.label} />
          )}
          {group.lines.length > 1 && (
            <Typography variant="caption" color="textSecondary" display="block">
              {group.lines.length} lines
            </Typography>
          )}
        </TableCell>
        <TableCell>{group.service}</TableCell>
        <TableCell>{group.provider}</TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {group.region ?? '–'}
        </TableCell>
        <TableCell align="right">
          {formatMoney(group.amount, currency)}
        </TableCell>
        <TableCell align="right">{formatShare(group.share)}</TableCell>
        <TableCell style={{ whiteSpace: 'nowrap' }}>
          {group.methods.map(methodLabel).join(', ')}
        </TableCell>
        <TableCell>
          {group.lines.length === 1 ? (
            <EvidencePopover item={group.lines[0]} currency={currency} />
          ) : (
            <Typography variant="caption" color="textSecondary">
              per line
            </Typography>
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow id={linesId}>
          <TableCell colSpan={HEADERS.length + 1} style={{ padding: 0 }}>
            <ResourceLines group={group} currency={currency} />
          </TableCell>
        </TableRow>
      )}
    </>
  );
};

/**
 * The resources attributed to the entity, one row per resource with its
 * lines a click away: sortable headers (with `aria-sort`, one Tab stop
 * each), a filter, and pages of 20.
 */
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
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({
    key: 'amount',
    desc: true,
  });
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);
  const groups = useMemo(
    () => groupByResource(resources?.items ?? []),
    [resources],
  );
  const term = filter.trim().toLowerCase();
  const shown = groups
    .filter(
      g =>
        !term ||
        `${g.label} ${g.resourceId ?? ''} ${g.service} ${g.lines
          .map(lineLabel)
          .join(' ')}`
          .toLowerCase()
          .includes(term),
    )
    .sort((a, b) => (sort.desc ? -1 : 1) * SORTS[sort.key](a, b));
  const pageRows = shown.slice(page * PAGE, page * PAGE + PAGE);
  return (
    <Paper variant="outlined" data-testid="finops-resources">
      <Box
        p={2}
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        justifyContent="space-between"
        gridGap={8}
      >
        <Box>
          <Typography variant="h5" component="h2">
            Resources
          </Typography>
          {resources && (
            <Typography variant="body2" color="textSecondary">
              {groups.length} resources in {resources.items.length} lines
              attributed in this period
            </Typography>
          )}
        </Box>
        <Box display="flex" flexWrap="wrap" gridGap={8} alignItems="center">
          <TextField
            size="small"
            variant="outlined"
            label="Filter"
            value={filter}
            onChange={e => {
              setFilter(e.target.value);
              setPage(0);
            }}
            inputProps={{ 'aria-label': 'Filter the resources' }}
          />
          {resources && <CsvExportButton resources={resources} name={name} />}
        </Box>
      </Box>
      {loading && !resources && <Progress />}
      <Box style={{ overflowX: 'auto' }}>
        <MuiTable size="small" aria-label="Resources attributed in this period">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              {HEADERS.map(h => {
                const sortable = h.key in SORTS;
                const active = sort.key === h.key;
                return (
                  <TableCell
                    key={h.key}
                    align={h.numeric ? 'right' : 'left'}
                    style={{ whiteSpace: 'nowrap' }}
                    aria-sort={
                      // eslint-disable-next-line no-nested-ternary
                      active
                        ? sort.desc
                          ? 'descending'
                          : 'ascending'
                        : undefined
                    }
                  >
                    {sortable ? (
                      <TableSortLabel
                        active={active}
                        direction={active && !sort.desc ? 'asc' : 'desc'}
                        onClick={() => {
                          setSort({
                            key: h.key as SortKey,
                            desc: active ? !sort.desc : true,
                          });
                          setPage(0);
                        }}
                      >
                        {h.title}
                      </TableSortLabel>
                    ) : (
                      h.title
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {pageRows.map(g => (
              <GroupRow key={g.id} group={g} currency={currency} />
            ))}
            {resources && shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={HEADERS.length + 1}>
                  <Typography variant="body2" color="textSecondary">
                    {groups.length === 0
                      ? 'No resources were attributed in this period.'
                      : 'No resource matches the filter.'}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </MuiTable>
      </Box>
      {shown.length > PAGE && (
        <TablePagination
          component="div"
          count={shown.length}
          page={page}
          rowsPerPage={PAGE}
          rowsPerPageOptions={[PAGE]}
          onPageChange={(_e, next) => setPage(next)}
        />
      )}
    </Paper>
  );
};
