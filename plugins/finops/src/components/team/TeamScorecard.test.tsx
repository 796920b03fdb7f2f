import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type { TeamScorecard } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { checkoutTeam, kpi } from '../../__testUtils__/governance';
import { serve, server, testClient } from '../../__testUtils__/server';
import { TeamScorecardSection } from './TeamScorecard';

const renderScorecard = () =>
  renderInTestApp(
    <TeamScorecardSection
      teamRef="group:default/checkout-team"
      currency="USD"
    />,
    { apis: [[finopsApiRef, testClient()]] },
  );

const scorecard: TeamScorecard = {
  ...checkoutTeam,
  kpis: [
    ...checkoutTeam.kpis.map(k =>
      k.id === 'time-to-action' ? { ...k, detail: { p90: 75.5 } } : k,
    ),
    kpi('unit-cost-trend', -0.031, {
      detail: {
        change3m: -0.031,
        slope3m: -0.0021,
        change6m: -0.08,
        slope6m: -0.0019,
        change12m: 0.12,
        slope12m: 0.004,
      },
    }),
  ],
};

const row = (id: string) =>
  within(screen.getByTestId('finops-team-scorecard'))
    .getAllByTestId('finops-scorecard-kpi')
    .find(r => r.getAttribute('data-kpi') === id)!;

describe('TeamScorecardSection', () => {
  registerMswTestHooks(server);

  it('shows the p90 next to the median time to action', async () => {
    serve('scorecard', scorecard);
    await renderScorecard();
    await screen.findByTestId('finops-team-scorecard');
    expect(row('time-to-action')).toHaveTextContent('40 days');
    expect(
      within(row('time-to-action')).getByTestId('finops-kpi-p90'),
    ).toHaveTextContent('median · p90 75.5 days');
  });

  it('shows the unit cost trend over 3, 6 and 12 months, with change and slope', async () => {
    serve('scorecard', scorecard);
    await renderScorecard();
    await screen.findByTestId('finops-team-scorecard');
    const trend = row('unit-cost-trend');
    expect(within(trend).getByTestId('finops-kpi-value')).toHaveTextContent(
      '−3.1%',
    );
    expect(
      within(trend)
        .getAllByTestId('finops-kpi-trend')
        .map(l => l.textContent),
    ).toEqual([
      '3 months: −3.1%, slope −$0.0021/month',
      '6 months: −8%, slope −$0.0019/month',
      '12 months: +12%, slope +$0.004/month',
    ]);
  });

  it('says a window without two whole months has no trend, never 0%', async () => {
    serve('scorecard', {
      ...scorecard,
      kpis: [
        kpi('unit-cost-trend', 0.02, {
          detail: {
            change3m: 0.02,
            slope3m: 0.001,
            change6m: null,
            slope6m: null,
            change12m: null,
            slope12m: null,
          },
        }),
      ],
    });
    await renderScorecard();
    await screen.findByTestId('finops-team-scorecard');
    const lines = within(row('unit-cost-trend')).getAllByTestId(
      'finops-kpi-trend',
    );
    expect(lines[1]).toHaveTextContent(
      '6 months: fewer than two whole months with usage',
    );
    expect(lines[2]).not.toHaveTextContent(/0%/);
  });
});
