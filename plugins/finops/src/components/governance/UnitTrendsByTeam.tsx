import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { TeamScorecard } from '@costwise/plugin-finops-common';
import { formatSlope } from './KpiDetail';
import { TREND_WINDOWS, trendFigures } from './kpiDetailFigures';
import { formatKpiNumber } from './kpiFormat';
import { WordTable } from '../shared/WordTable';

/** The teams with a unit cost trend KPI, and its 3, 6 and 12-month figures. */
export function teamTrends(teams: TeamScorecard[]) {
  return teams
    .map(team => {
      const kpi = team.kpis.find(k => k.id === 'unit-cost-trend');
      return { team, kpi, figures: kpi ? trendFigures(kpi) : [] };
    })
    .filter(t => t.kpi)
    .sort((a, b) => a.team.title.localeCompare(b.team.title));
}

/**
 * Each team's unit cost trend over 3, 6 and 12 months: the change from the
 * first whole month to the last along the least-squares line, and the
 * line's slope per month. The organization's KPI is the median of the
 * 3-month changes.
 */
export const UnitTrendsByTeam = ({
  trends: rows,
  currency,
}: {
  /** The teams' trends, as {@link teamTrends} has them. */
  trends: ReturnType<typeof teamTrends>;
  currency: string;
}) => {
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No team is measured on its unit cost yet.
      </Typography>
    );
  }
  return (
    <WordTable size="small" aria-label="Unit cost trend by team">
      <TableHead>
        <TableRow>
          <TableCell>Team</TableCell>
          {TREND_WINDOWS.map(m => (
            <TableCell key={m} align="right">
              {m} months
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ team, kpi, figures }) => (
          <TableRow
            key={team.team}
            data-testid="finops-unit-trend-team"
            data-team={team.team}
          >
            <TableCell component="th" scope="row">
              {team.title}
            </TableCell>
            {figures.length === 0 ? (
              <TableCell colSpan={TREND_WINDOWS.length}>
                <Typography variant="body2" color="textSecondary">
                  {kpi?.message ?? 'Not measured yet'}
                </Typography>
              </TableCell>
            ) : (
              figures.map(f => (
                <TableCell
                  key={f.months}
                  align="right"
                  data-months={String(f.months)}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  <Typography variant="body2" component="span">
                    {f.change === null
                      ? '–'
                      : formatKpiNumber(f.change, 'change', currency)}
                  </Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {f.slope === null
                      ? 'too few months'
                      : `slope ${formatSlope(f.slope, currency)}`}
                  </Typography>
                </TableCell>
              ))
            )}
          </TableRow>
        ))}
      </TableBody>
    </WordTable>
  );
};
