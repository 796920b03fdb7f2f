import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { AiUsageResponse } from '@costwise/plugin-finops-common';
import type { ReactNode } from 'react';
import { formatCount, formatShare, formatUnitMoney } from '../shared/format';
import { formatExactCount, formatTokens, LINE_LABELS } from './aiFormat';

const Figure = ({
  label,
  value,
  caption,
  testId,
  data,
}: {
  label: string;
  value: ReactNode;
  caption: ReactNode;
  testId: string;
  data: Record<string, string | undefined>;
}) => (
  <Box
    flex="1 1 200px"
    minWidth={180}
    data-testid={testId}
    {...Object.fromEntries(
      Object.entries(data)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [`data-${k}`, v]),
    )}
  >
    <Typography variant="overline" color="textSecondary" component="h3">
      {label}
    </Typography>
    <Typography variant="h5" component="p">
      {value}
    </Typography>
    <Typography variant="body2" color="textSecondary">
      {caption}
    </Typography>
  </Box>
);

/**
 * The AI usage's headline figures: tokens, the prompt cache's hit share,
 * cost per 1,000 requests and per unit of the entity's unit metric. What
 * cannot be computed says why instead of showing a zero.
 */
export const AiFigures = ({ value }: { value: AiUsageResponse }) => {
  const { tokens, cache, requests, unitCost, currency } = value;
  const byType = (['input', 'cachedInput', 'cacheWrite', 'output'] as const)
    .filter(t => tokens.byType[t] !== '0')
    .map(
      t => `${LINE_LABELS[t].toLowerCase()} ${formatTokens(tokens.byType[t])}`,
    )
    .join(' · ');
  return (
    <Box display="flex" flexWrap="wrap" gridGap={24}>
      <Figure
        label="Tokens"
        testId="finops-ai-tokens"
        data={{ tokens: tokens.total }}
        value={
          <span title={`${formatExactCount(tokens.total)} tokens`}>
            {formatTokens(tokens.total)}
          </span>
        }
        caption={byType || 'no tokens'}
      />
      <Figure
        label="Cache hit share"
        testId="finops-ai-cache-share"
        data={{
          share: cache.hitShare === null ? undefined : String(cache.hitShare),
        }}
        value={cache.hitShare === null ? '—' : formatShare(cache.hitShare)}
        caption={
          cache.hitShare === null
            ? 'no input tokens to a chat model'
            : `${formatTokens(cache.cachedInputTokens)} of ${formatTokens(
                cache.inputTokens,
              )} input tokens read from the prompt cache`
        }
      />
      <Figure
        label="Per 1,000 requests"
        testId="finops-ai-per-1k-requests"
        data={{
          available: String(requests.available),
          amount: requests.available ? requests.perThousand : undefined,
        }}
        value={
          requests.available
            ? formatUnitMoney(requests.perThousand, currency)
            : 'Not available'
        }
        caption={
          requests.available
            ? `${formatExactCount(
                requests.requests,
              )} requests to ${requests.models.join(', ')}${
                requests.coveredShare < 0.9995
                  ? ` (${formatShare(requests.coveredShare)} of the AI spend)`
                  : ''
              }`
            : requests.reason
        }
      />
      <Figure
        label={
          unitCost.available || unitCost.unitMetric
            ? `Per ${unitCost.unitMetric!.label}`
            : 'Per unit'
        }
        testId="finops-ai-per-unit"
        data={{
          available: String(unitCost.available),
          amount: unitCost.available ? unitCost.perUnit : undefined,
        }}
        value={
          unitCost.available
            ? formatUnitMoney(unitCost.perUnit, currency)
            : 'Not available'
        }
        caption={
          unitCost.available
            ? `AI spend over ${formatCount(
                unitCost.metric,
              )} ${unitCost.unitMetric.metric.replace(/[_.-]+/g, ' ')}`
            : unitCost.reason
        }
      />
    </Box>
  );
};
