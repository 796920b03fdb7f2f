import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { CostDriver } from '@costwise/plugin-finops-common';
import { formatMoney, formatPeriod, formatShare } from '../shared/format';

const DIMENSIONS: Array<{ dimension: CostDriver['dimension']; title: string }> =
  [
    { dimension: 'service', title: 'By service' },
    { dimension: 'resource', title: 'By resource' },
  ];

/**
 * The services and, apart, the resources that make most of the cost over
 * the stated days, each with its share of that cost: one dimension per
 * list, so that no list adds up to more than the whole.
 */
export const TopDrivers = ({
  drivers,
  currency,
  from,
  to,
}: {
  drivers: CostDriver[];
  currency: string;
  from: string;
  to: string;
}) => {
  if (drivers.length === 0) return null;
  return (
    <Box data-testid="finops-top-drivers" data-from={from} data-to={to}>
      <Typography variant="overline" color="textSecondary" component="h3">
        Top drivers · last 30 days ({formatPeriod(from, to)})
      </Typography>
      {DIMENSIONS.map(({ dimension, title }) => {
        const list = drivers.filter(d => d.dimension === dimension).slice(0, 3);
        if (list.length === 0) return null;
        return (
          <Box key={dimension} mb={1}>
            <Typography
              variant="caption"
              color="textSecondary"
              component="h4"
              id={`finops-drivers-${dimension}`}
            >
              {title}
            </Typography>
            <Box
              component="ul"
              m={0}
              p={0}
              style={{ listStyle: 'none' }}
              aria-labelledby={`finops-drivers-${dimension}`}
              data-testid={`finops-drivers-${dimension}`}
            >
              {list.map(d => (
                <Box
                  component="li"
                  key={`${d.dimension}:${d.key}`}
                  mb={1}
                  data-testid="finops-driver"
                  data-key={d.key}
                  data-amount={d.amount}
                >
                  <Box
                    display="flex"
                    justifyContent="space-between"
                    gridGap={8}
                  >
                    <Typography
                      variant="body2"
                      noWrap
                      title={d.key}
                      style={{ minWidth: 0 }}
                    >
                      {d.label}
                    </Typography>
                    <Typography variant="body2" component="span" noWrap>
                      {formatMoney(d.amount, currency)} · {formatShare(d.share)}
                    </Typography>
                  </Box>
                  <LinearProgress
                    variant="determinate"
                    value={Math.max(0, Math.min(100, d.share * 100))}
                    aria-label={`${d.label}: ${formatShare(
                      d.share,
                    )} of the cost`}
                  />
                </Box>
              ))}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
};
