import {
  DEFAULT_FILTERS,
  isDefaultFilters,
  toQuery,
} from './RecommendationFilters';
import { ACTIONS_BY_STATUS } from './labels';

describe('recommendation filters', () => {
  it('opens on the backlog, everything else unfiltered', () => {
    expect(toQuery(DEFAULT_FILTERS)).toEqual({
      status: ['open', 'acknowledged', 'deferred'],
      subcategory: undefined,
      source: undefined,
      effort: undefined,
    });
    expect(isDefaultFilters(DEFAULT_FILTERS)).toBe(true);
  });

  it('sends every chosen filter, and no status for all statuses', () => {
    const filters = {
      status: [],
      subcategory: 'Scaling' as const,
      source: 'aws-coh',
      effort: 'High' as const,
    };
    expect(toQuery(filters)).toEqual({
      status: undefined,
      subcategory: 'Scaling',
      source: 'aws-coh',
      effort: 'High',
    });
    expect(isDefaultFilters(filters)).toBe(false);
    expect(
      isDefaultFilters({
        ...DEFAULT_FILTERS,
        status: ['deferred', 'open', 'acknowledged'],
      }),
    ).toBe(true);
  });

  it('offers reopening only from deferred and dismissed, and nothing once settled', () => {
    const reopenable = Object.entries(ACTIONS_BY_STATUS)
      .filter(([, actions]) => actions.includes('reopen'))
      .map(([status]) => status);
    expect(reopenable.sort()).toEqual(['deferred', 'dismissed']);
    expect(ACTIONS_BY_STATUS.implemented).toEqual([]);
    expect(ACTIONS_BY_STATUS.expired).toEqual([]);
  });
});
