import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import type {
  Recommendation,
  RecommendationDetail,
} from '@costwise/plugin-finops-common';
import { useState } from 'react';
import {
  ACTIONS,
  ACTIONS_BY_STATUS,
  resourceLabel,
  type StatusAction,
} from './labels';
import { StatusDialog } from './StatusDialog';

const TEST_IDS: Record<StatusAction, string> = {
  acknowledge: 'finops-rec-acknowledge',
  implement: 'finops-rec-implement',
  defer: 'finops-rec-defer',
  dismiss: 'finops-rec-dismiss',
  reopen: 'finops-rec-reopen',
};

/**
 * The status changes offered from a recommendation's status, each opening
 * its dialog. Rendered only for callers who may change it: a button that
 * cannot be used is noise.
 */
export const StatusActions = ({
  recommendation,
  onChanged,
}: {
  recommendation: Recommendation;
  onChanged: (updated: RecommendationDetail) => void;
}) => {
  const [action, setAction] = useState<StatusAction>();
  const actions = ACTIONS_BY_STATUS[recommendation.status] ?? [];
  if (actions.length === 0) return null;
  const label = resourceLabel(recommendation);
  return (
    <Box display="flex" flexWrap="wrap" gridGap={4}>
      {actions.map(a => (
        <Button
          key={a}
          size="small"
          variant="outlined"
          aria-label={`${ACTIONS[a].label}: ${recommendation.subcategory} of ${label}`}
          data-testid={TEST_IDS[a]}
          // a word broken over two lines reads as two
          style={{ whiteSpace: 'nowrap', textTransform: 'none' }}
          onClick={() => setAction(a)}
        >
          {ACTIONS[a].label}
        </Button>
      ))}
      {action && (
        <StatusDialog
          action={action}
          recommendation={recommendation}
          onClose={() => setAction(undefined)}
          onDone={updated => {
            setAction(undefined);
            onChanged(updated);
          }}
        />
      )}
    </Box>
  );
};
