import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  BUDGET_PERIODS,
  type BudgetAdherenceFigures,
  type BudgetPeriod,
  type BudgetStatus,
} from '@costwise/plugin-finops-common';
import { useState, type FormEvent } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { finopsApiRef } from '../../api';
import { CostErrorPanel, isNotAllowed } from '../shared/CostErrorPanel';
import { formatMoney, formatShare } from '../shared/format';
import { BudgetStatusChip } from './BudgetStatusChip';
import { budgetText } from './labels';
import { WordTable } from '../shared/WordTable';

/** "7 of 9 budgets on track (78%)". */
function adherenceText(a: BudgetAdherenceFigures): string {
  if (a.total === 0) return 'No budget to compare yet.';
  return `${a.onTrack} of ${a.total} budgets on track${
    a.share === null ? '' : ` (${formatShare(a.share, 0)})`
  }.`;
}

/** Budgets in their current periods: entity, budget, spent, forecast, status. */
export const BudgetsTable = ({
  items,
  adherence,
  hidden,
  title,
  testId,
  onRemove,
}: {
  items: BudgetStatus[];
  adherence: BudgetAdherenceFigures;
  hidden?: number;
  title: string;
  testId: string;
  /** For admins: removes an admin's budget. */
  onRemove?: (entityRef: string) => void;
}) => (
  <Paper variant="outlined" data-testid={testId}>
    <Box p={2}>
      <Typography variant="h5" component="h2">
        {title}
      </Typography>
      <Typography
        variant="body2"
        color="textSecondary"
        data-testid="finops-budget-adherence"
        data-on-track={adherence.onTrack}
        data-total={adherence.total}
      >
        {adherenceText(adherence)}
        {hidden
          ? ` ${hidden} budgets of entities you may not read are left out.`
          : ''}
      </Typography>
    </Box>
    {items.length === 0 ? (
      <Box px={2} pb={2}>
        <Typography variant="body2">
          No budgets yet. Give a Component, System or Group the annotation{' '}
          <code>costwise.dev/budget: 1200 USD monthly</code> (or quarterly,
          yearly), or ask a FinOps admin to set one.
        </Typography>
      </Box>
    ) : (
      <Box style={{ overflowX: 'auto' }}>
        <WordTable size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Budget</TableCell>
              <TableCell>Period</TableCell>
              <TableCell align="right">Spent</TableCell>
              <TableCell align="right">Forecast</TableCell>
              <TableCell>Status</TableCell>
              {onRemove && <TableCell>Set by</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(s => (
              <TableRow
                key={s.budget.entityRef}
                data-testid="finops-budget-row"
                data-entity={s.budget.entityRef}
                data-status={s.status}
                data-spent={s.spent}
              >
                <TableCell>
                  <EntityRefLink entityRef={s.budget.entityRef} />
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {budgetText(s.budget)}
                </TableCell>
                <TableCell>{s.period.label}</TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(s.spent, s.budget.currency)} (
                  {formatShare(s.shareSpent, 0)})
                </TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(s.forecast.amount, s.budget.currency)}
                </TableCell>
                <TableCell>
                  <BudgetStatusChip status={s.status} />
                </TableCell>
                {onRemove && (
                  <TableCell>
                    {s.budget.source === 'admin' ? (
                      <>
                        {s.budget.setBy ?? 'an admin'}{' '}
                        <Button
                          size="small"
                          onClick={() => onRemove(s.budget.entityRef)}
                          aria-label={`Remove the budget of ${s.budget.entityRef}`}
                        >
                          Remove
                        </Button>
                      </>
                    ) : (
                      'annotation'
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </WordTable>
      </Box>
    )}
  </Paper>
);

/** A team's own budget and its systems' and components' budgets. */
export const TeamBudgets = ({ teamRef }: { teamRef: string }) => {
  const api = useApi(finopsApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.getTeamBudgets(teamRef),
    [api, teamRef],
  );
  if (loading && !value) return <Progress />;
  if (error)
    return isNotAllowed(error) ? null : <CostErrorPanel error={error} />;
  if (!value) return null;
  return (
    <BudgetsTable
      items={value.items}
      adherence={value.adherence}
      hidden={value.hiddenBudgets}
      title="Budgets"
      testId="finops-team-budgets"
    />
  );
};

/** An admin's form to set the budget of an entity whose catalog file the team does not control. */
const SetBudgetForm = ({ onSaved }: { onSaved: () => void }) => {
  const api = useApi(finopsApiRef);
  const [entityRef, setEntityRef] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('');
  const [period, setPeriod] = useState<BudgetPeriod>('monthly');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.setBudget({
        entityRef: entityRef.trim(),
        amount: amount.trim(),
        period,
        ...(currency.trim() ? { currency: currency.trim().toUpperCase() } : {}),
      });
      setEntityRef('');
      setAmount('');
      onSaved();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <Box
      component="form"
      onSubmit={submit}
      p={2}
      display="flex"
      flexWrap="wrap"
      gridGap={12}
      alignItems="flex-end"
      data-testid="finops-budget-form"
    >
      <TextField
        id="finops-budget-entity"
        label="Entity (component:default/name)"
        value={entityRef}
        onChange={e => setEntityRef(e.target.value)}
        required
      />
      <TextField
        id="finops-budget-amount"
        label="Amount"
        value={amount}
        onChange={e => setAmount(e.target.value)}
        required
        inputProps={{ inputMode: 'decimal', pattern: '[0-9]+(\\.[0-9]+)?' }}
      />
      <TextField
        id="finops-budget-currency"
        label="Currency (default: the configured one)"
        value={currency}
        onChange={e => setCurrency(e.target.value)}
      />
      <TextField
        id="finops-budget-period"
        select
        label="Period"
        value={period}
        onChange={e => setPeriod(e.target.value as BudgetPeriod)}
      >
        {BUDGET_PERIODS.map(p => (
          <MenuItem key={p} value={p}>
            {p}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" variant="outlined" color="primary">
        Set budget
      </Button>
      {error && (
        <Box width="100%">
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </Box>
  );
};

/** Every budget the caller may read (the FinOps page); admins set and remove them here. */
export const OrganizationBudgets = () => {
  const api = useApi(finopsApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listBudgets(),
    [api],
  );
  if (loading && !value) return <Progress />;
  if (error)
    return isNotAllowed(error) ? null : <CostErrorPanel error={error} />;
  if (!value) return null;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <BudgetsTable
        items={value.items}
        adherence={value.adherence}
        hidden={value.hiddenBudgets}
        title="Budgets"
        testId="finops-budgets"
        onRemove={
          value.canAdminister
            ? ref => {
                api.removeBudget(ref).then(retry, retry);
              }
            : undefined
        }
      />
      {value.canAdminister && (
        <Paper variant="outlined">
          <SetBudgetForm onSaved={retry} />
        </Paper>
      )}
    </Box>
  );
};
