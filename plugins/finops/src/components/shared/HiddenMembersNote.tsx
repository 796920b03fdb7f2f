import Alert from '@material-ui/lab/Alert';
import type { HiddenMembers } from '@costwise/plugin-finops-common';

/** Says that a rollup leaves out members the viewer may not read. */
export const HiddenMembersNote = ({
  hidden,
  compact,
}: {
  hidden?: HiddenMembers;
  /** On a card: the note alone, without saying where the figures are. */
  compact?: boolean;
}) => {
  if (!hidden || hidden.count === 0) return null;
  return (
    <Alert severity="info" data-testid="finops-hidden-members">
      {hidden.message}{' '}
      {compact
        ? 'These figures are the sum of the members you may read.'
        : 'The figures below are the sum of the members you may read.'}
    </Alert>
  );
};
