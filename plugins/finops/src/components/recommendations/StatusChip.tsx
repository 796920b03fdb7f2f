import Chip from '@material-ui/core/Chip';
import type { Recommendation } from '@costwise/plugin-finops-common';
import { formatLongDay } from '../shared/format';
import { dismissReasonLabel, STATUS_LABELS } from './labels';

/** The status in words, with the day a deferred one comes back or why it was dismissed. */
export function statusText(item: Recommendation): string {
  const label = STATUS_LABELS[item.status] ?? item.status;
  if (item.status === 'deferred' && item.deferredUntil)
    return `${label} until ${formatLongDay(item.deferredUntil)}`;
  if (item.status === 'dismissed' && item.dismissReason)
    return `${label}: ${dismissReasonLabel(item.dismissReason).toLowerCase()}`;
  return label;
}

/** A recommendation's status; the words say it all, the colour only marks the ones waiting. */
export const StatusChip = ({ item }: { item: Recommendation }) => (
  <Chip
    size="small"
    variant="outlined"
    color={item.status === 'open' ? 'primary' : 'default'}
    label={statusText(item)}
    data-testid="finops-rec-status"
    data-status={item.status}
  />
);
