import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import EqualizerIcon from '@material-ui/icons/Equalizer';
import type {
  BenchmarkFigure,
  BenchmarkResponse,
} from '@costwise/plugin-finops-common';
import { percentileClaim } from '../unit/labels';
import { useClaimStyles } from '../unit/useClaimStyles';

/** The figure the card speaks of: unit cost when the entity has one, else monthly cost. */
export function headlineFigure(
  benchmark: BenchmarkResponse,
): BenchmarkFigure | undefined {
  if (benchmark.notEnoughPeers) return undefined;
  const usable = benchmark.figures.filter(f => percentileClaim(f));
  return (
    usable.find(f => f.dimension === 'unitCost') ??
    usable.find(f => f.dimension === 'monthlyCost')
  );
}

/** "cheaper than 80% of peers", with the full verdict a hover or focus away. */
export const PercentileBadge = ({
  benchmark,
}: {
  benchmark: BenchmarkResponse;
}) => {
  const classes = useClaimStyles();
  const figure = headlineFigure(benchmark);
  if (!figure) return null;
  const claim = percentileClaim(figure)!;
  const label = claim.text;
  return (
    <Tooltip title={figure.verdict} arrow>
      <Chip
        size="small"
        variant="outlined"
        icon={<EqualizerIcon style={{ color: 'inherit' }} />}
        className={claim.good ? classes.good : classes.bad}
        label={label}
        tabIndex={0}
        aria-label={`Peer benchmark: ${label}. ${figure.verdict}`}
        data-testid="finops-percentile"
        data-dimension={figure.dimension}
        data-good={claim.good}
      />
    </Tooltip>
  );
};
