import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ANOMALY_DIMENSIONS,
  type Anomaly,
  type AnomalyRootCause,
} from '@costwise/plugin-finops-common';
import { useState } from 'react';
import { finopsApiRef } from '../../api';
import {
  formatInstant,
  formatLongDay,
  formatMoney,
  isZero,
} from '../shared/format';
import { AnomalyStatusChip } from './AnomalyStatusChip';
import {
  ANOMALY_ACTIONS,
  ANOMALY_ACTIONS_BY_STATUS,
  ANOMALY_STATUS_LABELS,
  anomalyDays,
  anomalySubject,
  DIMENSION_LABELS,
  type AnomalyAction,
} from './labels';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** An amount without a minus sign on zero: "-0.00" reads as a fall. */
const money = (amount: string, currency: string) =>
  formatMoney(isZero(amount) ? '0' : amount, currency);

/** Root causes per dimension, largest rise first, the first few of each. */
function byDimension(causes: AnomalyRootCause[], per = 3) {
  return ANOMALY_DIMENSIONS.map(dimension => ({
    dimension,
    causes: causes
      .filter(c => c.dimension === dimension)
      .sort((a, b) => Number(b.contribution) - Number(a.contribution))
      .slice(0, per),
  })).filter(d => d.causes.length > 0);
}

const Figure = ({
  label,
  amount,
  currency,
  testId,
}: {
  label: string;
  amount: string;
  currency: string;
  testId: string;
}) => (
  <Box minWidth={120}>
    <Typography variant="caption" color="textSecondary">
      {label}
    </Typography>
    <Typography variant="h6" data-testid={testId} data-amount={amount}>
      {formatMoney(amount, currency)}
    </Typography>
  </Box>
);

/**
 * One anomaly explained: what was expected and what came, what moved it (by
 * service, resource, region, SKU, account), new resources, usage against
 * price, its history, and the triage steps the caller may take.
 */
