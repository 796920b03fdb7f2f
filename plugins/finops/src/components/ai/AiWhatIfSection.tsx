import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { isNotAllowed } from '../shared/CostErrorPanel';
import { formatLongDay, formatMoney, formatPeriod } from '../shared/format';
import { formatTokens } from './aiFormat';
import { AiWhatIfTable } from './AiWhatIfTable';
import { useAiWhatIf } from './useAi';

/**
 * The model what-if: the entity's tokens of the last 30 days of data
 * priced on every model of the dated price table (`finops.ai.prices`),
 * against what they cost.
 */
export const AiWhatIfSection = ({
  entityRef,
  measure,
}: {
  entityRef: string;
  measure?: CostMeasure;
}) => {
  const { value, loading, error } = useAiWhatIf(entityRef, measure);
  let body;
  if (loading && !value) body = <Progress />;
  else if (error)
    body = isNotAllowed(error) ? null : <ResponseErrorPanel error={error} />;
  else if (value?.empty)
    body = (
      <Typography variant="body2" color="textSecondary">
        {value.empty.message}
      </Typography>
    );
  else if (value)
    body = (
      <>
        <Typography variant="body2" color="textSecondary">
          The tokens of {formatPeriod(value.from, value.to)} at each model's
          list prices (price table of{' '}
          <span data-testid="finops-ai-whatif-date">
            {formatLongDay(value.priceTable.asOf)}
          </span>
          , {value.priceTable.currency} per million tokens; batch discounts and
          other tiers left out). Vendors count tokens differently: compare on a
          sample of the requests before moving them.
        </Typography>
        {value.traffic.map(t => (
          <AiWhatIfTable
            key={t.kind}
            traffic={t}
            currency={value.currency}
            priceCurrency={value.priceTable.currency}
          />
        ))}
        {value.unpriced.length > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="finops-ai-whatif-unpriced"
          >
            Not in the price table (add them to <code>finops.ai.prices</code>
            ):{' '}
            {value.unpriced
              .map(
                u =>
                  `${u.model} (${formatTokens(u.tokens)} tokens, ${formatMoney(
                    u.cost,
                    value.currency,
                  )})`,
              )
              .join(', ')}
            .
          </Typography>
        )}
      </>
    );
  return (
    <Box
      data-testid="finops-ai-whatif"
      data-as-of={value?.priceTable.asOf}
      display="flex"
      flexDirection="column"
      gridGap={12}
    >
      <Typography variant="overline" color="textSecondary" component="h3">
        Model what-if
      </Typography>
      {body}
    </Box>
  );
};
