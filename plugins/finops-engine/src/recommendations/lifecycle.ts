import { InputError } from '@backstage/errors';
import {
  Decimal,
  DISMISS_REASONS,
  DismissReason,
  RecommendationRow,
  RecommendationStatus,
  RecommendationStatusChange,
} from '@costwise/plugin-finops-common';
import type {
  StoredRecommendation,
  StoredRecommendationEvent,
} from '../stores';
import { isCalendarDay } from '../metrics/validate';
import { timesFactor } from './verification';

/** The engine acting on its own (imports, expiry, the end of a deferral). @public */
export const ENGINE_ACTOR = 'costwise';

const TRANSITIONS: Record<RecommendationStatus, RecommendationStatus[]> = {
  open: ['acknowledged', 'implemented', 'deferred', 'dismissed'],
  acknowledged: ['open', 'implemented', 'deferred', 'dismissed'],
  deferred: ['open', 'acknowledged', 'implemented', 'dismissed'],
  dismissed: ['open'],
  implemented: ['open'],
  expired: [],
};

/**
 * A recommendation moved to another status: the record as it ends (without
 * its verification, which the caller adds when implemented) and the event,
 * once the transition and what it needs (a reason to dismiss, a later day
 * to defer) are checked. Dismissing keeps the estimate of the moment, which
 * a later import compares with to reopen it.
 */
export function statusChange(
  before: StoredRecommendation,
  change: RecommendationStatusChange,
  actor: string,
  at: string,
): { record: StoredRecommendation; event: StoredRecommendationEvent } {
  const to = change.status as RecommendationStatus;
  if (!(to in TRANSITIONS) || to === 'expired')
    throw new InputError(
      `Unknown status '${change.status}': use open, acknowledged, implemented, deferred or dismissed`,
    );
  if (before.status === to)
    throw new InputError(`The recommendation is already ${to}`);
  if (!TRANSITIONS[before.status].includes(to))
    throw new InputError(
      before.status === 'expired'
        ? 'The recommendation has expired: its source no longer reports it, or its resource left the cost data'
        : `A recommendation that is ${before.status} cannot become ${to}${
            TRANSITIONS[before.status].length
              ? `; it can become ${TRANSITIONS[before.status].join(' or ')}`
              : ''
          }`,
    );
  const note = change.note?.trim() || undefined;
  if (note && note.length > 2000)
    throw new InputError('The note is longer than 2,000 characters');
  const record: StoredRecommendation = {
    ...before,
    status: to,
    statusChangedAt: at,
  };
  delete record.dismissReason;
  delete record.dismissedSavings;
  delete record.deferredUntil;
  delete record.statusNote;
  if (note) record.statusNote = note;
  if (to === 'dismissed') {
    if (!change.reason || !DISMISS_REASONS.includes(change.reason))
      throw new InputError(
        `Dismissing needs a reason: ${DISMISS_REASONS.join(', ')}`,
      );
    if (change.reason === 'other' && !note)
      throw new InputError(
        "Dismissing for reason 'other' needs a note that says why",
      );
    record.dismissReason = change.reason;
    record.dismissedSavings = before.estimatedMonthlySavings;
  } else if (change.reason) {
    throw new InputError('A reason is given only when dismissing');
  }
  if (to === 'deferred') {
    if (!change.until || !/^\d{4}-\d{2}-\d{2}$/.test(change.until))
      throw new InputError(
        'Deferring needs the day until which it is deferred (until: YYYY-MM-DD)',
      );
    if (!isCalendarDay(change.until) || change.until <= at.slice(0, 10))
      throw new InputError(
        `Deferring needs a day after today (${at.slice(0, 10)}); got ${
          change.until
        }`,
      );
    record.deferredUntil = change.until;
  } else if (change.until) {
    throw new InputError('A day (until) is given only when deferring');
  }
  if (!before.firstResponseAt && to !== 'open') record.firstResponseAt = at;
  if (to === 'implemented') {
    record.implementedAt = at;
  } else {
    delete record.implementedAt;
    delete record.verification;
  }
  return {
    record,
    event: {
      recommendation: before.id,
      at,
      actor,
      from: before.status,
      to,
      ...(change.reason ? { reason: change.reason } : {}),
      ...(note ? { note } : {}),
      ...(record.deferredUntil ? { deferredUntil: record.deferredUntil } : {}),
    },
  };
}

