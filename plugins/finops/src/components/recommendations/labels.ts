import { shortId } from '../resources/ShortId';
import {
  OPEN_RECOMMENDATION_STATUSES,
  type DismissReason,
  type ImplementationEffort,
  type RecommendationStatus,
  type RecommendationStatusChange,
} from '@costwise/plugin-finops-common';

export const STATUS_LABELS: Record<RecommendationStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  deferred: 'Deferred',
  implemented: 'Implemented',
  dismissed: 'Dismissed',
  expired: 'Expired',
};

export const DISMISS_REASON_LABELS: Record<DismissReason, string> = {
  'not-applicable': 'Not applicable',
  'accepted-risk': 'Accepted risk: keep it as it is',
  'false-positive': 'False positive',
  other: 'Other (say why in the note)',
};

export function dismissReasonLabel(reason: string): string {
  return DISMISS_REASON_LABELS[reason as DismissReason] ?? reason;
}

export const EFFORTS: readonly ImplementationEffort[] = [
  'Very Low',
  'Low',
  'Medium',
  'High',
  'Very High',
];

/** The statuses still waiting for someone: the tab's default filter, the backlog. */
export const OPEN_STATUSES: RecommendationStatus[] = [
  ...OPEN_RECOMMENDATION_STATUSES,
];

/** What a user can do to a recommendation; each is one status change. */
export type StatusAction =
  | 'acknowledge'
  | 'implement'
  | 'defer'
  | 'dismiss'
  | 'reopen';

export const ACTIONS: Record<
  StatusAction,
  {
    status: RecommendationStatusChange['status'];
    /** The button's text. */
    label: string;
    /** The dialog's title and confirm button. */
    title: string;
    confirm: string;
    explanation: string;
  }
> = {
  acknowledge: {
    status: 'acknowledged',
    label: 'Acknowledge',
    title: 'Acknowledge the recommendation',
    confirm: 'Acknowledge',
    explanation:
      'Tells others the owners have seen it and are looking into it. It stays in the backlog.',
  },
  implement: {
    status: 'implemented',
    label: 'Implemented',
    title: 'Mark the recommendation implemented',
    confirm: 'Mark implemented',
    explanation:
      'Costwise then compares the resource’s cost before and after to verify the saving.',
  },
  defer: {
    status: 'deferred',
    label: 'Defer',
    title: 'Defer the recommendation',
    confirm: 'Defer',
    explanation: 'It comes back as open on the day you choose.',
  },
  dismiss: {
    status: 'dismissed',
    label: 'Dismiss',
    title: 'Dismiss the recommendation',
    confirm: 'Dismiss',
    explanation:
      'It leaves the backlog and is not reported again while its source keeps the same recommendation.',
  },
  reopen: {
    status: 'open',
    label: 'Reopen',
    title: 'Reopen the recommendation',
    confirm: 'Reopen',
    explanation: 'It goes back to the backlog as open.',
  },
};

/**
 * The changes offered from each status. The backend has the last word (it
 * answers 400 to a change it does not allow, and the dialog shows why).
 */
export const ACTIONS_BY_STATUS: Record<RecommendationStatus, StatusAction[]> = {
  open: ['acknowledge', 'implement', 'defer', 'dismiss'],
  acknowledged: ['implement', 'defer', 'dismiss'],
  deferred: ['implement', 'dismiss', 'reopen'],
  dismissed: ['reopen'],
  implemented: [],
  expired: [],
};

/** How a recommendation's resource reads in a row, a dialog or a button label. */
export function resourceLabel(item: {
  resourceName?: string;
  resourceId: string | null;
  subcategory: string;
}): string {
  if (item.resourceName) return item.resourceName;
  if (item.resourceId) return shortId(item.resourceId);
  return `${item.subcategory} (no resource)`;
}

/** The server's own words for a failed request (`ResponseError` keeps them in `cause`). */
export function errorMessage(error: Error): string {
  const cause = error.cause as { message?: string } | undefined;
  return cause?.message ?? error.message;
}
