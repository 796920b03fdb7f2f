import Alert from '@material-ui/lab/Alert';
import type { EntityCosts } from '@costwise/plugin-finops-common';
import { formatMoney } from '../shared/format';

/**
 * Unattributed cost that looks like the team's: the count of suggestions
 * waiting for a FinOps admin to confirm them as rules.
 */
export const SuggestionsNote = ({
  suggestions,
}: {
  suggestions?: EntityCosts['suggestions'];
}) => {
  if (!suggestions || suggestions.count === 0) return null;
  const { count, amount, currency } = suggestions;
  return (
    <Alert
      severity="info"
      data-testid="finops-team-suggestions"
      data-count={count}
    >
      {count === 1 ? '1 unattributed cost' : `${count} unattributed costs`} (
      {formatMoney(amount, currency)}) look like this team's, by name or tag. A
      FinOps admin can confirm them as rules; until then they count as
      unattributed, not in the totals below.
    </Alert>
  );
};
