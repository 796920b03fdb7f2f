import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { statusColors } from '../shared/statusColors';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import type { EntityCostSummary } from '@costwise/plugin-finops-common';
import { formatMoney, formatShare, isNegative, isZero } from '../shared/format';

const useStyles = makeStyles(theme => ({
  // more cost is bad news and less is good news, whatever the theme
  up: { color: statusColors(theme).bad },
  down: { color: statusColors(theme).good },
  flat: { color: theme.palette.text.secondary },
  icon: { fontSize: '1rem', marginRight: theme.spacing(0.5) },
  context: { marginLeft: theme.spacing(0.5) },
}));

/** Month to date against the same days of last month: arrow, amount and ratio. */
export const ChangeIndicator = ({
  change,
  currency,
}: {
  change: EntityCostSummary['change'];
  currency: string;
}) => {
  const classes = useStyles();
  const flat = isZero(change.amount);
  const down = !flat && isNegative(change.amount);
  let sign = '+';
  let className = classes.up;
  if (flat) {
    sign = '';
    className = classes.flat;
  } else if (down) {
    sign = '−';
    className = classes.down;
  }
  const amount = formatMoney(change.amount.replace(/^\s*-/, ''), currency);
  const ratio =
    change.ratio === null
      ? ''
      : ` (${sign}${formatShare(Math.abs(change.ratio))})`;
  return (
    <Box
      display="flex"
      alignItems="center"
      className={className}
      data-testid="finops-change"
    >
      {!flat && down && (
        <ArrowDownward className={classes.icon} titleAccess="Down" />
      )}
      {!flat && !down && (
        <ArrowUpward className={classes.icon} titleAccess="Up" />
      )}
      <Typography variant="body2" component="span" color="inherit">
        {`${sign}${amount}${ratio}`}
      </Typography>
      <Typography
        variant="body2"
        component="span"
        color="textSecondary"
        className={classes.context}
      >
        vs same days last month
      </Typography>
    </Box>
  );
};
