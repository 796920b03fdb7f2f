import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import ArrowUpward from '@material-ui/icons/ArrowUpward';
import TrendingFlat from '@material-ui/icons/TrendingFlat';
import type { KpiValue } from '@costwise/plugin-finops-common';
import { statusColors } from '../shared/statusColors';
import { directionIsGood } from './kpiFormat';

const useStyles = makeStyles(theme => ({
  good: { color: statusColors(theme).good },
  bad: { color: statusColors(theme).bad },
  neutral: { color: theme.palette.text.secondary },
  icon: { fontSize: '1.1rem' },
}));

const WORDS = { up: 'Up', down: 'Down', flat: 'Flat' } as const;

/**
 * Which way the KPI moved against the month before, and whether that is
 * good news for it: coverage going up is, time to action going up is not.
 */
export const KpiDirection = ({ kpi }: { kpi: KpiValue }) => {
  const classes = useStyles();
  const { direction } = kpi;
  if (!direction) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        component="span"
        data-testid="finops-kpi-direction"
        data-direction=""
      >
        <span aria-hidden>–</span>
        <Typography variant="srOnly">No change known</Typography>
      </Typography>
    );
  }
  const good = directionIsGood(kpi);
  // eslint-disable-next-line no-nested-ternary
  const tone = good === null ? 'neutral' : good ? 'good' : 'bad';
  // eslint-disable-next-line no-nested-ternary
  const verdict = good === null ? '' : good ? ', better' : ', worse';
  const Icon = { up: ArrowUpward, down: ArrowDownward, flat: TrendingFlat }[
    direction
  ];
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      className={classes[tone]}
      data-testid="finops-kpi-direction"
      data-direction={direction}
    >
      <Icon
        className={classes.icon}
        titleAccess={`${WORDS[direction]} against the month before${verdict}`}
      />
    </Box>
  );
};
