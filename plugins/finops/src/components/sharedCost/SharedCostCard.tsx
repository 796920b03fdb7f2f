import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useMemo } from 'react';
import { DateTime } from 'luxon';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { presetRange } from '../controls/periods';
import { useSharedCost } from '../../hooks/useFinops';
import { formatMoney, formatPeriod, formatShare } from '../shared/format';

/**
 * The card's part for a shared Resource: what it pooled over the last 30
 * days with data and who it was passed on to. Nothing when it pooled
 * nothing, or cannot be read.
 */
export const SharedCostCard = ({
  entityRef,
  asOf,
  measure,
  fallback = null,
}: {
  entityRef: string;
  asOf: string;
  measure?: CostMeasure;
  /** Shown instead when nothing was pooled (once that is known). */
  fallback?: ReactNode;
}) => {
  const range = useMemo(
    () => presetRange('last30', DateTime.fromISO(asOf)),
    [asOf],
  );
  const shared = useSharedCost(entityRef, { ...range, measure });
  const value = shared.value;
  if (shared.loading) return null;
  if (!value || value.empty) return <>{fallback}</>;
  const { currency } = value;
  return (
    <Box data-testid="finops-card-shared">
      <Typography variant="overline" color="textSecondary" component="h3">
        Shared cost · last 30 days ({formatPeriod(value.from, value.to)})
      </Typography>
      <Typography
        variant="h5"
        component="p"
        data-testid="finops-card-shared-total"
        data-amount={value.total}
      >
        {formatMoney(value.total, currency)}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        Pooled here and passed on to {value.consumers.length}{' '}
        {value.consumers.length === 1 ? 'entity' : 'entities'}
        {value.rule ? `, ${value.rule}` : ''}: it is counted in their costs.
      </Typography>
      <Box component="ul" m={0} pl={2}>
        {value.consumers.slice(0, 5).map(c => (
          <li key={c.entityRef}>
            <Typography variant="body2" component="span">
              <EntityRefLink entityRef={c.entityRef} />:{' '}
              {formatMoney(c.amount, currency)} ({formatShare(c.share)})
            </Typography>
          </li>
        ))}
      </Box>
      {value.hiddenConsumers && (
        <Typography variant="caption" color="textSecondary">
          {value.hiddenConsumers.message}
        </Typography>
      )}
    </Box>
  );
};
