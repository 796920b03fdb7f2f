import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { BUDGET_KINDS } from '@costwise/plugin-finops-common';
import { formatMoney, formatShare } from '../shared/format';
import { BudgetStatusChip } from '../budgets/BudgetStatusChip';
import { budgetText } from '../budgets/labels';
import { useBudget } from '../budgets/useBudget';

/**
 * The card's line on the budget: its status, the share spent and the
 * forecast against it. Nothing while loading, without a budget, or for a
 * caller who may not read it: the Costs tab says how to set one.
 */
export const CardBudget = ({
  entityRef,
  kind,
}: {
  entityRef: string;
  kind: string;
}) => {
  const budgetable = BUDGET_KINDS.includes(kind.toLowerCase());
  const { value } = useBudget(budgetable ? entityRef : undefined);
  const status = budgetable ? value?.current : undefined;
  if (!status) return null;
  const currency = status.budget.currency;
  return (
    <Box
      mt={2}
      display="flex"
      alignItems="center"
      gridGap={8}
      flexWrap="wrap"
      data-testid="finops-card-budget"
      data-status={status.status}
    >
      <Typography variant="body2">
        Budget {budgetText(status.budget)} ({status.period.label}):{' '}
        <strong>{formatShare(status.shareSpent, 0)}</strong> spent (
        {formatMoney(status.spent, currency)}), forecast{' '}
        {formatMoney(status.forecast.amount, currency)}
      </Typography>
      <BudgetStatusChip status={status.status} />
    </Box>
  );
};
