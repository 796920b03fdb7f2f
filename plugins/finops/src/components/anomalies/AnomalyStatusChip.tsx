import Chip from '@material-ui/core/Chip';
import type { Anomaly } from '@costwise/plugin-finops-common';
import { ANOMALY_STATUS_LABELS } from './labels';

/** An anomaly's triage status; only a new one is coloured: it waits for someone. */
export const AnomalyStatusChip = ({ anomaly }: { anomaly: Anomaly }) => (
  <Chip
    size="small"
    variant="outlined"
    color={anomaly.status === 'new' ? 'secondary' : 'default'}
    label={ANOMALY_STATUS_LABELS[anomaly.status] ?? anomaly.status}
    data-testid="finops-anomaly-status"
    data-status={anomaly.status}
  />
);
