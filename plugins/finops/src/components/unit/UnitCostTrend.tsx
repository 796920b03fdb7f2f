import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import TrendingFlat from '@material-ui/icons/TrendingFlat';
import type { UnitCostTrend as Trend } from '@costwise/plugin-finops-common';
import { formatShare, formatUnitMoney } from '../shared/format';

const useStyles = makeStyles(theme => ({
  // a dearer unit is bad news and a cheaper one good news
  up: { color: theme.palette.error.main },
  down: { color: theme.palette.success.main },
  flat: { color: theme.palette.text.secondary },
  icon: { fontSize: '1rem', marginRight: theme.spacing(0.25) },
}));

const WORDS = { up: 'rising', down: 'falling', flat: 'flat' } as const;

/** "↓ −12.5%": the unit cost's direction over the period and by how much. */
export const UnitCostTrend = ({
  trend,
  currency,
  testId = 'finops-unit-trend',
}: {
  trend: Trend;
  currency: string;
  testId?: string;
}) => {
  const classes = useStyles();
  const { direction } = trend;
  const sign = { up: '+', down: '−', flat: '' }[direction];
  let amount = '';
  if (trend.ratio !== null) {
    amount = `${sign}${formatShare(Math.abs(trend.ratio))}`;
  } else if (trend.change !== null) {
    amount = `${sign}${formatUnitMoney(
      trend.change.replace(/^\s*-/, ''),
      currency,
    )}`;
  }
  const Icon = {
    up: ArrowUpward,
    down: ArrowDownward,
    flat: TrendingFlat,
  }[direction];
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      className={classes[direction]}
      data-testid={testId}
      data-direction={direction}
      aria-label={`Unit cost ${WORDS[direction]}${amount ? ` ${amount}` : ''}`}
      role="img"
    >
      <Icon className={classes.icon} aria-hidden />
      <Typography variant="body2" component="span" color="inherit">
        {amount || WORDS[direction]}
      </Typography>
    </Box>
  );
};
