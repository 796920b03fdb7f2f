import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/**
 * No recommendation has ever reached this entity: say where they come from
 * and what to do, rather than show an empty table.
 */
export const RecommendationsEmptyState = () => (
  <EmptyState
    missing="data"
    title="No recommendations for this entity yet"
    description="A recommendation reaches an entity when it concerns a resource whose cost is attributed to it. Costwise's own detectors run after each cost ingestion; the cloud providers' recommendations have to be imported."
    action={
      <Box data-testid="finops-rec-empty" maxWidth={640}>
        <Typography variant="body2" paragraph>
          To read providers' recommendation exports on a schedule, list them
          under <code>finops.recommendations.sources</code> in app-config.yaml.
          To import one file now, use the Costwise CLI:
        </Typography>
        <CodeSnippet
          language="shell"
          text="costwise recommendations import FILE"
          showCopyCodeButton
        />
        <Typography variant="body2" style={{ marginTop: 16 }}>
          If sources are configured already, check that this entity's cost is
          mapped (see the Costs tab): recommendations follow the resources
          attributed to it.
        </Typography>
      </Box>
    }
  />
);
