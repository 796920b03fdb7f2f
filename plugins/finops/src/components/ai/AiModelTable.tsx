import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type {
  AiLineType,
  AiModelSpend,
  AiUsageResponse,
} from '@costwise/plugin-finops-common';
import { formatMoney, formatShare, sumAmounts } from '../shared/format';
import { formatExactCount, formatTokens, LINE_LABELS } from './aiFormat';

const LINE_ORDER: AiLineType[] = [
  'input',
  'cachedInput',
  'cacheWrite',
  'output',
  'other',
];

/** Cost over tokens of one token type of one model. */
const LineCell = ({
  model,
  type,
  currency,
}: {
  model: AiModelSpend;
  type: AiLineType;
  currency: string;
}) => {
  const line = model.lines.find(l => l.type === type);
  if (!line)
    return (
      <TableCell align="right">
        <Typography variant="body2" color="textSecondary">
          —
        </Typography>
      </TableCell>
    );
  return (
    <TableCell
      align="right"
      data-testid="finops-ai-line"
      data-type={type}
      data-amount={line.cost}
      data-tokens={line.tokens}
    >
      <Typography variant="body2">
        {formatMoney(line.cost, currency)}
      </Typography>
      {type !== 'other' && (
        <Typography
          variant="caption"
          color="textSecondary"
          title={`${formatExactCount(line.tokens)} tokens`}
        >
          {formatTokens(line.tokens)} tokens
        </Typography>
      )}
    </TableCell>
  );
};

/**
 * Cost and tokens by model and token type, largest model first, with each
 * model's share of the AI spend and, where the provider counts requests,
 * its cost per 1,000 requests. The columns add up to the total row.
 */
export const AiModelTable = ({ value }: { value: AiUsageResponse }) => {
  const { currency, models } = value;
  const types = LINE_ORDER.filter(t =>
    models.some(m => m.lines.some(l => l.type === t)),
  );
  const withRequests = models.some(m => m.costPerThousandRequests);
  return (
    <Table
      size="small"
      data-testid="finops-ai-models"
      aria-label="AI spend by model and token type"
    >
      <TableHead>
        <TableRow>
          <TableCell>Model</TableCell>
          {types.map(t => (
            <TableCell key={t} align="right">
              {LINE_LABELS[t]}
            </TableCell>
          ))}
          <TableCell align="right">Cost</TableCell>
          <TableCell align="right">Share</TableCell>
          <TableCell align="right">Tokens</TableCell>
          {withRequests && (
            <TableCell align="right">Per 1,000 requests</TableCell>
          )}
        </TableRow>
      </TableHead>
      <TableBody>
        {models.map(m => (
          <TableRow
            key={`${m.provider}|${m.model}`}
            data-testid="finops-ai-model-row"
            data-model={m.model}
            data-amount={m.cost}
            data-tokens={m.tokens}
          >
            <TableCell>
              <Typography variant="body2">{m.model}</Typography>
              <Typography variant="caption" color="textSecondary">
                {m.provider}
              </Typography>
            </TableCell>
            {types.map(t => (
              <LineCell key={t} model={m} type={t} currency={currency} />
            ))}
            <TableCell align="right" data-testid="finops-ai-model-cost">
              {formatMoney(m.cost, currency)}
            </TableCell>
            <TableCell
              align="right"
              data-testid="finops-ai-model-share"
              data-share={m.share}
            >
              {formatShare(m.share)}
            </TableCell>
            <TableCell
              align="right"
              title={`${formatExactCount(m.tokens)} tokens`}
            >
              {formatTokens(m.tokens)}
            </TableCell>
            {withRequests && (
              <TableCell align="right">
                {m.costPerThousandRequests
                  ? formatMoney(m.costPerThousandRequests, currency)
                  : '—'}
              </TableCell>
            )}
          </TableRow>
        ))}
        <TableRow
          data-testid="finops-ai-models-total"
          data-amount={value.total}
        >
          <TableCell>
            <strong>Total</strong>
          </TableCell>
          {types.map(t => (
            <TableCell key={t} align="right">
              {formatMoney(
                sumAmounts(
                  models.flatMap(m =>
                    m.lines.filter(l => l.type === t).map(l => l.cost),
                  ),
                ),
                currency,
              )}
            </TableCell>
          ))}
          <TableCell align="right">
            <strong>{formatMoney(value.total, currency)}</strong>
          </TableCell>
          <TableCell align="right">{formatShare(1)}</TableCell>
          <TableCell
            align="right"
            title={`${formatExactCount(value.tokens.total)} tokens`}
          >
            {formatTokens(value.tokens.total)}
          </TableCell>
          {withRequests && <TableCell />}
        </TableRow>
      </TableBody>
    </Table>
  );
};
