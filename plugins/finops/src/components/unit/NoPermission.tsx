import Alert from '@material-ui/lab/Alert';

/** A 403 is not a failure to retry: say plainly that the figures are not ours to see. */
export const NoPermission = ({ what }: { what: string }) => (
  <Alert severity="info" data-testid="finops-no-permission">
    You don&apos;t have permission to see the {what} of this entity.
  </Alert>
);
