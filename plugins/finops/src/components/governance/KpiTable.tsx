import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Edit from '@material-ui/icons/Edit';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import type { KpiValue, TeamScorecard } from '@costwise/plugin-finops-common';
import { Fragment, useState } from 'react';
import { KpiDetailLines } from './KpiDetail';
import { KpiDirection } from './KpiDirection';
import { KpiSparkline } from './KpiSparkline';
import { KpiStatusChip } from './KpiStatus';
import { KpiTargetText, KpiTitle, KpiValueText, kpiRowData } from './KpiCells';
import { formatMonth } from './kpiFormat';
import { teamTrends, UnitTrendsByTeam } from './UnitTrendsByTeam';
import { WordTable } from '../shared/WordTable';

const BY_TEAM_ID = 'finops-kpi-unit-trend-by-team';

/** Opens the teams' 3, 6 and 12-month unit cost trends under the KPI's row. */
const ByTeamToggle = ({
  open,
  onToggle,
}: {
  open: boolean;
  onToggle: () => void;
}) => (
  <Button
    size="small"
    aria-expanded={open}
    aria-controls={BY_TEAM_ID}
    onClick={onToggle}
    startIcon={open ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
    style={{ textTransform: 'none', whiteSpace: 'nowrap' }}
    data-testid="finops-kpi-by-team-toggle"
  >
    {open ? 'Hide' : 'Show'} 3, 6 and 12 months by team
  </Button>
);

/**
 * The organization's KPIs of the month: value, target, status, direction
 * and the last 12 months, with what each stands on (p90 time to action,
 * coverage per provider); the unit cost trend opens onto every team's 3, 6
 * and 12-month trends. Admins get a button per KPI to change its target.
 */
export const KpiTable = ({
  kpis,
  month,
  currency,
  teams = [],
  onEdit,
}: {
  kpis: KpiValue[];
  month: string;
  currency: string;
  /** The teams' scorecards, for the unit cost trend by team. */
  teams?: TeamScorecard[];
  /** Given for admins only: opens the target dialog of a KPI. */
  onEdit?: (kpi: KpiValue) => void;
}) => {
  const [byTeam, setByTeam] = useState(false);
  const trends = teamTrends(teams);
  const hasTeamTrends = trends.length > 0;
  const columns = onEdit ? 7 : 6;
  return (
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
        <WordTable
          size="small"
          aria-label={`Organization KPIs, ${formatMonth(month)}`}
        >
          <TableHead>
            <TableRow>
              <TableCell>KPI</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>Status</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>Trend</TableCell>
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
              <Fragment key={kpi.id}>
                <TableRow data-testid="finops-kpi-row" {...kpiRowData(kpi)}>
                  <TableCell component="th" scope="row">
                    <KpiTitle kpi={kpi} />
                  </TableCell>
                  <TableCell>
                    <KpiValueText kpi={kpi} currency={currency} />
                    <KpiDetailLines kpi={kpi} kpis={kpis} currency={currency} />
                    {kpi.id === 'unit-cost-trend' && hasTeamTrends && (
                      <ByTeamToggle
                        open={byTeam}
                        onToggle={() => setByTeam(!byTeam)}
                      />
                    )}
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
                {kpi.id === 'unit-cost-trend' && hasTeamTrends && byTeam && (
                  <TableRow
                    id={BY_TEAM_ID}
                    data-testid="finops-kpi-unit-trend-by-team"
                  >
                    <TableCell colSpan={columns}>
                      <UnitTrendsByTeam trends={trends} currency={currency} />
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            ))}
          </TableBody>
        </WordTable>
      </Box>
    </Paper>
  );
};
