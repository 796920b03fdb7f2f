import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import NotInterested from '@material-ui/icons/NotInterested';
import Replay from '@material-ui/icons/Replay';
import Snooze from '@material-ui/icons/Snooze';
import Visibility from '@material-ui/icons/Visibility';
import type {
  Recommendation,
  RecommendationDetail,
} from '@costwise/plugin-finops-common';
import { useState, type ComponentType } from 'react';
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

const ICONS: Record<StatusAction, ComponentType<{ fontSize?: 'small' }>> = {
  acknowledge: Visibility,
  implement: CheckCircleOutline,
  defer: Snooze,
  dismiss: NotInterested,
  reopen: Replay,
};

/**
 * The status changes offered from a recommendation's status, each opening
 * its dialog: icon buttons on one line, named by their label and by what
 * they change (tooltip and accessible name), so that four of them fit a
 * table cell. Rendered only for callers who may change it: a button that
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
    <Box
      display="flex"
      flexWrap="nowrap"
      gridGap={2}
      data-testid="finops-rec-actions"
    >
      {actions.map(a => {
        const Icon = ICONS[a];
        return (
          <Tooltip key={a} title={ACTIONS[a].label}>
            <IconButton
              size="small"
              aria-label={`${ACTIONS[a].label}: ${recommendation.subcategory} of ${label}`}
              data-testid={TEST_IDS[a]}
              onClick={() => setAction(a)}
            >
              <Icon fontSize="small" />
            </IconButton>
          </Tooltip>
        );
      })}
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
