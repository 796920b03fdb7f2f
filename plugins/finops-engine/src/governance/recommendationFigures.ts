import { monthEnd } from '../model';
import { recommendationKpis } from '../recommendations';
import type { RecommendationStore } from '../stores';
import { Figures, measured, monthsBack } from './types';

type StoredRecommendations = Awaited<ReturnType<RecommendationStore['list']>>;

/**
 * The share of the recommendations first seen in the 12 months up to the
 * month that were implemented, and the days from insight to action
 * (median, with the 90th percentile beside it).
 */
export function recommendationFigures(
  recs: StoredRecommendations,
  month: string,
  currency: string,
  figures: Figures,
): void {
  const k = recommendationKpis(recs, {
    from: `${monthsBack(month, 11)}-01`,
    to: monthEnd(`${month}-01`),
    currency,
  });
  figures.set(
    'recommendations-actioned',
    measured(k.actionedRate, 'no recommendations in the 12 months', {
      opened: k.opened,
      implemented: k.implemented,
      bySavings: k.actionedRateBySavings,
    }),
  );
  figures.set(
    'time-to-action',
    measured(
      k.timeToImplementDays.median,
      'no recommendation implemented in the 12 months',
      { p90: k.timeToImplementDays.p90 },
    ),
  );
}
