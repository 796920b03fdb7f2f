import Chip from '@material-ui/core/Chip';
import type { BudgetState } from '@costwise/plugin-finops-common';
import { BUDGET_STATE_LABELS } from './labels';

const COLOR: Record<BudgetState, 'primary' | 'secondary' | 'default'> = {
  'on-track': 'primary',
  'at-risk': 'default',
  over: 'secondary',
  'currency-mismatch': 'default',
};

/** A budget's status; the words carry it, the colour only helps. */
export const BudgetStatusChip = ({ status }: { status: BudgetState }) => (
  <Chip
    size="small"
    variant={status === 'over' ? 'default' : 'outlined'}
    color={COLOR[status]}
    label={BUDGET_STATE_LABELS[status] ?? status}
    data-testid="finops-budget-status"
    data-status={status}
  />
);
