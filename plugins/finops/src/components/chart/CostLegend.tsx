import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatMoney } from '../shared/format';
import type { DrawnSeries } from './chartData';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 2),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: theme.spacing(0.75),
  },
}));

/**
 * The chart's groups with their totals, as text: it names the colours for
 * everyone and carries the figures a screen reader cannot get from the bars.
 */
export const CostLegend = ({
  series,
  currency,
}: {
  series: DrawnSeries[];
  currency: string;
}) => {
  const classes = useStyles();
  return (
    <ul className={classes.list} data-testid="finops-cost-legend">
      {series.map(s => (
        <Box component="li" key={s.dataKey} display="flex" alignItems="center">
          <span
            className={classes.swatch}
            style={{ backgroundColor: s.color }}
            aria-hidden
          />
          <Typography variant="body2" component="span" title={s.key}>
            {s.label}:{' '}
            <Typography variant="body2" component="span" color="textSecondary">
              {formatMoney(s.total, currency)}
            </Typography>
          </Typography>
        </Box>
      ))}
    </ul>
  );
};
