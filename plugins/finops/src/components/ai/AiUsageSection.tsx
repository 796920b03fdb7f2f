import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { CostChart } from '../chart/CostChart';
import type { DateRange } from '../controls/periods';
import { isNotAllowed } from '../shared/CostErrorPanel';
import { MEASURE_LABELS } from '../shared/labels';
import { TotalHeader } from '../shared/TotalHeader';
import { aiSeries } from './aiChart';
import { AiFigures } from './AiFigures';
import { AiModelTable } from './AiModelTable';
import { AiTeamModelTable } from './AiTeamModelTable';
import { AiWhatIfSection } from './AiWhatIfSection';
import { useAiUsage } from './useAi';

/**
 * The Costs tab's "AI usage" section, on entities with AI spend in the
 * period (nothing otherwise): the spend and tokens by model and token type,
 * the daily trend by model, the prompt cache's hit share, cost per 1,000
 * requests and per unit of the entity's unit metric, each model's share,
 * a System's or Group's spend by team and model, and the model what-if.
 * It follows the tab's period and measure; the tab says which members
 * the viewer may not read are left out.
 */
export const AiUsageSection = ({
  entityRef,
  range,
  measure,
}: {
  entityRef: string;
  range?: DateRange;
  measure?: CostMeasure;
}) => {
  const usage = useAiUsage(entityRef, range ? { ...range, measure } : null);
  const { value, error } = usage;
  if (error) {
    // the tab itself says when the cost may not be read
    if (isNotAllowed(error)) return null;
    return (
      <Grid item xs={12}>
        <ResponseErrorPanel
          title="AI usage could not be loaded"
          error={error}
        />
      </Grid>
    );
  }
  if (!value || value.empty) return null;
  const { series, totals } = aiSeries(value);
  return (
    <Grid item xs={12}>
      <Paper variant="outlined" data-testid="finops-ai-usage">
        <Box p={2} display="flex" flexDirection="column" gridGap={16}>
          <TotalHeader
            label="AI usage"
            total={value.total}
            currency={value.currency}
            from={value.from}
            to={value.to}
            measureLabel={MEASURE_LABELS[value.measure] ?? value.measure}
            testId="finops-ai-total"
          />
          <AiFigures value={value} />
          <Box data-testid="finops-ai-trend">
            <CostChart
              series={series}
              totals={totals}
              currency={value.currency}
              height={220}
              from={value.from}
              to={value.to}
              description={`AI spend by model per day from ${value.from} to ${value.to}`}
            />
          </Box>
          <Box>
            <Typography variant="overline" color="textSecondary" component="h3">
              By model and token type
            </Typography>
            <AiModelTable value={value} />
          </Box>
          {value.byTeam && value.byTeam.length > 0 && (
            <Box>
              <Typography
                variant="overline"
                color="textSecondary"
                component="h3"
              >
                By team and model
              </Typography>
              <AiTeamModelTable
                rows={value.byTeam}
                currency={value.currency}
                total={value.total}
                testId="finops-ai-by-team"
                self={value.entityRef}
              />
            </Box>
          )}
          <AiWhatIfSection entityRef={entityRef} measure={measure} />
        </Box>
      </Paper>
    </Grid>
  );
};
