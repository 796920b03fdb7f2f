import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { RecommendationMonths } from './RecommendationMonths';

const month = (m: string, opened = 0, implemented = 0, realized = '0') => ({
  month: m,
  opened,
  implemented,
  actionedRate: opened ? implemented / opened : null,
  realizedSavings: realized,
});

describe('the month-by-month table', () => {
  it('starts at the first month with activity, so the recent months are in view', async () => {
    await renderInTestApp(
      <RecommendationMonths
        months={[
          month('2025-12'),
          month('2026-01'),
          month('2026-10', 2),
          month('2026-11', 3, 1, '120.5'),
          month('2026-12'),
        ]}
        currency="USD"
        testId="months"
      />,
    );
    const heads = screen
      .getAllByRole('columnheader')
      .map(h => h.querySelector('abbr')?.getAttribute('title'))
      .filter(Boolean);
    expect(heads).toEqual(['October 2026', 'November 2026', 'December 2026']);
    expect(screen.getByTestId('months')).toHaveTextContent('$120.50');
  });

  it('says so when nothing happened in the months', async () => {
    await renderInTestApp(
      <RecommendationMonths
        months={[month('2026-11'), month('2026-12')]}
        currency="USD"
        testId="months"
      />,
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByTestId('months')).toHaveTextContent(
      'no recommendation was first seen, implemented or verified from November 2026 to December 2026',
    );
  });
});
