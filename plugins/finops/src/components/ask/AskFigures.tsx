import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { AskFigure } from '@costwise/plugin-finops-common';
import { formatAskAmount, isPerUnit } from './askFormat';

/**
 * An answer's figures, each its label over its amount. The exact amount
 * rides along as a data attribute (and a tooltip), so that a test can
 * compare it with the API whatever the viewer's locale.
 */
export const AskFigures = ({ figures }: { figures: AskFigure[] }) => (
  <Box display="flex" flexWrap="wrap" gridGap={24} my={2} component="dl">
    {figures.map((figure, i) => (
      <Box
        key={`${figure.label}-${i}`}
        data-testid="finops-ask-figure"
        data-label={figure.label}
        data-amount={figure.amount}
        data-currency={figure.currency}
        data-entity={figure.entity ?? ''}
        minWidth={140}
      >
        <Typography
          component="dt"
          variant="caption"
          color="textSecondary"
          display="block"
        >
          {figure.label}
        </Typography>
        <Typography
          component="dd"
          variant="h6"
          style={{ margin: 0 }}
          title={`${figure.amount}${
            figure.currency ? ` ${figure.currency}` : ''
          }`}
        >
          {formatAskAmount(figure.amount, figure.currency, isPerUnit(figure))}
        </Typography>
      </Box>
    ))}
  </Box>
);
