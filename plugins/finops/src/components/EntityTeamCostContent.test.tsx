import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { finopsApiRef } from '../api';
import { entity, resources, teamCosts } from '../__testUtils__/fixtures';
import { serve, server, testClient } from '../__testUtils__/server';
import { EntityTeamCostContent } from './EntityTeamCostContent';

const team = entity('Group', 'checkout-team', {});

const renderTeam = () =>
  renderInTestApp(
    <EntityProvider entity={team}>
      <EntityTeamCostContent />
    </EntityProvider>,
    {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

describe('EntityTeamCostContent', () => {
  registerMswTestHooks(server);

  it('shows the team total split by system, sub-team and component', async () => {
    const requests = serve('costs', teamCosts);
    const resourceRequests = serve('resources', resources);
    await renderTeam();
    const total = await screen.findByTestId('finops-team-total');
    expect(total).toHaveTextContent('$2,345.68');
    expect(total).toHaveAttribute('data-amount', '2345.6789');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/group/default/checkout-team/costs',
    );
    expect(requests[0].searchParams.get('groupBy')).toBe('child');

    const systems = screen.getByTestId('finops-team-systems');
    expect(within(systems).getByText('shop')).toBeInTheDocument();
    expect(within(systems).getByText('$1,500.00')).toBeInTheDocument();
    const subTeams = screen.getByTestId('finops-team-subteams');
    expect(within(subTeams).getByText('payments-team')).toBeInTheDocument();
    expect(within(subTeams).getByText('$800.25')).toBeInTheDocument();
    const components = screen.getByTestId('finops-team-components');
    expect(within(components).getByText('checkout-api')).toBeInTheDocument();
    expect(
      screen.getByText('Attributed to the team itself: $45.43'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('finops-cost-chart')).toBeInTheDocument();
    // components came from the breakdown, so resources were not needed
    expect(resourceRequests).toHaveLength(0);
  });

  it('falls back to the largest resources when the team owns no component', async () => {
    serve('costs', {
      ...teamCosts,
      series: teamCosts.series.filter(s => !s.key.startsWith('component:')),
    });
    serve('resources', resources);
    await renderTeam();
    const components = await screen.findByTestId('finops-team-components');
    expect(within(components).getByText('Top resources')).toBeInTheDocument();
    expect(
      within(components).getByText('checkout, "blue" node'),
    ).toBeInTheDocument();
  });

  it('says which members are left out and how much unattributed cost looks like the team', async () => {
    serve('costs', {
      ...teamCosts,
      hiddenMembers: {
        count: 2,
        message: "2 members' cost is left out: you are not allowed to read it.",
      },
      suggestions: { count: 3, amount: '12.5', currency: 'USD' },
    });
    serve('resources', resources);
    await renderTeam();
    expect(
      await screen.findByTestId('finops-hidden-members'),
    ).toHaveTextContent("2 members' cost is left out");
    expect(screen.getByTestId('finops-team-total')).toHaveTextContent(
      '$2,345.68',
    );
    expect(screen.getByTestId('finops-team-suggestions')).toHaveTextContent(
      "3 unattributed costs ($12.50) look like this team's",
    );
  });

  it('says plainly that the cost is not for this user, with the reason', async () => {
    serve(
      'costs',
      {
        error: { name: 'NotAllowedError', message: 'You may not read costs' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 403 },
      },
      403,
    );
    await renderTeam();
    const panel = await screen.findByTestId('finops-not-allowed');
    expect(panel).toHaveTextContent('You may not see this cost');
    expect(panel).toHaveTextContent('You may not read costs.');
    expect(panel).toHaveTextContent('costwise.dev/cost-visibility: owners');
    expect(panel).not.toHaveTextContent(/\$\d/);
    expect(screen.queryByTestId('finops-team-total')).not.toBeInTheDocument();
  });
});
