import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { finopsApiRef } from '../../api';
import type { Decide, DecisionState } from './useDecisions';

/**
 * An admin's one-click confirmation of an attribution suggestion (the
 * entity becomes the owner of the group through a stored rule), or what
 * became of it.
 */
export function ConfirmSuggestion(props: {
  suggestion: { groupId: string; entity: string };
  /** What the entity would own, for the button's accessible name. */
  of: string;
  state: DecisionState | undefined;
  decide: Decide;
  decisionKey: string;
  testId: string;
}) {
  const api = useApi(finopsApiRef);
  const { suggestion, state } = props;
  if (state && 'done' in state)
    return (
      <Typography variant="body2" role="status">
        {state.done}
      </Typography>
    );
  return (
    <Button
      size="small"
      variant="outlined"
      color="primary"
      disabled={Boolean(state)}
      aria-label={`Confirm ${suggestion.entity} as the owner of ${props.of}`}
      data-testid={props.testId}
      onClick={() =>
        props.decide(props.decisionKey, 'Confirmed: a rule was added', () =>
          api.confirmSuggestion({
            groupId: suggestion.groupId,
            entityRef: suggestion.entity,
          }),
        )
      }
    >
      Confirm
    </Button>
  );
}
