import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  KpiTarget,
  KpiTargetChange,
  KpiValue,
  TeamScorecard,
} from '@costwise/plugin-finops-common';
import { useState, type FormEvent } from 'react';
import { finopsApiRef } from '../../api';
import { SelectPicker } from '../controls/SelectPicker';
import { errorMessage } from '../recommendations/labels';
import {
  formatKpiNumber,
  fromInputValue,
  inputUnitLabel,
  toInputValue,
} from './kpiFormat';

/** The scope of an organization-wide target; teams are entity refs, never this. */
const ORGANIZATION = '(organization)';

/** The target a scope has now: its stored one, else what its figures say. */
function currentTarget(
  kpi: KpiValue,
  scope: string,
  teams: TeamScorecard[],
  targets: KpiTarget[],
): number | null {
  const stored = targets.find(
    t => t.kpi === kpi.id && (t.team ?? ORGANIZATION) === scope,
  );
  if (stored) return stored.target;
  if (scope === ORGANIZATION) return kpi.target;
  const team = teams.find(t => t.team === scope);
  return team?.kpis.find(k => k.id === kpi.id)?.target ?? kpi.target;
}

/**
 * Changes a KPI's target for the organization or for one team. The value is
 * typed in the unit people read (a percentage for ratios); the backend has
 * the last word and its refusal is shown here, not lost.
 */
export const TargetDialog = ({
  kpi,
  currency,
  teams,
  targets,
  onClose,
  onSaved,
}: {
  kpi: KpiValue;
  currency: string;
  teams: TeamScorecard[];
  /** The stored targets, when known: the teams' overrides are listed. */
  targets: KpiTarget[];
  onClose: () => void;
  onSaved: (stored: KpiTarget) => void;
}) => {
  const api = useApi(finopsApiRef);
  const [scope, setScope] = useState(ORGANIZATION);
  const [text, setText] = useState(() =>
    toInputValue(currentTarget(kpi, ORGANIZATION, teams, targets), kpi.unit),
  );
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const titleId = `finops-target-title-${kpi.id}`;
  const value = fromInputValue(text, kpi.unit);
  const invalid = value !== null && Number.isNaN(value);
  const overrides = targets.filter(t => t.kpi === kpi.id && t.team);
  const teamTitle = (ref: string) =>
    teams.find(t => t.team === ref)?.title ?? ref;

  const changeScope = (next: string) => {
    setScope(next);
    setError(undefined);
    setText(toInputValue(currentTarget(kpi, next, teams, targets), kpi.unit));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid || sending) return;
    const change: KpiTargetChange = { kpi: kpi.id, target: value };
    if (scope !== ORGANIZATION) change.team = scope;
    setSending(true);
    setError(undefined);
    try {
      onSaved(await api.setKpiTarget(change));
    } catch (e) {
      setError(errorMessage(e as Error));
      setSending(false);
    }
  };

  const side = kpi.better === 'higher' ? 'at least' : 'at most';
  const removal =
    scope === ORGANIZATION
      ? 'the default target applies again'
      : "the organization's target applies to the team";
  return (
    <Dialog
      open
      onClose={sending ? undefined : onClose}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
      data-testid="finops-target-dialog"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Target for {kpi.title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{kpi.description}</DialogContentText>
          <Box display="flex" flexDirection="column" gridGap={16}>
            <SelectPicker
              id="finops-target-scope"
              label="Applies to"
              value={scope}
              onChange={changeScope}
              options={[
                { value: ORGANIZATION, label: 'The organization' },
                ...teams.map(t => ({ value: t.team, label: t.title })),
              ]}
            />
            <TextField
              id="finops-target-value"
              label="Target"
              variant="outlined"
              size="small"
              value={text}
              onChange={e => setText(e.target.value)}
              error={invalid}
              helperText={
                invalid
                  ? 'Enter a number, or leave it empty to remove the target.'
                  : `Met when the value is ${side} this. Leave it empty to remove the target: ${removal}.`
              }
              InputProps={{
                endAdornment: (
                  <InputAdornment position="end">
                    {inputUnitLabel(kpi.unit, currency)}
                  </InputAdornment>
                ),
              }}
              inputProps={{
                inputMode: 'decimal',
                'data-testid': 'finops-target-input',
              }}
            />
            {overrides.length > 0 && (
              <Box>
                <Typography variant="subtitle2" component="h3">
                  Teams with their own target
                </Typography>
                <ul style={{ margin: 0, paddingLeft: '1.25em' }}>
                  {overrides.map(t => (
                    <li key={t.team}>
                      <Typography variant="body2">
                        {teamTitle(t.team!)}:{' '}
                        {t.target === null
                          ? 'no target'
                          : formatKpiNumber(t.target, kpi.unit, currency)}
                      </Typography>
                    </li>
                  ))}
                </ul>
              </Box>
            )}
            {error && (
              <Alert severity="error" data-testid="finops-target-error">
                {error}
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
            disabled={invalid || sending}
            data-testid="finops-target-save"
          >
            {sending ? 'Saving…' : 'Save target'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
