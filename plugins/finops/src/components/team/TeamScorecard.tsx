import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { TeamScorecard as Scorecard } from '@costwise/plugin-finops-common';
import { useTeamScorecard } from '../../hooks/useGovernance';
import { KpiDirection } from '../governance/KpiDirection';
import { KpiStatusChip } from '../governance/KpiStatus';
import { KpiTargetText, KpiTitle, KpiValueText } from '../governance/KpiCells';
import { KpiDetailLines } from '../governance/KpiDetail';
import { formatMonth, formatRank } from '../governance/kpiFormat';
import { isNotAllowedOrNotFound } from '../shared/CostErrorPanel';
import { WordTable } from '../shared/WordTable';

const ScorecardTable = ({
  scorecard,
  currency,
}: {
  scorecard: Scorecard;
  currency: string;
}) => {
  const month = scorecard.kpis[0]?.month;
  return (
    <Paper variant="outlined" data-testid="finops-team-scorecard">
      <Box p={2}>
        <Typography variant="h5" component="h2">
          FinOps scorecard
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {month ? `${formatMonth(month)}: ` : ''}the team's FinOps KPIs against
          their targets, and its rank among the teams measured on each.
        </Typography>
      </Box>
      <Box style={{ overflowX: 'auto' }}>
        <WordTable
          size="small"
          aria-label={`FinOps scorecard of ${scorecard.title}`}
        >
          <TableHead>
            <TableRow>
              <TableCell>KPI</TableCell>
              <TableCell>Value</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Trend</TableCell>
              <TableCell>Rank among teams</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {scorecard.kpis.map(kpi => {
              const rank = scorecard.ranks[kpi.id];
              return (
                <TableRow
                  key={kpi.id}
                  data-testid="finops-scorecard-kpi"
                  data-kpi={kpi.id}
                  data-value={kpi.value === null ? '' : String(kpi.value)}
                  data-status={kpi.status}
                >
                  <TableCell component="th" scope="row">
                    <KpiTitle kpi={kpi} />
                  </TableCell>
                  <TableCell>
                    <KpiValueText kpi={kpi} currency={currency} />
                    <KpiDetailLines
                      kpi={kpi}
                      kpis={scorecard.kpis}
                      currency={currency}
                    />
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
                  <TableCell data-testid="finops-scorecard-rank">
                    {rank ? (
                      formatRank(rank)
                    ) : (
                      <Typography variant="body2" color="textSecondary">
                        Not ranked
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </WordTable>
      </Box>
    </Paper>
  );
};

/**
 * A team's FinOps KPIs and its rank among teams, as a grid row of the
 * team's Costs tab. Quiet (nothing at all) when the caller may not read the
 * team's cost or the backend has no scorecard for it; the rest of the tab
 * says why already.
 */
export const TeamScorecardSection = ({
  teamRef,
  currency,
}: {
  teamRef: string;
  /** The currency of money KPIs (FinOps overhead per 1M). */
  currency: string;
}) => {
  const { value, error } = useTeamScorecard(teamRef);
  if (error) {
    if (isNotAllowedOrNotFound(error)) return null;
    return (
      <Grid item xs={12}>
        <ResponseErrorPanel error={error} />
      </Grid>
    );
  }
  if (!value || value.kpis.length === 0) return null;
  return (
    <Grid item xs={12}>
      <ScorecardTable scorecard={value} currency={currency} />
    </Grid>
  );
};
