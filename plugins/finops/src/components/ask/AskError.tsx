import { ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Box from '@material-ui/core/Box';
import { CostErrorPanel, isNotAllowed } from '../shared/CostErrorPanel';

type Cause = { message?: string } | undefined;

/** The HTTP status of a failed request, when it had one. */
function statusOf(error: Error): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/** The server's own words ("question must not be empty"), else the error's. */
function reasonOf(error: Error): string {
  return ((error.cause as Cause)?.message ?? error.message).replace(
    /^Invalid request: /,
    '',
  );
}

/**
 * A question the backend refused: a restricted entity as its page says it
 * (403), a question it could not take with the reason (400), an entity it
 * does not know (404), and anything else as the error it is.
 */
export const AskError = ({ error }: { error: Error }) => {
  const status = statusOf(error);
  let panel;
  if (isNotAllowed(error)) panel = <CostErrorPanel error={error} />;
  else if (status === 400)
    panel = (
      <Alert severity="warning" role="alert">
        <AlertTitle>The question could not be asked</AlertTitle>
        {reasonOf(error)}
      </Alert>
    );
  else if (status === 404)
    panel = (
      <Alert severity="warning" role="alert">
        <AlertTitle>Not found</AlertTitle>
        {reasonOf(error)}
      </Alert>
    );
  else panel = <ResponseErrorPanel error={error} />;
  return (
    <Box mt={2} data-testid="finops-ask-error" data-status={status ?? ''}>
      {panel}
    </Box>
  );
};
