import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  DISMISS_REASONS,
  type DismissReason,
  type Recommendation,
  type RecommendationDetail,
  type RecommendationStatusChange,
} from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';
import { useState, type FormEvent } from 'react';
import { finopsApiRef } from '../../api';
import { formatMoney } from '../shared/format';
import {
  ACTIONS,
  DISMISS_REASON_LABELS,
  errorMessage,
  resourceLabel,
  type StatusAction,
} from './labels';

const ISO_DAY = 'yyyy-MM-dd';

/** The first day a recommendation may be deferred to: tomorrow, on the viewer's calendar. */
function tomorrow(): string {
  return DateTime.local().plus({ days: 1 }).toFormat(ISO_DAY);
}

/** What the form lacks before it can be sent, per field; none when it is complete. */
function problems(
  action: StatusAction,
  fields: { reason: string; note: string; until: string },
): { reason?: string; note?: string; until?: string } {
  const found: { reason?: string; note?: string; until?: string } = {};
  if (action === 'dismiss') {
    if (!fields.reason) found.reason = 'Choose why it is dismissed.';
    else if (fields.reason === 'other' && !fields.note.trim())
      found.note = 'Say why in a note: the reason is "Other".';
  }
  if (action === 'defer') {
    if (!fields.until) found.until = 'Choose the day it comes back.';
    else if (fields.until < tomorrow())
      found.until = 'Choose a day after today.';
  }
  return found;
}

/**
 * Asks for what a status change needs (a reason to dismiss, a day to defer
 * to, an optional note), sends it and shows the backend's refusal, if any,
 * in the dialog rather than losing it.
 */
export const StatusDialog = ({
  action,
  recommendation,
  onClose,
  onDone,
}: {
  action: StatusAction;
  recommendation: Recommendation;
  onClose: () => void;
  onDone: (updated: RecommendationDetail) => void;
}) => {
  const api = useApi(finopsApiRef);
  const meta = ACTIONS[action];
  const [reason, setReason] = useState<DismissReason | ''>('');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState(() =>
    DateTime.local().plus({ days: 30 }).toFormat(ISO_DAY),
  );
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error>();
  const missing = problems(action, { reason, note, until });
  const complete = Object.keys(missing).length === 0;
  const titleId = `finops-rec-dialog-title-${action}`;
  const label = resourceLabel(recommendation);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!complete || sending) return;
    const change: RecommendationStatusChange = { status: meta.status };
    if (action === 'dismiss' && reason) change.reason = reason;
    if (action === 'defer') change.until = until;
    if (note.trim()) change.note = note.trim();
    setSending(true);
    setError(undefined);
    try {
      const updated = await api.updateRecommendationStatus(
        recommendation.id,
        change,
      );
      onDone(updated);
    } catch (e) {
      setError(e as Error);
      setSending(false);
    }
  };

  return (
    <Dialog
      open
      onClose={sending ? undefined : onClose}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
      data-testid="finops-rec-dialog"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{meta.title}</DialogTitle>
        <DialogContent>
          <DialogContentText component="div">
            <strong>{label}</strong> · {recommendation.subcategory} · saves{' '}
            {formatMoney(
              recommendation.estimatedMonthlySavings,
              recommendation.currency,
            )}
            /month
            <Box mt={1}>{recommendation.description}</Box>
            <Box mt={1}>{meta.explanation}</Box>
          </DialogContentText>
          <Box display="flex" flexDirection="column" gridGap={16}>
            {action === 'dismiss' && (
              <TextField
                id="finops-rec-reason"
                select
                required
                label="Reason"
                variant="outlined"
                size="small"
                value={reason}
                onChange={e => setReason(e.target.value as DismissReason)}
                helperText={missing.reason}
              >
                {DISMISS_REASONS.map(r => (
                  <MenuItem key={r} value={r}>
                    {DISMISS_REASON_LABELS[r]}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {action === 'defer' && (
              <TextField
                id="finops-rec-until"
                type="date"
                required
                label="Defer until"
                variant="outlined"
                size="small"
                value={until}
                onChange={e => setUntil(e.target.value)}
                InputLabelProps={{ shrink: true }}
                inputProps={{ min: tomorrow() }}
                error={Boolean(missing.until)}
                helperText={missing.until ?? 'It is reopened on this day.'}
              />
            )}
            <TextField
              id="finops-rec-note"
              label="Note"
              required={action === 'dismiss' && reason === 'other'}
              multiline
              minRows={2}
              variant="outlined"
              size="small"
              value={note}
              onChange={e => setNote(e.target.value)}
              inputProps={{ maxLength: 2000 }}
              helperText={
                missing.note ?? 'Kept in the history, for whoever looks next.'
              }
            />
            {error && (
              <Alert severity="error" data-testid="finops-rec-error">
                {errorMessage(error)}
              </Alert>
            )}
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={sending}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!complete || sending}
            data-testid="finops-rec-confirm"
          >
            {sending ? 'Saving…' : meta.confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
