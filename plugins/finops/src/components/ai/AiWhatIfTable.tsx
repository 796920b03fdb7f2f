import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type { AiWhatIfTraffic } from '@costwise/plugin-finops-common';
import {
  formatLongDay,
  formatMoney,
  formatShare,
  isNegative,
  isZero,
} from '../shared/format';
import { statusColors } from '../shared/statusColors';
import { formatTokens, KIND_LABELS, LINE_LABELS } from './aiFormat';

/** "−$13.77" for a saving, "+$1.74" for more; the sign is the point. */
function signed(amount: string, currency: string): string {
  if (isZero(amount)) return formatMoney('0', currency);
  const negative = isNegative(amount);
  const magnitude = negative ? amount.trim().replace(/^-/, '') : amount;
  return `${negative ? '−' : '+'}${formatMoney(magnitude, currency)}`;
}

/**
 * One kind of traffic priced on every model of that kind of the price
 * table, cheapest first: the cost of the same tokens, the difference to
 * what they cost, and the day each model's prices were read.
 */
export const AiWhatIfTable = ({
  traffic,
  currency,
  priceCurrency,
}: {
  traffic: AiWhatIfTraffic;
  currency: string;
  /** The price table's currency (the costs on other models are in it). */
  priceCurrency: string;
}) => {
  const status = statusColors(useTheme());
  // a saving in the good colour, more in the bad one (both 4.5:1 on the theme)
  const differenceColor = (difference: string | null) => {
    if (difference === null || isZero(difference)) return undefined;
    return isNegative(difference) ? status.good : status.bad;
  };
  const mix = (['input', 'cachedInput', 'cacheWrite', 'output'] as const)
    .filter(t => traffic.tokens[t] !== '0')
    .map(
      t => `${formatTokens(traffic.tokens[t])} ${LINE_LABELS[t].toLowerCase()}`,
    )
    .join(', ');
  return (
    <Box
      data-testid="finops-ai-whatif-table"
      data-kind={traffic.kind}
      data-actual={traffic.actual}
    >
      <Typography variant="subtitle2" component="h4">
        {KIND_LABELS[traffic.kind]}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {mix} tokens on {traffic.models.join(', ')}, which cost{' '}
        {formatMoney(traffic.actual, currency)}
      </Typography>
      <Table
        size="small"
        aria-label={`What the same tokens would cost: ${
          KIND_LABELS[traffic.kind]
        }`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Model</TableCell>
            <TableCell align="right">Cost of the same tokens</TableCell>
            <TableCell align="right">Difference</TableCell>
            <TableCell align="right">Of the actual cost</TableCell>
            <TableCell align="right">Prices as of</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {traffic.rows.map(row => (
            <TableRow
              key={row.model}
              data-testid="finops-ai-whatif-row"
              data-model={row.model}
              data-cost={row.cost}
              data-difference={row.difference ?? ''}
              data-in-use={String(row.inUse)}
              selected={row.inUse}
            >
              <TableCell>
                <Typography variant="body2" component="span">
                  {row.model}
                </Typography>{' '}
                {row.inUse && (
                  <Chip size="small" label="in use" variant="outlined" />
                )}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  {row.provider}
                  {row.notes.length > 0 && ` · ${row.notes.join('; ')}`}
                </Typography>
              </TableCell>
              <TableCell align="right">
                {formatMoney(row.cost, priceCurrency)}
              </TableCell>
              <TableCell
                align="right"
                style={{ color: differenceColor(row.difference) }}
              >
                {row.difference === null
                  ? 'other currency'
                  : signed(row.difference, currency)}
              </TableCell>
              <TableCell align="right">
                {row.ratio === null ? '—' : formatShare(row.ratio, 0)}
              </TableCell>
              <TableCell align="right">{formatLongDay(row.asOf)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
