import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import {
  checkoutTeam,
  governanceKpis,
  kpi,
  paymentsTeam,
} from '../../__testUtils__/governance';
import { Leaderboard } from './Leaderboard';

const render = (teams = [checkoutTeam, paymentsTeam]) =>
  renderInTestApp(
    <Leaderboard
      teams={teams}
      organization={governanceKpis.organization}
      currency="USD"
    />,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

const headers = () =>
  within(screen.getByRole('table', { name: 'Team leaderboard' }))
    .getAllByRole('columnheader')
    .map(h => h.textContent);

describe('the team leaderboard', () => {
  it('has a column for each KPI a team is measured on, and names the others once', async () => {
    await render();
    expect(headers()).toEqual([
      'Team',
      'Attribution coverage',
      'Recommendations actioned',
      'Time from insight to action',
      'Among peers',
    ]);
    // the organization's own KPIs are not a column of "not measured yet"
    expect(
      screen.queryByRole('columnheader', { name: /FinOps overhead/ }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('finops-leaderboard')).toHaveTextContent(
      /No team is measured on .*FinOps overhead per \$1M.* yet; see the organization's KPIs above\./,
    );
  });

  it('adds a column as soon as one team is measured on it', async () => {
    const measured = {
      ...paymentsTeam,
      kpis: [...paymentsTeam.kpis, kpi('budget-adherence', 0.5)],
    };
    await render([checkoutTeam, measured]);
    expect(headers()).toContain('Budget adherence');
    const rows = screen.getAllByTestId('finops-leaderboard-row');
    // the team without a budget shows a dash, not a zero
    expect(rows.map(r => r.getAttribute('data-team'))).toEqual([
      'group:default/checkout-team',
      'group:default/payments-team',
    ]);
  });

  it('keeps each team name on one line', async () => {
    await render();
    const link = screen.getByRole('link', { name: 'checkout-team title' });
    expect(link.closest('th')).toHaveStyle({ whiteSpace: 'nowrap' });
  });
});
