import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import Tooltip from '@material-ui/core/Tooltip';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import {
  KPI_IDS,
  type KpiId,
  type KpiValue,
  type TeamScorecard,
} from '@costwise/plugin-finops-common';
import { useState } from 'react';
import { KpiStatusIcon } from './KpiStatus';
import { kpiRowData } from './KpiCells';
import { formatKpiValue, formatRank, teamRefParts } from './kpiFormat';
import { WordTable } from '../shared/WordTable';

type SortKey = 'team' | KpiId;

const kpiOf = (team: TeamScorecard, id: KpiId) =>
  team.kpis.find(k => k.id === id);

/** Teams by title, or by a KPI's value with the unmeasured last either way. */
function sortTeams(
  teams: TeamScorecard[],
  key: SortKey,
  desc: boolean,
): TeamScorecard[] {
  const sign = desc ? -1 : 1;
  return [...teams].sort((a, b) => {
    if (key === 'team') return sign * a.title.localeCompare(b.title);
    const x = kpiOf(a, key)?.value ?? null;
    const y = kpiOf(b, key)?.value ?? null;
    if (x === null || y === null) {
      if (x === y) return a.title.localeCompare(b.title);
      return x === null ? 1 : -1;
    }
    return sign * (x - y) || a.title.localeCompare(b.title);
  });
}

/**
 * The KPIs the table has a column for, in the pages' order, each with its
 * definition: those measured on at least one team (the others, such as the
 * FinOps overhead, are the organization's alone, and are named apart).
 */
function columnsOf(organization: KpiValue[], teams: TeamScorecard[]) {
  const known = new Map<KpiId, KpiValue>();
  for (const k of [...organization, ...teams.flatMap(t => t.kpis)]) {
    if (!known.has(k.id)) known.set(k.id, k);
  }
  const measured = (id: KpiId) =>
    teams.some(t => (kpiOf(t, id)?.value ?? null) !== null);
  const ids = KPI_IDS.filter(id => known.has(id));
  return {
    columns: ids.filter(measured).map(id => known.get(id)!),
    unmeasured: ids.filter(id => !measured(id)).map(id => known.get(id)!),
  };
}

/**
 * A header broken between words only, never inside one (the table's own
 * style keeps words whole), and without hyphens.
 */
const headerStyle = {
  minWidth: 96,
  hyphens: 'none',
} as const;

const TeamLink = ({ team }: { team: TeamScorecard }) => {
  const entityRoute = useRouteRef(entityRouteRef);
  const { kind, namespace, name } = teamRefParts(team.team);
  return (
    <Link to={`${entityRoute({ kind, namespace, name })}/costs`}>
      {team.title}
    </Link>
  );
};

/**
 * Every team's scorecard in one table, a column per KPI with the value, its
 * status and the team's rank; sortable by team or by any KPI (best first on
 * the first click).
 */