/** What an import knows of a recommendation, whatever its status. */
export type ReportedRecommendation = Omit<
  StoredRecommendation,
  'status' | 'firstSeen' | 'statusChangedAt'
>;

/**
 * A recommendation a source reports for the first time: open, unless the
 * source says it was dismissed or implemented there.
 */
export function firstReport(
  base: ReportedRecommendation,
  at: string,
): { record: StoredRecommendation; event: StoredRecommendationEvent } {
  const row: RecommendationRow = base.row;
  const reported: Partial<Record<string, RecommendationStatus>> = {
    Dismissed: 'dismissed',
    Implemented: 'implemented',
  };
  const status: RecommendationStatus =
    reported[row.RecommendationStatus ?? ''] ?? 'open';
  return {
    record: {
      ...base,
      status,
      firstSeen: at,
      statusChangedAt: at,
      ...(status === 'dismissed'
        ? {
            dismissReason: 'other' as DismissReason,
            dismissedSavings: base.estimatedMonthlySavings,
            statusNote: `dismissed at the source (${row.DataGeneratorName})`,
          }
        : {}),
      ...(status === 'implemented' ? { implementedAt: at } : {}),
    },
    event: {
      recommendation: base.id,
      at,
      actor: ENGINE_ACTOR,
      from: null,
      to: status,
      reason: `reported by ${base.source}`,
    },
  };
}

/**
 * Why a recommendation a source reports again reopens, if it does: it had
 * expired, or it was dismissed and the estimate grew by more than
 * `reopenFactor` over the one it was dismissed with (not the last one
 * imported, so that growth in small steps adds up).
 */
export function reopenReason(
  before: StoredRecommendation,
  saving: Decimal,
  options: { source: string; currency: string; reopenFactor: number },
): string | undefined {
  if (before.status === 'expired') return `reported again by ${options.source}`;
  if (before.status !== 'dismissed') return undefined;
  const dismissed = Decimal.parse(
    before.dismissedSavings ?? before.estimatedMonthlySavings,
  );
  if (
    saving.compare(timesFactor(dismissed, options.reopenFactor)) <= 0 ||
    saving.compare(dismissed) <= 0
  )
    return undefined;
  return `the estimate grew from ${dismissed.toFixed(2)} to ${saving.toFixed(
    2,
  )} ${options.currency} a month since it was dismissed, more than ${
    options.reopenFactor
  }×`;
}

/**
 * `rec` opened again (as the engine, for `reason`): the record and the
 * event.
 */
export function reopen(
  rec: StoredRecommendation,
  reason: string,
  at: string,
): { record: StoredRecommendation; event: StoredRecommendationEvent } {
  const record: StoredRecommendation = {
    ...rec,
    status: 'open',
    statusChangedAt: at,
  };
  delete record.dismissReason;
  delete record.dismissedSavings;
  delete record.statusNote;
  delete record.deferredUntil;
  return {
    record,
    event: {
      recommendation: rec.id,
      at,
      actor: ENGINE_ACTOR,
      from: rec.status,
      to: 'open',
      reason,
    },
  };
}

/** `rec` expired (as the engine, for `reason`): the record and the event. */
export function expire(
  rec: StoredRecommendation,
  reason: string,
  at: string,
): { record: StoredRecommendation; event: StoredRecommendationEvent } {
  const record: StoredRecommendation = {
    ...rec,
    status: 'expired',
    statusChangedAt: at,
  };
  delete record.deferredUntil;
  return {
    record,
    event: {
      recommendation: rec.id,
      at,
      actor: ENGINE_ACTOR,
      from: rec.status,
      to: 'expired',
      reason,
    },
  };
}
