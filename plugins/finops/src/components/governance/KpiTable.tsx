import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Edit from '@material-ui/icons/Edit';
import type { KpiValue } from '@costwise/plugin-finops-common';
import { KpiDirection } from './KpiDirection';
import { KpiSparkline } from './KpiSparkline';
import { KpiStatusChip } from './KpiStatus';
import { KpiTargetText, KpiTitle, KpiValueText, kpiRowData } from './KpiCells';
import { formatMonth } from './kpiFormat';

/**
 * The organization's KPIs of the month: value, target, status, direction
 * and the last 12 months. Admins get a button per KPI to change its target.
 */
export const KpiTable = ({
  kpis,
  month,
  currency,
  onEdit,
}: {
  kpis: KpiValue[];
  month: string;
  currency: string;
  /** Given for admins only: opens the target dialog of a KPI. */
  onEdit?: (kpi: KpiValue) => void;
}) => (
  <Paper variant="outlined" data-testid="finops-kpis">
    <Box p={2}>
      <Typography variant="h5" component="h2">
        Organization KPIs
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {formatMonth(month)}, against their targets. Hover or focus a KPI for
        what it measures.
      </Typography>
    </Box>
    <Box style={{ overflowX: 'auto' }}>
      <Table
        size="small"
        aria-label={`Organization KPIs, ${formatMonth(month)}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>KPI</TableCell>
            <TableCell>Value</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Trend</TableCell>
            <TableCell>Last 12 months</TableCell>
            {onEdit && (
              <TableCell>
                <Typography variant="srOnly">Change the target</Typography>
              </TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {kpis.map(kpi => (
            <TableRow
              key={kpi.id}
              data-testid="finops-kpi-row"
              {...kpiRowData(kpi)}
            >
              <TableCell component="th" scope="row">
                <KpiTitle kpi={kpi} />
              </TableCell>
              <TableCell>
                <KpiValueText kpi={kpi} currency={currency} />
              </TableCell>
              <TableCell>
                <KpiTargetText kpi={kpi} currency={currency} />
              </TableCell>
              <TableCell>
                <KpiStatusChip status={kpi.status} />
              </TableCell>
              <TableCell>
                <KpiDirection kpi={kpi} />
              </TableCell>
              <TableCell>
                <KpiSparkline kpi={kpi} currency={currency} />
              </TableCell>
              {onEdit && (
                <TableCell padding="checkbox">
                  <IconButton
                    size="small"
                    aria-label={`Change the target of ${kpi.title}`}
                    onClick={() => onEdit(kpi)}
                    data-testid="finops-kpi-edit"
                  >
                    <Edit fontSize="small" />
                  </IconButton>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  </Paper>
);
