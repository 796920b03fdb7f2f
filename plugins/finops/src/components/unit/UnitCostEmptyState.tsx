import { CodeSnippet } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { EmptyUnitCostReason } from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';
import { KINDS_WITH_CHILDREN } from '../shared/labels';

const ANNOTATION = `metadata:
  annotations:
    costwise.dev/unit-metric: requests per 1000`;

/** A `POST /metrics` call with one point for the entity, ready to adapt. */
export function metricsExample(entityRef: string, metric: string): string {
  const date = DateTime.utc().minus({ days: 1 }).toISODate();
  const body = JSON.stringify({
    points: [{ entity: entityRef, metric, date, value: 125000 }],
  });
  return `curl -X POST "$BACKSTAGE_URL/api/finops/metrics" \\
  -H "Authorization: Bearer $TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '${body}'`;
}

const TITLES: Record<EmptyUnitCostReason['reason'], string> = {
  'no-unit-metric': 'No unit metric declared',
  'unit-metric-malformed': 'The unit metric annotation could not be read',
  'no-metric-data': 'No metric values received yet',
  'no-cost-data': 'No cost in this period',
  'range-outside-data': 'The period has no data',
};

/**
 * Why there is no unit cost, and what to do: declare the denominator with
 * the `costwise.dev/unit-metric` annotation, then send its daily values.
 */
export const UnitCostEmptyState = ({
  empty,
  metric,
}: {
  empty: EmptyUnitCostReason;
  metric?: string;
}) => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const aggregate = KINDS_WITH_CHILDREN.includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
  const needsAnnotation =
    empty.reason === 'no-unit-metric' ||
    empty.reason === 'unit-metric-malformed';
  const needsMetrics = empty.reason !== 'no-cost-data';
  return (
    <Box data-testid="finops-unit-cost-empty" data-reason={empty.reason}>
      <Typography variant="h6" component="h3" gutterBottom>
        {TITLES[empty.reason] ?? 'No unit cost'}
      </Typography>
      <Typography variant="body2" paragraph>
        {empty.message}
      </Typography>
      {needsAnnotation && (
        <>
          <Typography variant="body2" paragraph>
            Declare what one unit of this entity&apos;s work is with the{' '}
            <code>costwise.dev/unit-metric</code> annotation in
            catalog-info.yaml: a metric name, optionally with <code>per N</code>{' '}
            to show the cost per N units.
            {aggregate &&
              " The metric's values of this entity's members are summed, so send them for its components."}
          </Typography>
          <CodeSnippet language="yaml" text={ANNOTATION} showCopyCodeButton />
        </>
      )}
      {needsMetrics && (
        <>
          <Typography variant="body2" paragraph style={{ marginTop: 16 }}>
            Then send the metric&apos;s daily values to{' '}
            <code>POST /api/finops/metrics</code> (one point per entity, metric
            and day; sending a day again replaces it):
          </Typography>
          <CodeSnippet
            language="bash"
            text={metricsExample(entityRef, metric ?? 'requests')}
            showCopyCodeButton
          />
          <Typography variant="body2" paragraph style={{ marginTop: 16 }}>
            Or import a CSV file with the columns{' '}
            <code>entity,metric,date,value</code> using{' '}
            <code>costwise metrics import &lt;file.csv&gt;</code>, or let a
            metric-provider module (such as Prometheus) collect them.
          </Typography>
        </>
      )}
    </Box>
  );
};
