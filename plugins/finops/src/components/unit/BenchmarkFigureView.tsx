import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type {
  BenchmarkFigure,
  UnitMetric,
} from '@costwise/plugin-finops-common';
import { formatMoney, formatShare, formatUnitMoney } from '../shared/format';
import { DistributionStrip } from './DistributionStrip';
import { dimensionTitle, percentileClaim } from './labels';
import { useClaimStyles } from './useClaimStyles';

/** How a value of the dimension reads: money, money per unit, or a ratio. */
export function figureFormatter(
  figure: BenchmarkFigure,
  currency: string,
): (value: number | string) => string {
  switch (figure.dimension) {
    case 'monthlyCost':
      return v => formatMoney(String(v), currency);
    case 'unitCost':
      return v => formatUnitMoney(String(v), currency);
    default:
      return v => {
        const n = Number(v);
        return `${n > 0 ? '+' : ''}${formatShare(n)}`;
      };
  }
}

const QUARTILES = [
  ['min', 'Min'],
  ['q1', 'Q1'],
  ['median', 'Median'],
  ['q3', 'Q3'],
  ['max', 'Max'],
] as const;

/** One dimension of a benchmark: value, percentile, strip, quartiles, peers. */
export const BenchmarkFigureView = ({
  figure,
  currency,
  unitMetric,
  entityRef,
  subject = 'this entity',
}: {
  figure: BenchmarkFigure;
  currency: string;
  unitMetric: UnitMetric | null;
  /** The benchmarked entity, left out of the named peers. */
  entityRef: string;
  subject?: string;
}) => {
  const classes = useClaimStyles();
  // cheapest first, as the strip reads from left to right
  const peers = figure.peers
    .filter(p => p.entityRef !== entityRef)
    .sort(
      (a, b) => a.value - b.value || a.entityRef.localeCompare(b.entityRef),
    );
  const title = dimensionTitle(figure.dimension, unitMetric);
  const format = figureFormatter(figure, currency);
  const claim = percentileClaim(figure);
  const own = figure.value === null ? 'no value' : format(figure.value);
  return (
    <Box
      data-testid="finops-benchmark-figure"
      data-dimension={figure.dimension}
      display="flex"
      flexDirection="column"
      gridGap={4}
    >
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
        <Typography variant="h6" component="p" data-value={figure.value ?? ''}>
          {own}
        </Typography>
        {claim && (
          <Chip
            size="small"
            variant="outlined"
            label={claim.text}
            className={claim.good ? classes.good : classes.bad}
            data-testid="finops-benchmark-percentile"
            data-good={claim.good}
          />
        )}
      </Box>
      {figure.notEnoughPeers && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="finops-benchmark-not-enough"
        >
          {/^not enough peers/i.test(figure.notEnoughPeers)
            ? figure.notEnoughPeers
            : `Not enough peers: ${figure.notEnoughPeers}`}
        </Typography>
      )}
      {!figure.notEnoughPeers && figure.withheld && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="finops-benchmark-withheld"
        >
          {figure.withheld.charAt(0).toUpperCase() + figure.withheld.slice(1)}.
        </Typography>
      )}
      {!figure.notEnoughPeers && !figure.withheld && (
        <>
          <Typography variant="body2" data-testid="finops-benchmark-verdict">
            {figure.verdict}
          </Typography>
          <DistributionStrip
            figure={figure}
            format={format}
            subject={subject}
            description={`${title} of ${figure.members} peers: ${QUARTILES.map(
              ([key, label]) =>
                figure[key] === null
                  ? ''
                  : `${label.toLowerCase()} ${format(figure[key]!)}`,
            )
              .filter(Boolean)
              .join(', ')}; ${subject} ${own}${claim ? `, ${claim.text}` : ''}`}
          />
          <Box
            component="dl"
            display="flex"
            flexWrap="wrap"
            m={0}
            style={{ columnGap: 12, rowGap: 2 }}
            data-testid="finops-benchmark-quartiles"
          >
            {QUARTILES.map(([key, label]) =>
              figure[key] === null ? null : (
                <Box key={key} display="flex" gridGap={4}>
                  <Typography
                    component="dt"
                    variant="caption"
                    color="textSecondary"
                  >
                    {label}
                  </Typography>
                  <Typography
                    component="dd"
                    variant="caption"
                    style={{ margin: 0 }}
                    data-quartile={key}
                    data-value={figure[key]}
                  >
                    {format(figure[key]!)}
                  </Typography>
                </Box>
              ),
            )}
          </Box>
        </>
      )}
      {figure.hiddenPeers ? (
        <Typography
          variant="caption"
          color="textSecondary"
          data-testid="finops-benchmark-hidden-peers"
        >
          {figure.hiddenPeers === 1
            ? '1 peer is not shown: you may not read its cost.'
            : `${figure.hiddenPeers} peers are not shown: you may not read their cost.`}
        </Typography>
      ) : null}
      {peers.length > 0 && (
        <Box data-testid="finops-benchmark-peers">
          <Typography variant="caption" color="textSecondary">
            Peers you can see
          </Typography>
          <Box component="ul" m={0} pl={2}>
            {peers.map(p => (
              <li key={p.entityRef}>
                <Typography variant="body2" component="span">
                  <EntityRefLink entityRef={p.entityRef} />: {format(p.value)}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
};
