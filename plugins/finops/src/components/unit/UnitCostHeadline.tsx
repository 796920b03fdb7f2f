import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { UnitCostResponse } from '@costwise/plugin-finops-common';
import { formatUnitMoney } from '../shared/format';
import { hasUsage } from './chartRows';
import { unitLabel } from './labels';
import { UnitCostTrend } from './UnitCostTrend';

/** "$0.42 per 1k requests" over the whole period, with its trend. */
export const UnitCostHeadline = ({
  value,
  variant = 'h4',
  testId = 'finops-unit-cost',
  context,
}: {
  value: UnitCostResponse;
  variant?: 'h4' | 'body1';
  testId?: string;
  /** Said after the unit, e.g. "last 30 days". */
  context?: string;
}) => {
  const { totals, currency } = value;
  const perLabel = unitLabel(value.unitMetric);
  return (
    <Box display="flex" alignItems="baseline" flexWrap="wrap" gridGap={12}>
      <Typography
        variant={variant}
        component="p"
        data-testid={testId}
        data-unit-cost={totals.unitCost ?? ''}
        data-currency={currency}
      >
        {hasUsage(totals) ? (
          <>
            {variant === 'h4' ? (
              formatUnitMoney(totals.unitCost!, currency)
            ) : (
              <strong>{formatUnitMoney(totals.unitCost!, currency)}</strong>
            )}{' '}
            <Typography component="span" variant="body2" color="textSecondary">
              per {perLabel}
              {context ? ` · ${context}` : ''}
            </Typography>
          </>
        ) : (
          'no usage'
        )}
      </Typography>
      <UnitCostTrend
        trend={value.trend}
        currency={currency}
        period={value.granularity}
      />
    </Box>
  );
};
