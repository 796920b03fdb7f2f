import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { useBenchmark } from '../../hooks/useFinops';
import { formatDay } from '../shared/format';
import { BenchmarkFigureView } from './BenchmarkFigureView';
import { isForbidden } from './labels';
import { NoPermission } from './NoPermission';

/**
 * Where the entity stands among its peers on monthly cost, unit cost and
 * unit-cost trend: a number is only useful next to whether it is good.
 */
export const BenchmarkPanel = ({
  entityRef,
  measure,
  title = 'Benchmark',
  testId = 'finops-benchmark',
  subject = 'this entity',
}: {
  entityRef: string;
  measure: CostMeasure;
  title?: string;
  testId?: string;
  /** How the entity is named next to its marker. */
  subject?: string;
}) => {
  const benchmark = useBenchmark(entityRef, measure);
  const value = benchmark.value;
  let body;
  if (benchmark.loading && !value) body = <Progress />;
  else if (isForbidden(benchmark.error)) {
    body = <NoPermission what="benchmark" />;
  } else if (benchmark.error) {
    body = <ResponseErrorPanel error={benchmark.error} />;
  } else if (value?.notEnoughPeers || (value && !value.cohort)) {
    body = (
      <Alert severity="info" data-testid="finops-benchmark-not-enough">
        <AlertTitle>Not enough peers to compare</AlertTitle>
        {value.notEnoughPeers ??
          'This entity has no cohort of peers to be compared with.'}
      </Alert>
    );
  } else if (value) {
    body = (
      <>
        <Typography variant="body2" color="textSecondary">
          {formatDay(value.month)} · compared with {value.cohort!.size}{' '}
          {value.cohort!.label}
        </Typography>
        {value.cohort!.capped ? (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="finops-benchmark-capped"
          >
            A large cohort: {value.cohort!.capped}.
          </Typography>
        ) : null}
        <Grid container spacing={3}>
          {value.figures.map(f => (
            <Grid item xs={12} md={4} key={f.dimension}>
              <BenchmarkFigureView
                figure={f}
                currency={value.currency}
                unitMetric={value.unitMetric}
                entityRef={value.entityRef}
                subject={subject}
              />
            </Grid>
          ))}
        </Grid>
      </>
    );
  }
  return (
    <Paper variant="outlined" data-testid={testId}>
      <Box p={2} display="flex" flexDirection="column" gridGap={8}>
        <Typography variant="overline" color="textSecondary" component="h2">
          {title}
        </Typography>
        {body}
      </Box>
    </Paper>
  );
};
