import type { Entity } from '@backstage/catalog-model';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { finopsApiRef } from '../../api';
import { entity } from '../../__testUtils__/fixtures';
import {
  detailOf,
  entityRecommendations,
  idleVolume,
  recommendationKpis,
  serveTab,
  TEAM_ROUTE,
  teamKpis,
} from '../../__testUtils__/recommendations';
import {
  errorBody,
  serve,
  serveRoute,
  serveStatusChange,
  server,
  testClient,
} from '../../__testUtils__/server';
import { EntityRecommendationsContent } from '../EntityRecommendationsContent';

const renderTab = (shown: Entity = entity()) =>
  renderInTestApp(
    <EntityProvider entity={shown}>
      <EntityRecommendationsContent />
    </EntityProvider>,
    {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

const withMonths = {
  ...entityRecommendations,
  kpis: {
    ...recommendationKpis,
    months: [
      {
        month: '2025-10',
        opened: 2,
        implemented: 1,
        actionedRate: 0.5,
        realizedSavings: '40',
      },
      {
        month: '2025-11',
        opened: 1,
        implemented: 0,
        actionedRate: null,
        realizedSavings: '0',
      },
    ],
  },
};

/** The cells of one figure's row of a month-by-month table, by month. */
function monthRow(table: HTMLElement, row: string) {
  const tr = table.querySelector(`tr[data-row="${row}"]`) as HTMLElement;
  return Object.fromEntries(
    [...tr.querySelectorAll('td[data-month]')].map(c => [
      c.getAttribute('data-month'),
      c.textContent,
    ]),
  );
}

describe('the Recommendations tab', () => {
  registerMswTestHooks(server);

  it("shows the owning team's KPIs under the entity's own, each with its months", async () => {
    const requests = serveTab(withMonths);
    await renderTab();
    const team = await screen.findByTestId('finops-team-rec-kpis');
    expect(requests.team[0].url.pathname).toBe(`/api/finops${TEAM_ROUTE}`);
    expect(
      within(team).getByRole('heading', { name: /Owning team: checkout-team/ }),
    ).toBeInTheDocument();
    expect(
      within(team).getByRole('link', { name: 'checkout-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/checkout-team');
    expect(
      within(team).getByTestId('finops-team-rec-kpi-actioned'),
    ).toHaveTextContent('45%');
    expect(
      within(team).getByTestId('finops-team-rec-kpi-implement-days'),
    ).toHaveTextContent('median 20 daysp90 61 days');
    expect(
      within(team).getByTestId('finops-team-rec-kpi-backlog'),
    ).toHaveAttribute('data-count', '11');
    expect(team).toHaveTextContent('$4,200.00/month to save');
    const teamMonths = within(team).getByTestId('finops-team-rec-months');
    expect(
      within(teamMonths)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Figure', 'Oct 25', 'Nov 25']);
    expect(monthRow(teamMonths, 'opened')).toEqual({
      '2025-10': '5',
      '2025-11': '3',
    });
    expect(monthRow(teamMonths, 'actioned')).toEqual({
      '2025-10': '40%',
      '2025-11': '100%',
    });
    expect(monthRow(teamMonths, 'realized')).toEqual({
      '2025-10': '$0.00',
      '2025-11': '$812.50',
    });

    // the entity's own, apart and first
    const own = screen.getByTestId('finops-rec-kpis');
    expect(
      within(own).getByRole('heading', { name: "This component's progress" }),
    ).toBeInTheDocument();
    expect(screen.getAllByTestId('finops-rec-kpi-actioned')).toHaveLength(1);
    expect(
      own.compareDocumentPosition(team) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    const ownMonths = within(own).getByTestId('finops-rec-months');
    expect(monthRow(ownMonths, 'implemented')).toEqual({
      '2025-10': '1',
      '2025-11': '0',
    });
    // no rate without anything to rate, never 0%
    expect(monthRow(ownMonths, 'actioned')['2025-11']).toBe('–');
  });

  it("asks for the team's KPIs again after a status change", async () => {
    const requests = serveTab(entityRecommendations);
    serveStatusChange(detailOf({ ...idleVolume, status: 'acknowledged' }));
    await renderTab();
    await screen.findByTestId('finops-team-rec-kpis');
    expect(requests.team).toHaveLength(1);
    const row = screen
      .getAllByTestId('finops-recommendation')
      .find(r => r.getAttribute('data-id') === idleVolume.id)!;
    await userEvent.click(within(row).getByTestId('finops-rec-acknowledge'));
    const dialog = await screen.findByRole('dialog', {
      name: 'Acknowledge the recommendation',
    });
    await userEvent.click(within(dialog).getByTestId('finops-rec-confirm'));
    await waitFor(() => expect(requests.team).toHaveLength(2));
    expect(requests).toHaveLength(2);
  });

  it("leaves the team's KPIs out, quietly, when the caller may not read the team", async () => {
    serveTab(entityRecommendations);
    // the later handler answers the team's route
    serveRoute(
      'get',
      TEAM_ROUTE,
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    await waitFor(() =>
      expect(
        screen.queryByTestId('finops-team-rec-kpis'),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByTestId('finops-team-rec-error'),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('finops-not-allowed')).not.toBeInTheDocument();
  });

  it("shows no second panel on a Group's own tab: its KPIs are the team's", async () => {
    const requests = serve('recommendations', {
      ...entityRecommendations,
      entityRef: 'group:default/checkout-team',
      kpis: teamKpis,
    });
    await renderTab(entity('Group', 'checkout-team', {}));
    const own = await screen.findByTestId('finops-rec-kpis');
    expect(
      within(own).getByRole('heading', { name: "This group's progress" }),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('finops-team-rec-kpis'),
    ).not.toBeInTheDocument();
    expect(requests).toHaveLength(1);
  });

  it('offers the actions as icon buttons on one line, named in full and labelled in a tooltip', async () => {
    serveTab(entityRecommendations);
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    const row = screen
      .getAllByTestId('finops-recommendation')
      .find(r => r.getAttribute('data-id') === idleVolume.id)!;
    const actions = within(row).getByTestId('finops-rec-actions');
    const buttons = within(actions).getAllByRole('button');
    expect(buttons.map(b => b.getAttribute('aria-label'))).toEqual([
      'Acknowledge: Idle Resource Removal of checkout-scratch',
      'Implemented: Idle Resource Removal of checkout-scratch',
      'Defer: Idle Resource Removal of checkout-scratch',
      'Dismiss: Idle Resource Removal of checkout-scratch',
    ]);
    // no words to break over two lines: an icon each, on one line
    expect(actions).toHaveTextContent(/^$/);
    expect(actions).toHaveStyle({ flexWrap: 'nowrap' });
    for (const b of buttons) expect(b.querySelector('svg')).not.toBeNull();

    await userEvent.hover(buttons[0]);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      /^Acknowledge$/,
    );
  });
});
