import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import EqualizerIcon from '@material-ui/icons/Equalizer';
import type {
  BenchmarkFigure,
  BenchmarkResponse,
} from '@costwise/plugin-finops-common';
import { percentileClaim } from '../unit/labels';
import { useClaimStyles } from '../unit/useClaimStyles';

/**
 * The figure the card speaks of: the unit cost's when the card shows a unit
 * cost (and none when that one cannot be ranked, so that a badge never sits
 * beside a figure it does not rank), else the monthly cost's.
 */
export function headlineFigure(
  benchmark: BenchmarkResponse,
  nextTo: 'unitCost' | 'monthlyCost' = 'monthlyCost',
): BenchmarkFigure | undefined {
  if (benchmark.notEnoughPeers) return undefined;
  const figure = benchmark.figures.find(f => f.dimension === nextTo);
  return figure && percentileClaim(figure) ? figure : undefined;
}

/** "cheaper than 80% of peers", with the full verdict a hover or focus away. */
export const PercentileBadge = ({
  benchmark,
  nextTo = 'monthlyCost',
}: {
  benchmark: BenchmarkResponse;
  /** The figure the badge sits beside, which it ranks. */
  nextTo?: 'unitCost' | 'monthlyCost';
}) => {
  const classes = useClaimStyles();
  const figure = headlineFigure(benchmark, nextTo);
  if (!figure) return null;
  const claim = percentileClaim(figure)!;
  const label =
    nextTo === 'monthlyCost' ? `monthly cost ${claim.text}` : claim.text;
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
