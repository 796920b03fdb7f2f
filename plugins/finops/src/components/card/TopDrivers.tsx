import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { CostDriver } from '@costwise/plugin-finops-common';
import { formatMoney, formatShare } from '../shared/format';

/** The few services or resources that make most of the cost, with their share. */
export const TopDrivers = ({
  drivers,
  currency,
}: {
  drivers: CostDriver[];
  currency: string;
}) => {
  if (drivers.length === 0) return null;
  return (
    <Box data-testid="finops-top-drivers">
      <Typography variant="overline" color="textSecondary" component="h3">
        Top drivers
      </Typography>
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {drivers.slice(0, 5).map(d => (
          <Box component="li" key={`${d.dimension}:${d.key}`} mb={1}>
            <Box display="flex" justifyContent="space-between">
              <Typography variant="body2" noWrap title={d.key}>
                {d.label}{' '}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="span"
                >
                  {d.dimension}
                </Typography>
              </Typography>
              <Typography variant="body2" component="span">
                {formatMoney(d.amount, currency)} · {formatShare(d.share)}
              </Typography>
            </Box>
            <LinearProgress
              variant="determinate"
              value={Math.max(0, Math.min(100, d.share * 100))}
              aria-label={`${d.label}: ${formatShare(d.share)} of the cost`}
            />
          </Box>
        ))}
      </Box>
    </Box>
  );
};