export const Leaderboard = ({
  teams,
  organization,
  currency,
  hiddenTeams,
}: {
  teams: TeamScorecard[];
  organization: KpiValue[];
  currency: string;
  hiddenTeams?: number;
}) => {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({
    key: 'team',
    desc: false,
  });
  const { columns, unmeasured } = columnsOf(organization, teams);
  const rows = sortTeams(teams, sort.key, sort.desc);
  const toggle = (key: SortKey, better?: 'higher' | 'lower') => {
    if (sort.key === key) setSort({ key, desc: !sort.desc });
    else setSort({ key, desc: better ? better === 'higher' : false });
  };
  const ariaSort = (key: SortKey) => {
    if (sort.key !== key) return undefined;
    return sort.desc ? 'descending' : 'ascending';
  };
  return (
    <Paper variant="outlined" data-testid="finops-leaderboard">
      <Box p={2}>
        <Typography variant="h5" component="h2">
          Team leaderboard
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Each team's KPIs and its rank among the teams measured on them. Sort
          by a KPI to see who leads; a team's name opens its costs.
          {hiddenTeams
            ? ` ${hiddenTeams} ${
                hiddenTeams === 1 ? 'team is' : 'teams are'
              } left out: you may not read their cost.`
            : ''}
          {teams.length > 0 && unmeasured.length > 0
            ? ` No team is measured on ${unmeasured
                .map(k => k.title)
                .join(', ')
                .replace(
                  /, ([^,]*)$/,
                  ' or $1',
                )} yet; see the organization's KPIs above.`
            : ''}
        </Typography>
      </Box>
      {teams.length === 0 ? (
        <Box px={2} pb={2}>
          <Typography variant="body2" data-testid="finops-leaderboard-empty">
            No team is measured yet. Teams appear here once cost is attributed
            to what they own: set <code>spec.owner</code> on components and
            systems, and map their cost with Costwise annotations.
          </Typography>
        </Box>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
          <WordTable size="small" aria-label="Team leaderboard">
            <TableHead>
              <TableRow>
                <TableCell
                  aria-sort={ariaSort('team')}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  <TableSortLabel
                    active={sort.key === 'team'}
                    direction={
                      sort.key === 'team' && sort.desc ? 'desc' : 'asc'
                    }
                    onClick={() => toggle('team')}
                  >
                    Team
                  </TableSortLabel>
                </TableCell>
                {columns.map(kpi => (
                  <TableCell
                    key={kpi.id}
                    align="right"
                    aria-sort={ariaSort(kpi.id)}
                    data-kpi={kpi.id}
                    style={headerStyle}
                  >
                    <TableSortLabel
                      active={sort.key === kpi.id}
                      direction={
                        sort.key === kpi.id && !sort.desc ? 'asc' : 'desc'
                      }
                      onClick={() => toggle(kpi.id, kpi.better)}
                    >
                      {kpi.title}
                    </TableSortLabel>
                  </TableCell>
                ))}
                <TableCell>Among peers</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(team => (
                <TableRow
                  key={team.team}
                  data-testid="finops-leaderboard-row"
                  data-team={team.team}
                >
                  <TableCell
                    component="th"
                    scope="row"
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    <TeamLink team={team} />
                  </TableCell>
                  {columns.map(column => {
                    const kpi = kpiOf(team, column.id);
                    const rank = team.ranks[column.id];
                    if (!kpi) {
                      return (
                        <TableCell key={column.id} align="right">
                          <Typography variant="body2" color="textSecondary">
                            –
                          </Typography>
                        </TableCell>
                      );
                    }
                    return (
                      <TableCell
                        key={column.id}
                        align="right"
                        data-testid="finops-leaderboard-kpi"
                        {...kpiRowData(kpi)}
                      >
                        <Box
                          display="flex"
                          alignItems="center"
                          justifyContent="flex-end"
                          gridGap={4}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          <Typography
                            variant="body2"
                            component="span"
                            color={
                              kpi.value === null
                                ? 'textSecondary'
                                : 'textPrimary'
                            }
                          >
                            {formatKpiValue(kpi, currency)}
                          </Typography>
                          <KpiStatusIcon status={kpi.status} />
                        </Box>
                        {rank && (
                          <Typography
                            variant="caption"
                            color="textSecondary"
                            display="block"
                          >
                            {formatRank(rank)}
                          </Typography>
                        )}
                      </TableCell>
                    );
                  })}
                  <TableCell data-testid="finops-leaderboard-benchmark">
                    {team.benchmark ? (
                      <Tooltip title={team.benchmark.verdict}>
                        <Typography
                          variant="body2"
                          component="span"
                          tabIndex={0}
                          style={{ whiteSpace: 'nowrap' }}
                        >
                          {team.benchmark.dimension === 'unitCost'
                            ? 'unit cost'
                            : 'monthly cost'}{' '}
                          cheaper than {Math.round(team.benchmark.percentile)}%
                          of peers
                        </Typography>
                      </Tooltip>
                    ) : (
                      <Typography variant="body2" color="textSecondary">
                        –
                      </Typography>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </WordTable>
        </Box>
      )}
    </Paper>
  );
};
