import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import type { DateRange } from '../controls/periods';
import { isNotAllowed } from '../shared/CostErrorPanel';
import { MEASURE_LABELS } from '../shared/labels';
import { TotalHeader } from '../shared/TotalHeader';
import { AiFigures } from './AiFigures';
import { AiModelTable } from './AiModelTable';
import { AiTeamModelTable } from './AiTeamModelTable';
import { useAiUsage } from './useAi';

/**
 * A team's AI spend over the tab's period, where it has any: by sub-team
 * (and the team itself) and model, and by model and token type.
 */
export const TeamAiSpend = ({
  teamRef,
  range,
  measure,
}: {
  teamRef: string;
  range?: DateRange;
  measure?: CostMeasure;
}) => {
  const { value, error } = useAiUsage(
    teamRef,
    range ? { ...range, measure } : null,
  );
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
  if (!value || value.empty) return null;
  return (
    <Grid item xs={12}>
      <Paper variant="outlined" data-testid="finops-team-ai">
        <Box p={2} display="flex" flexDirection="column" gridGap={16}>
          <TotalHeader
            label="AI spend"
            total={value.total}
            currency={value.currency}
            from={value.from}
            to={value.to}
            measureLabel={MEASURE_LABELS[value.measure] ?? value.measure}
            testId="finops-team-ai-total"
          />
          <AiFigures value={value} />
          <Box>
            <Typography variant="overline" color="textSecondary" component="h3">
              By sub-team and model
            </Typography>
            <AiTeamModelTable
              rows={value.byTeam ?? []}
              currency={value.currency}
              total={value.total}
              testId="finops-team-ai-by-team"
              teamHeader="Sub-team"
              self={value.entityRef}
            />
          </Box>
          <Box>
            <Typography variant="overline" color="textSecondary" component="h3">
              By model and token type
            </Typography>
            <AiModelTable value={value} />
          </Box>
        </Box>
      </Paper>
    </Grid>
  );
};
