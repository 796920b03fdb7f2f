import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { FinopsUnitCostQuery } from '../../api';
import { useUnitCost } from '../../hooks/useFinops';
import { formatUnitMoney } from '../shared/format';
import { hasUsage } from '../unit/chartRows';
import { isForbidden, unitLabel } from '../unit/labels';
import { UnitCostSparkline } from '../unit/UnitCostSparkline';
import { UnitCostTrend } from '../unit/UnitCostTrend';
import { type TeamSystem, useTeamSystems } from './useTeamSystems';

const Note = ({ children }: { children: string }) => (
  <Typography variant="body2" color="textSecondary">
    {children}
  </Typography>
);

/**
 * One entity's unit cost over the period: sparkline, figure and direction.
 * `fallback` renders in its place when the entity has no unit cost.
 */
const UnitCostRow = ({
  entityRef,
  title,
  query,
  indent,
  fallback,
}: {
  entityRef: string;
  title: string;
  query?: FinopsUnitCostQuery;
  indent?: boolean;
  fallback?: JSX.Element | null;
}) => {
  const { value, loading, error } = useUnitCost(entityRef, query);
  let cells;
  if (loading && !value) {
    cells = (
      <TableCell colSpan={3}>
        <Progress />
      </TableCell>
    );
  } else if (error) {
    cells = (
      <TableCell colSpan={3}>
        <Note>
          {isForbidden(error)
            ? "You don't have permission to see this unit cost."
            : `Unit cost unavailable: ${error.message}`}
        </Note>
      </TableCell>
    );
  } else if (!value || value.empty || !value.unitMetric) {
    if (fallback !== undefined) return fallback;
    cells = (
      <TableCell colSpan={3}>
        <Note>{value?.empty?.message ?? 'No unit cost.'}</Note>
      </TableCell>
    );
  } else {
    cells = (
      <>
        <TableCell>
          <UnitCostSparkline value={value} name={title} />
        </TableCell>
        <TableCell
          align="right"
          data-testid="finops-team-unit-cost"
          data-unit-cost={value.totals.unitCost ?? ''}
        >
          {hasUsage(value.totals)
            ? `${formatUnitMoney(
                value.totals.unitCost!,
                value.currency,
              )} per ${unitLabel(value.unitMetric)}`
            : 'no usage'}
        </TableCell>
        <TableCell>
          <UnitCostTrend
            trend={value.trend}
            currency={value.currency}
            period={value.granularity}
          />
        </TableCell>
      </>
    );
  }
  return (
    <TableRow data-testid="finops-team-unit-row" data-entity={entityRef}>
      <TableCell component="th" scope="row">
        <Box pl={indent ? 3 : 0}>
          <EntityRefLink entityRef={entityRef}>{title}</EntityRefLink>
        </Box>
      </TableCell>
      {cells}
    </TableRow>
  );
};

/** A system's own unit cost, or else those of its components that have one. */
const SystemRows = ({
  system,
  query,
}: {
  system: TeamSystem;
  query?: FinopsUnitCostQuery;
}) => {
  const components =
    system.components.length === 0 ? (
      <TableRow
        data-testid="finops-team-unit-row"
        data-entity={system.entityRef}
      >
        <TableCell component="th" scope="row">
          <EntityRefLink entityRef={system.entityRef}>
            {system.title}
          </EntityRefLink>
        </TableCell>
        <TableCell colSpan={3}>
          <Note>
            No unit metric: add costwise.dev/unit-metric to the system or its
            components.
          </Note>
        </TableCell>
      </TableRow>
    ) : (
      <>
        <TableRow>
          <TableCell component="th" scope="row" colSpan={4}>
            <EntityRefLink entityRef={system.entityRef}>
              {system.title}
            </EntityRefLink>
          </TableCell>
        </TableRow>
        {system.components.map(c => (
          <UnitCostRow
            key={c.entityRef}
            entityRef={c.entityRef}
            title={c.title}
            query={query}
            indent
          />
        ))}
      </>
    );
  return (
    <UnitCostRow
      entityRef={system.entityRef}
      title={system.title}
      query={query}
      fallback={components}
    />
  );
};

/** How the unit cost of each of the team's systems moves over the period. */
export const TeamUnitCosts = ({
  teamRef,
  query,
  systemRefs,
}: {
  teamRef: string;
  query?: FinopsUnitCostQuery;
  /** The systems with cost in the team's (its breakdown by system); else those it owns. */
  systemRefs?: string[];
}) => {
  const systems = useTeamSystems(teamRef, systemRefs);
  let body;
  if (systems.loading) body = <Progress />;
  else if (systems.error) body = <ResponseErrorPanel error={systems.error} />;
  else if (!systems.value?.length) {
    body = <Note>No system has cost in the team's figures.</Note>;
  } else {
    body = (
      <Table size="small" aria-label="Unit cost by system">
        <TableHead>
          <TableRow>
            <TableCell>System</TableCell>
            <TableCell>Trend</TableCell>
            <TableCell align="right">Unit cost over the period</TableCell>
            <TableCell>Direction</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {systems.value.map(s => (
            <SystemRows key={s.entityRef} system={s} query={query} />
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Paper variant="outlined" data-testid="finops-team-unit-costs">
      <Box p={2}>
        <Typography variant="overline" color="textSecondary" component="h2">
          Unit cost by system
        </Typography>
        {body}
      </Box>
    </Paper>
  );
};
