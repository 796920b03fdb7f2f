import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatLongDay, formatMoney } from './format';

/**
 * The period's total in the response's currency. The exact amount and
 * currency ride along as data attributes, so that a browser test can compare
 * the figure with the API whatever the viewer's locale.
 */
export const TotalHeader = ({
  label,
  total,
  currency,
  from,
  to,
  measureLabel,
  testId,
}: {
  label: string;
  total: string;
  currency: string;
  from: string;
  to: string;
  measureLabel: string;
  testId: string;
}) => (
  <Box>
    <Typography variant="overline" color="textSecondary" component="h2">
      {label}
    </Typography>
    <Typography
      variant="h3"
      component="p"
      data-testid={testId}
      data-amount={total}
      data-currency={currency}
    >
      {formatMoney(total, currency)}
    </Typography>
    <Typography variant="body2" color="textSecondary">
      {formatLongDay(from)} – {formatLongDay(to)} · {measureLabel}
    </Typography>
  </Box>
);
