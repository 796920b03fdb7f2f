import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { formatMonth } from './kpiFormat';

/**
 * No KPI has a figure for the month: say where the figures come from and
 * what to do, rather than show a table of blanks.
 */
export const GovernanceEmptyState = ({ month }: { month?: string }) => (
  <EmptyState
    missing="data"
    title={
      month
        ? `No KPIs for ${formatMonth(month)} yet`
        : 'No KPIs have been computed yet'
    }
    description="Costwise computes the FinOps KPIs from the cost it has ingested and attributed to catalog entities, for the organization and for every team that owns something with cost."
    action={
      <Box data-testid="finops-governance-empty" maxWidth={640}>
        <Typography variant="body2" paragraph>
          Ingest a cost source covering the month: list it under{' '}
          <code>finops.sources</code> in app-config.yaml to read it on a
          schedule, or load a file now with the Costwise CLI:
        </Typography>
        <CodeSnippet
          language="shell"
          text="costwise ingest FILE"
          showCopyCodeButton
        />
        <Typography variant="body2" style={{ marginTop: 16 }}>
          Teams get a scorecard once cost reaches what they own: set{' '}
          <code>spec.owner</code> on components and systems and map their cost
          with Costwise annotations.
        </Typography>
      </Box>
    }
  />
);
