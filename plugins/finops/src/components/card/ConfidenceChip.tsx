import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import VerifiedUser from '@material-ui/icons/VerifiedUser';
import type {
  AttributionMethod,
  EntityCostSummary,
} from '@costwise/plugin-finops-common';
import { methodLabel } from '../shared/labels';
import { formatMoney, formatShare, toNumber } from '../shared/format';

type Confidence = EntityCostSummary['confidence'];

const Explanation = ({
  confidence,
  currency,
}: {
  confidence: Confidence;
  currency: string;
}) => {
  const entries = Object.entries(confidence.byMethod) as [
    AttributionMethod,
    string,
  ][];
  const sum = entries.reduce((acc, [, amount]) => acc + toNumber(amount), 0);
  entries.sort(([, a], [, b]) => toNumber(b) - toNumber(a));
  return (
    <Box data-testid="finops-confidence-explanation">
      <Typography variant="subtitle2" color="inherit">
        How the last 30 days were attributed
      </Typography>
      {entries.length === 0 && (
        <Typography variant="body2" color="inherit">
          Nothing was attributed in the last 30 days.
        </Typography>
      )}
      <Box component="ul" m={0} pl={2}>
        {entries.map(([method, amount]) => (
          <li key={method}>
            {methodLabel(method)}: {formatMoney(amount, currency)}
            {sum > 0 ? ` (${formatShare(toNumber(amount) / sum)})` : ''}
          </li>
        ))}
      </Box>
      <Typography variant="body2" color="inherit">
        Explicit rules (ids, tags, accounts, Kubernetes, LLM projects, overrides
        and shared costs) cover {formatShare(confidence.explicitShare)}; the
        rest is inferred from names.
      </Typography>
      <Typography variant="body2" color="inherit">
        {confidence.warnings === 0
          ? 'No annotation warnings.'
          : `${confidence.warnings} annotation warning${
              confidence.warnings === 1 ? '' : 's'
            }: some cost may be missing.`}
      </Typography>
    </Box>
  );
};

/**
 * How much of the cost comes from explicit rules rather than inference: a
 * number people can trust at a glance, with the breakdown a focus away.
 */
export const ConfidenceChip = ({
  confidence,
  currency,
}: {
  confidence: Confidence;
  currency: string;
}) => {
  const label = `${formatShare(confidence.explicitShare, 0)} explicit`;
  return (
    <Tooltip
      title={<Explanation confidence={confidence} currency={currency} />}
      arrow
      interactive
    >
      <Chip
        size="small"
        variant="outlined"
        icon={<VerifiedUser />}
        label={label}
        tabIndex={0}
        aria-label={`Attribution confidence: ${label}${
          confidence.warnings
            ? `, ${confidence.warnings} warning${
                confidence.warnings === 1 ? '' : 's'
              }`
            : ''
        }`}
        data-testid="finops-confidence"
      />
    </Tooltip>
  );
};
