import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatMoney, formatPeriod, formatShare } from '../shared/format';
import { formatExactCount, formatTokens } from './aiFormat';
import { useAiUsage } from './useAi';

/** The Costs tab, relative to the entity page the card is on. */
const TAB = 'costs';

/**
 * The cost card's line on AI spend, where the entity has any in the last
 * 30 days of data: the spend, the tokens, the largest models' shares and
 * the cache hit share, linking to the Costs tab. Nothing otherwise, nor
 * while it loads or when it cannot be read (the card says why).
 */
export const CardAiUsage = ({ entityRef }: { entityRef: string }) => {
  const { value, error } = useAiUsage(entityRef, {});
  if (error || !value || value.empty) return null;
  const top = value.models.slice(0, 3);
  return (
    <Box
      mt={2}
      data-testid="finops-card-ai"
      data-amount={value.total}
      data-tokens={value.tokens.total}
    >
      <Typography variant="overline" color="textSecondary" component="h3">
        AI spend
      </Typography>
      <Typography variant="body2">
        <Link to={TAB}>
          {formatMoney(value.total, value.currency)} ·{' '}
          <span title={`${formatExactCount(value.tokens.total)} tokens`}>
            {formatTokens(value.tokens.total)} tokens
          </span>
        </Link>{' '}
        <Typography variant="caption" color="textSecondary" component="span">
          {formatPeriod(value.from, value.to)}
        </Typography>
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {top.map(m => `${m.model} ${formatShare(m.share, 0)}`).join(' · ')}
        {value.models.length > top.length &&
          ` · ${value.models.length - top.length} more`}
        {value.cache.hitShare !== null &&
          ` · cache hits ${formatShare(value.cache.hitShare, 0)}`}
      </Typography>
    </Box>
  );
};
