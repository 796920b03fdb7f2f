import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { statusColors } from '../shared/statusColors';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import TrendingFlat from '@material-ui/icons/TrendingFlat';
import type { UnitCostTrend as Trend } from '@costwise/plugin-finops-common';
import { formatShare, formatUnitMoney } from '../shared/format';

const useStyles = makeStyles(theme => ({
  // a dearer unit is bad news and a cheaper one good news
  up: { color: statusColors(theme).bad },
  down: { color: statusColors(theme).good },
  flat: { color: theme.palette.text.secondary },
  icon: { fontSize: '1rem', marginRight: theme.spacing(0.25) },
}));

const WORDS = { up: 'rising', down: 'falling', flat: 'flat' } as const;

/**
 * What the trend compares, as the API computes it everywhere: the line
 * fitted through the unit cost of every whole period with usage, from its
 * first value to its last; not the first day against the last.
 */
export function trendExplanation(
  trend: Trend,
  period: 'day' | 'month',
): string {
  const periods = `${trend.periods} ${period}${trend.periods === 1 ? '' : 's'}`;
  if (trend.periods < 2)
    return `Too few ${period}s with usage (${periods}) to draw a trend.`;
  return `The least-squares line through the unit cost of the ${periods} with usage${
    period === 'month' ? ' (partial months left out)' : ''
  }, from its first ${period} to its last. Under 2% either way is flat.`;
}

/** "↓ −12.5%": the unit cost's direction over the period and by how much. */
export const UnitCostTrend = ({
  trend,
  currency,
  testId = 'finops-unit-trend',
  period = 'day',
}: {
  trend: Trend;
  currency: string;
  testId?: string;
  /** What the series' points are: days or months. */
  period?: 'day' | 'month';
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
  const explanation = trendExplanation(trend, period);
  return (
    <Tooltip title={explanation}>
      <Box
        component="span"
        display="inline-flex"
        alignItems="center"
        className={classes[direction]}
        data-testid={testId}
        data-direction={direction}
        aria-label={`Unit cost ${WORDS[direction]}${
          amount ? ` ${amount}` : ''
        }. ${explanation}`}
        role="img"
        tabIndex={0}
      >
        <Icon className={classes.icon} aria-hidden />
        <Typography variant="body2" component="span" color="inherit">
          {amount || WORDS[direction]}
        </Typography>
      </Box>
    </Tooltip>
  );
};
