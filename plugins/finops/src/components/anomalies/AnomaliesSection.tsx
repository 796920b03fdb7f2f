import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { Anomaly, AnomalyList } from '@costwise/plugin-finops-common';
import { useApi } from '@backstage/core-plugin-api';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { finopsApiRef } from '../../api';
import { CostErrorPanel, isNotAllowed } from '../shared/CostErrorPanel';
import { formatDay, formatMoney } from '../shared/format';
import { AnomalyDialog } from './AnomalyDialog';
import { AnomalyStatusChip } from './AnomalyStatusChip';
import { useAnomalies } from './useAnomalies';
import {
  ANOMALY_STATUS_LABELS,
  anomalyDays,
  anomalySubject,
  DIMENSION_LABELS,
  topCause,
} from './labels';

/** Props of {@link AnomaliesSection}. */
export interface AnomaliesSectionProps {
  /** The answer of the anomalies hook. */
  state: {
    value?: AnomalyList;
    loading: boolean;
    error?: Error;
    retry: () => void;
  };
  /** The entity the page is about: anomalies of other entities name theirs. */
  entityRef?: string;
  /** The anomaly shown in the dialog, if any (chosen here, on the chart, or by a link). */
  selected?: string;
  onSelect: (id: string | undefined) => void;
  /** What the period is, for the empty state ("in the last 90 days"). */
  periodText?: string;
}

const canChange = (a: Anomaly, list?: AnomalyList) =>
  Boolean(a.canUpdate ?? list?.canUpdate);

/**
 * The anomalies of an entity (its members' included) or of the organization:
 * the days, what rose, expected against actual, the largest cause, the
 * status; each opens onto its explanation and triage.
 */
export const AnomaliesSection = ({
  state,
  entityRef,
  selected,
  onSelect,
  periodText,
}: AnomaliesSectionProps) => {
  const api = useApi(finopsApiRef);
  const { value, loading, error, retry } = state;
  const [updated, setUpdated] = useState<Record<string, Anomaly>>({});
  const items = (value?.items ?? []).map(a => updated[a.id] ?? a);
  const listed = items.find(a => a.id === selected);
  // a link (a notification's) may name one outside the period shown
  const fetched = useAsync(async () => {
    if (!selected || !value || listed) return undefined;
    return api.getAnomaly(selected);
  }, [api, selected, Boolean(value), Boolean(listed)]);
  if (error && isNotAllowed(error)) return null;
  const open =
    listed ?? (fetched.value && (updated[fetched.value.id] ?? fetched.value));
  const counts = value?.counts;
  return (
    <Paper variant="outlined" data-testid="finops-anomalies">
      <Box p={2}>
        <Typography variant="h5" component="h2">
          Anomalies
        </Typography>
        {counts && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="finops-anomaly-counts"
            data-new={counts.new}
          >
            {(
              [
                'new',
                'acknowledged',
                'resolved',
                'expected',
                'not-anomaly',
              ] as const
            )
              .filter(s => counts[s] > 0)
              .map(
                s => `${counts[s]} ${ANOMALY_STATUS_LABELS[s].toLowerCase()}`,
              )
              .join(' · ') || 'None'}
            {periodText ? ` ${periodText}` : ''}. Days on which cost rose well
            above what the same weekdays of the four weeks before predicted.
          </Typography>
        )}
      </Box>
      {loading && <Progress />}
      {error && !isNotAllowed(error) && <CostErrorPanel error={error} />}
      {value && items.length === 0 && (
        <Box px={2} pb={2}>
          <Typography variant="body2" data-testid="finops-anomalies-empty">
            No anomaly{periodText ? ` ${periodText}` : ''}: every day’s cost
            stayed within the range its recent weeks predict. Anomalies are
            detected after each attribution run and sent to the owning team.
          </Typography>
        </Box>
      )}
      {items.length > 0 && (
        <Box style={{ overflowX: 'auto' }}>
          <Table size="small" aria-label="Anomalies, newest first">
            <TableHead>
              <TableRow>
                <TableCell>Days</TableCell>
                <TableCell>On</TableCell>
                <TableCell align="right">Expected</TableCell>
                <TableCell align="right">Actual</TableCell>
                <TableCell align="right">Impact</TableCell>
                <TableCell>Largest cause</TableCell>
                <TableCell>Status</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(a => {
                const cause = topCause(a);
                return (
                  <TableRow
                    key={a.id}
                    hover
                    data-testid="finops-anomaly"
                    data-id={a.id}
                    data-day={a.day}
                    data-entity={a.entityRef}
                    data-impact={a.impact}
                  >
                    <TableCell style={{ whiteSpace: 'nowrap' }}>
                      <Link
                        component="button"
                        variant="body2"
                        onClick={() => onSelect(a.id)}
                        data-testid="finops-anomaly-open"
                        aria-label={`Explain the anomaly of ${anomalyDays(
                          a,
                          formatDay,
                        )}`}
                      >
                        {anomalyDays(a, formatDay)}
                      </Link>
                    </TableCell>
                    <TableCell style={{ wordBreak: 'break-all' }}>
                      {anomalySubject(a)}
                      {a.entityRef !== entityRef && (
                        <>
                          {' · '}
                          <EntityRefLink entityRef={a.entityRef} />
                        </>
                      )}
                    </TableCell>
                    <TableCell align="right">
                      {formatMoney(a.expected, a.currency)}
                    </TableCell>
                    <TableCell align="right">
                      {formatMoney(a.actual, a.currency)}
                    </TableCell>
                    <TableCell align="right">
                      {formatMoney(a.impact, a.currency)}
                    </TableCell>
                    <TableCell style={{ wordBreak: 'break-all' }}>
                      {cause
                        ? `${DIMENSION_LABELS[cause.dimension]} ${
                            cause.value
                          } +${formatMoney(cause.contribution, a.currency)}`
                        : '—'}
                    </TableCell>
                    <TableCell>
                      <AnomalyStatusChip anomaly={a} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
      {value && value.more > 0 && (
        <Box p={2}>
          <Typography variant="caption" color="textSecondary">
            {value.more} older anomalies are not shown.
          </Typography>
        </Box>
      )}
      {open && (
        <AnomalyDialog
          anomaly={open}
          canUpdate={canChange(open, value)}
          onClose={() => onSelect(undefined)}
          onChanged={a => {
            setUpdated(u => ({ ...u, [a.id]: a }));
            retry();
          }}
        />
      )}
    </Paper>
  );
};

/**
 * The anomalies section with its own data and selection: for the team view
 * (an entity and its members) and the FinOps page (every anomaly the caller
 * may read, without an entity).
 */
export const AnomaliesPanel = ({
  entityRef,
  range,
  periodText,
}: {
  entityRef?: string;
  /** Null while the period is not known yet. */
  range?: { from: string; to: string } | null;
  periodText?: string;
}) => {
  const state = useAnomalies(entityRef, range);
  const [selected, setSelected] = useState<string>();
  return (
    <AnomaliesSection
      state={state}
      entityRef={entityRef}
      selected={selected}
      onSelect={setSelected}
      periodText={periodText}
    />
  );
};