export const AnomalyDialog = ({
  anomaly,
  canUpdate,
  onClose,
  onChanged,
}: {
  anomaly: Anomaly;
  canUpdate: boolean;
  onClose: () => void;
  onChanged: (updated: Anomaly) => void;
}) => {
  const api = useApi(finopsApiRef);
  const [action, setAction] = useState<AnomalyAction>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const { currency } = anomaly;
  const send = async () => {
    if (!action) return;
    setSending(true);
    setError(undefined);
    try {
      const updated = await api.updateAnomalyStatus(anomaly.id, {
        status: action.to,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setAction(undefined);
      setNote('');
      onChanged(updated);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending(false);
    }
  };
  const actions = canUpdate
    ? ANOMALY_ACTIONS_BY_STATUS[anomaly.status] ?? []
    : [];
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="finops-anomaly-title"
    >
      <DialogTitle id="finops-anomaly-title" data-testid="finops-anomaly-title">
        Anomaly on {anomalyDays(anomaly, formatLongDay)}:{' '}
        {anomalySubject(anomaly)}
      </DialogTitle>
      <DialogContent data-testid="finops-anomaly-dialog" data-id={anomaly.id}>
        <Box display="flex" alignItems="center" gridGap={8} mb={1}>
          <AnomalyStatusChip anomaly={anomaly} />
          <Typography variant="body2" color="textSecondary">
            on <EntityRefLink entityRef={anomaly.entityRef} />
          </Typography>
        </Box>
        <Typography
          variant="body1"
          paragraph
          data-testid="finops-anomaly-explanation"
        >
          {anomaly.explanation}
        </Typography>
        <Box display="flex" flexWrap="wrap" gridGap={24} mb={2}>
          <Figure
            label="Expected"
            amount={anomaly.expected}
            currency={currency}
            testId="finops-anomaly-expected"
          />
          <Figure
            label="Actual"
            amount={anomaly.actual}
            currency={currency}
            testId="finops-anomaly-actual"
          />
          <Figure
            label="Impact"
            amount={anomaly.impact}
            currency={currency}
            testId="finops-anomaly-impact"
          />
        </Box>
        <Typography variant="caption" color="textSecondary" paragraph>
          Expected is what the same weekdays of the four weeks before predicted
          (their median); impact is actual less expected
          {anomaly.days > 1 ? `, over its ${anomaly.days} days` : ''}.
        </Typography>
        {anomaly.rootCauses.length > 0 && (
          <>
            <Typography variant="h6" component="h3">
              What moved
            </Typography>
            <Table size="small" aria-label="Root causes by dimension">
              <TableHead>
                <TableRow>
                  <TableCell style={NOWRAP}>Dimension</TableCell>
                  <TableCell>Value</TableCell>
                  <TableCell align="right" style={NOWRAP}>
                    Before (same days)
                  </TableCell>
                  <TableCell align="right" style={NOWRAP}>
                    Actual
                  </TableCell>
                  <TableCell align="right" style={NOWRAP}>
                    Contribution
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {byDimension(anomaly.rootCauses).flatMap(group =>
                  group.causes.map((cause, i) => (
                    <TableRow
                      key={`${group.dimension}:${cause.value}`}
                      data-testid="finops-anomaly-cause"
                      data-dimension={cause.dimension}
                      data-value={cause.value}
                      data-contribution={cause.contribution}
                    >
                      <TableCell style={NOWRAP}>
                        {i === 0 ? DIMENSION_LABELS[group.dimension] : ''}
                      </TableCell>
                      <TableCell style={{ wordBreak: 'break-all' }}>
                        {cause.dimension === 'entity' ? (
                          <EntityRefLink entityRef={cause.value} />
                        ) : (
                          cause.value
                        )}
                        {cause.new ? ' (new)' : ''}
                      </TableCell>
                      <TableCell align="right" style={NOWRAP}>
                        {formatMoney(cause.expected, currency)}
                      </TableCell>
                      <TableCell align="right" style={NOWRAP}>
                        {formatMoney(cause.actual, currency)}
                      </TableCell>
                      <TableCell align="right" style={NOWRAP}>
                        {formatMoney(cause.contribution, currency)}
                      </TableCell>
                    </TableRow>
                  )),
                )}
              </TableBody>
            </Table>
          </>
        )}
        {anomaly.newResources.length > 0 && (
          <Box mt={2} data-testid="finops-anomaly-new-resources">
            <Typography variant="subtitle2">New resources</Typography>
            {anomaly.newResources.map(r => (
              <Typography key={r.resourceId} variant="body2">
                {r.resourceId} ({r.service}): {formatMoney(r.cost, currency)}
              </Typography>
            ))}
          </Box>
        )}
        {anomaly.usageVsPrice && (
          <Box mt={2} data-testid="finops-anomaly-usage-price">
            <Typography variant="subtitle2">Usage or price</Typography>
            <Typography variant="body2">
              Usage volume {money(anomaly.usageVsPrice.usage, currency)} · unit
              price {money(anomaly.usageVsPrice.price, currency)} · lines
              without quantities {money(anomaly.usageVsPrice.other, currency)}{' '}
              (over {anomaly.usageVsPrice.lines} resource lines with
              quantities).
            </Typography>
          </Box>
        )}
        {anomaly.parents.length > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 16 }}
          >
            Also part of the cost of{' '}
            {anomaly.parents.map((p, i) => (
              <span key={p}>
                {i > 0 ? ', ' : ''}
                <EntityRefLink entityRef={p} />
              </span>
            ))}
            ; it is reported here only.
          </Typography>
        )}
        <Box mt={2}>
          <Typography variant="subtitle2">History</Typography>
          {anomaly.statusHistory.map(change => (
            <Typography
              key={`${change.at}-${change.to}`}
              variant="body2"
              color="textSecondary"
            >
              {formatInstant(change.at)}:{' '}
              {change.from
                ? `${ANOMALY_STATUS_LABELS[change.from]} → `
                : 'detected, '}
              {ANOMALY_STATUS_LABELS[change.to]} by {change.actor}
              {change.note ? ` (“${change.note}”)` : ''}
            </Typography>
          ))}
        </Box>
        {action && (
          <Box mt={2} data-testid="finops-anomaly-confirm">
            <Typography variant="body2" paragraph>
              <strong>{action.label}:</strong> {action.meaning}
            </Typography>
            <TextField
              id="finops-anomaly-note"
              label="Note (optional)"
              value={note}
              onChange={e => setNote(e.target.value)}
              fullWidth
              multiline
              inputProps={{ maxLength: 2000 }}
            />
          </Box>
        )}
        {error && (
          <Box mt={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        {action ? (
          <>
            <Button onClick={() => setAction(undefined)}>Back</Button>
            <Button
              color="primary"
              variant="contained"
              disabled={sending}
              onClick={send}
              data-testid="finops-anomaly-send"
            >
              {action.label}
            </Button>
          </>
        ) : (
          <>
            {actions.map(id => (
              <Button
                key={id}
                variant="outlined"
                onClick={() => setAction(ANOMALY_ACTIONS[id])}
                data-testid={`finops-anomaly-${id}`}
              >
                {ANOMALY_ACTIONS[id].label}
              </Button>
            ))}
            <Button onClick={onClose}>Close</Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
};
