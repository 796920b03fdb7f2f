import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatMonth } from '../governance/kpiFormat';
import { isNotAllowed } from '../shared/CostErrorPanel';
import { formatLongDay, formatMoney, formatShare } from '../shared/format';
import { MEASURE_LABELS } from '../shared/labels';
import { formatExactCount, formatTokens } from './aiFormat';
import { AiTeamModelTable } from './AiTeamModelTable';
import { useAiSpend } from './useAi';

/**
 * The FinOps page's AI spend of the month by team and model, over the
 * entities whose cost the viewer may read (the others are counted), where
 * there is any.
 */
export const OrgAiSpend = ({ month }: { month?: string }) => {
  const { value, error } = useAiSpend(month);
  if (error) {
    if (isNotAllowed(error)) return null;
    return (
      <Grid item xs={12}>
        <ResponseErrorPanel
          title="AI spend could not be loaded"
          error={error}
        />
      </Grid>
    );
  }
  if (!value || (value.empty && value.hiddenEntities === 0)) return null;
  return (
    <Grid item xs={12}>
      <Paper variant="outlined" data-testid="finops-org-ai">
        <Box p={2} display="flex" flexDirection="column" gridGap={16}>
          <Box>
            <Typography variant="overline" color="textSecondary" component="h2">
              AI spend by team and model
            </Typography>
            <Typography
              variant="h4"
              component="p"
              data-testid="finops-org-ai-total"
              data-amount={value.total}
              data-currency={value.currency}
            >
              {formatMoney(value.total, value.currency)}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {formatMonth(value.month)}
              {value.partial && value.asOf
                ? ` to ${formatLongDay(value.asOf)}`
                : ''}{' '}
              · {MEASURE_LABELS[value.measure] ?? value.measure}
            </Typography>
          </Box>
          {value.hiddenEntities > 0 && (
            <Alert severity="info" data-testid="finops-org-ai-hidden">
              The AI spend of {value.hiddenEntities}{' '}
              {value.hiddenEntities === 1 ? 'entity' : 'entities'} is left out:
              you may not read {value.hiddenEntities === 1 ? 'its' : 'their'}{' '}
              cost.
            </Alert>
          )}
          {value.models.length > 0 && (
            <Box
              display="flex"
              flexWrap="wrap"
              gridGap={16}
              data-testid="finops-org-ai-models"
            >
              {value.models.map(m => (
                <Box
                  key={`${m.provider}|${m.model}`}
                  data-testid="finops-org-ai-model"
                  data-model={m.model}
                  data-amount={m.cost}
                >
                  <Typography variant="body2">
                    {m.model}{' '}
                    <Typography
                      variant="body2"
                      component="span"
                      color="textSecondary"
                    >
                      {formatMoney(m.cost, value.currency)} ·{' '}
                      {formatShare(m.share)} ·{' '}
                      <span title={`${formatExactCount(m.tokens)} tokens`}>
                        {formatTokens(m.tokens)} tokens
                      </span>
                    </Typography>
                  </Typography>
                </Box>
              ))}
            </Box>
          )}
          {value.rows.length > 0 && (
            <AiTeamModelTable
              rows={value.rows}
              currency={value.currency}
              total={value.total}
              testId="finops-org-ai-by-team"
            />
          )}
        </Box>
      </Paper>
    </Grid>
  );
};
