import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { finopsApiRef } from '../api';
import {
  benchmark,
  entity,
  noUnitMetric,
  resources,
  summary,
  teamByTeam,
  teamBySystem,
  teamCosts,
  twoPeers,
  unitCostDaily,
  unitCostMonthly,
} from '../__testUtils__/fixtures';
import { checkoutTeam } from '../__testUtils__/governance';
import { errorBody, serve, server, testClient } from '../__testUtils__/server';
import { teamStatement } from '../__testUtils__/statement';
import { EntityTeamCostContent } from './EntityTeamCostContent';
import type { EntityCosts } from '@costwise/plugin-finops-common';

/** The team's three breakdowns, each by what the UI asked for. */
const byGroupBy =
  (child: EntityCosts = teamCosts) =>
  (url: URL) => {
    const groupBy = url.searchParams.get('groupBy');
    if (groupBy === 'system') return teamBySystem;
    if (groupBy === 'team') return teamByTeam;
    return child;
  };

const team = entity('Group', 'checkout-team', {});

const TEAM = 'group:default/checkout-team';

const catalogEntity = (
  kind: string,
  name: string,
  relations: Array<[string, string]>,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', title: `${name} title`, annotations },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

/**
 * The team owns three systems: `shop` measures its own unit cost, `platform`
 * does not but one of its components does, `legacy` has no metric at all.
 * Another team's system must not appear.
 */
const catalog = [
  catalogEntity('System', 'shop', [['ownedBy', TEAM]], {
    'costwise.dev/unit-metric': 'orders',
  }),
  catalogEntity('System', 'platform', [['ownedBy', TEAM]]),
  catalogEntity('System', 'legacy', [['ownedBy', TEAM]]),
  catalogEntity('System', 'elsewhere', [
    ['ownedBy', 'group:default/other-team'],
  ]),
  catalogEntity(
    'Component',
    'gateway',
    [['partOf', 'system:default/platform']],
    {
      'costwise.dev/unit-metric': 'requests per 1000',
    },
  ),
  catalogEntity('Component', 'cron', [['partOf', 'system:default/platform']]),
];

const orders = { metric: 'orders', per: 1, label: 'order' };

/** Unit cost by entity: the shop falls, the gateway falls, the platform has none. */
function unitCostOfEntity(url: URL) {
  if (url.pathname.endsWith('/system/default/shop/unit-cost')) {
    return {
      ...unitCostMonthly,
      entityRef: 'system:default/shop',
      unitMetric: orders,
      trend: { slope: 0.1, change: '0.05', ratio: 0.125, direction: 'up' },
    };
  }
  if (url.pathname.endsWith('/component/default/gateway/unit-cost')) {
    return { ...unitCostDaily, entityRef: 'component:default/gateway' };
  }
  return {
    ...noUnitMetric,
    entityRef: url.pathname,
  };
}

const renderTeam = () =>
  renderInTestApp(
    <EntityProvider entity={team}>
      <EntityTeamCostContent />
    </EntityProvider>,
    {
      apis: [
        [finopsApiRef, testClient()],
        [catalogApiRef, catalogApiMock({ entities: catalog })],
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

describe('EntityTeamCostContent', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    serve('unit-cost', unitCostOfEntity);
    serve('benchmark', benchmark);
    serve('summary', { ...summary, entityRef: TEAM, asOf: '2025-11-26' });
    // no scorecard unless a test serves one
    serve('scorecard', errorBody('NotFoundError', 'No scorecard', 404), 404);
    serve('statement', teamStatement);
  });

  it("shows the team's statement with its sub-teams apart", async () => {
    serve('costs', byGroupBy());
    serve('resources', resources);
    await renderTeam();
    const statement = await screen.findByTestId('finops-statement');
    expect(statement).toHaveAttribute('data-month', '2025-11');
    expect(
      within(statement)
        .getAllByTestId('finops-statement-subteam')
        .map(s => s.dataset.team),
    ).toEqual(['group:default/checkout-mobile']);
    expect(
      within(statement)
        .getAllByTestId('finops-statement-total')
        .map(t => [t.dataset.currency, t.dataset.amount]),
    ).toEqual([
      ['USD', '1300.6'],
      ['EUR', '12.345'],
    ]);
  });

  it('shows the team total split by system and by sub-team, each adding up to it', async () => {
    const requests = serve('costs', byGroupBy());
    const resourceRequests = serve('resources', resources);
    await renderTeam();
    const total = await screen.findByTestId('finops-team-total');
    expect(total).toHaveTextContent('$2,345.68');
    expect(total).toHaveAttribute('data-amount', '2345.6789');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/group/default/checkout-team/costs',
    );
    expect(new Set(requests.map(r => r.searchParams.get('groupBy')))).toEqual(
      new Set(['system', 'team', 'child']),
    );
    // the periods end on the last day with data, as the card's do
    expect(requests[0].searchParams.get('to')).toBe('2025-11-26');
    expect(requests[0].searchParams.get('from')).toBe('2025-10-28');

    const systems = screen.getByTestId('finops-team-systems');
    expect(within(systems).getByText('$1,500.00')).toBeInTheDocument();
    expect(within(systems).getByText('Not in any system')).toBeInTheDocument();
    expect(screen.getByTestId('finops-team-systems-total')).toHaveAttribute(
      'data-amount',
      '2345.6789',
    );
    const subTeams = await screen.findByTestId('finops-team-subteams');
    await waitFor(() =>
      expect(
        within(subTeams).getByText('checkout-team itself (not a sub-team)'),
      ).toBeInTheDocument(),
    );
    expect(within(subTeams).getByText('$800.25')).toBeInTheDocument();
    expect(screen.getByTestId('finops-team-subteams-total')).toHaveAttribute(
      'data-amount',
      '2345.6789',
    );
    const components = await screen.findByTestId('finops-team-components');
    expect(within(components).getByText('checkout-api')).toBeInTheDocument();
    expect(screen.getByTestId('finops-cost-chart')).toBeInTheDocument();
    // components came from the breakdown, so resources were not needed
    expect(resourceRequests).toHaveLength(0);
  });

  it('falls back to the largest resources when the team owns no component', async () => {
    serve(
      'costs',
      byGroupBy({
        ...teamCosts,
        series: teamCosts.series.filter(s => !s.key.startsWith('component:')),
      }),
    );
    serve('resources', resources);
    await renderTeam();
    const components = await screen.findByTestId('finops-team-components');
    expect(within(components).getByText('Top resources')).toBeInTheDocument();
    expect(
      within(components).getByText('checkout, "blue" node'),
    ).toBeInTheDocument();
  });

  it('says which members are left out and how much unattributed cost looks like the team', async () => {
    const hidden = {
      hiddenMembers: {
        count: 2,
        message: "2 members' cost is left out: you are not allowed to read it.",
      },
      suggestions: { count: 3, amount: '12.5', currency: 'USD' },
    };
    serve('costs', url => ({ ...byGroupBy()(url), ...hidden }));
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

  it("shows each system's unit-cost trend, or its components' when it has none", async () => {
    serve('costs', byGroupBy());
    serve('resources', resources);
    const requests = serve('unit-cost', unitCostOfEntity);
    await renderTeam();
    const section = await screen.findByTestId('finops-team-unit-costs');
    const shop = await within(section).findByText('shop title');
    const shopRow = shop.closest('tr')!;
    await waitFor(() =>
      expect(
        within(shopRow).getByTestId('finops-team-unit-cost'),
      ).toHaveTextContent('$0.252 per order'),
    );
    expect(within(shopRow).getByTestId('finops-unit-trend')).toHaveAttribute(
      'data-direction',
      'up',
    );
    expect(
      within(shopRow).getByRole('img', {
        name: 'Cost per order of shop title per month, rising',
      }),
    ).toBeInTheDocument();

    // platform has no metric of its own: its measured component stands in
    const gateway = await within(section).findByText('gateway title');
    const gatewayRow = gateway.closest('tr')!;
    await waitFor(() =>
      expect(
        within(gatewayRow).getByTestId('finops-team-unit-cost'),
      ).toHaveTextContent('$0.597 per 1k requests'),
    );
    expect(within(gatewayRow).getByTestId('finops-unit-trend')).toHaveAttribute(
      'data-direction',
      'down',
    );
    expect(within(section).getByText('platform title')).toBeInTheDocument();
    expect(within(section).queryByText('cron title')).not.toBeInTheDocument();

    const legacy = within(section).getByText('legacy title').closest('tr')!;
    expect(legacy).toHaveTextContent(
      'No unit metric: add costwise.dev/unit-metric to the system or its components.',
    );
    expect(
      within(section).queryByText('elsewhere title'),
    ).not.toBeInTheDocument();

    const shopRequest = requests.find(r =>
      r.pathname.endsWith('/system/default/shop/unit-cost'),
    )!;
    expect(shopRequest.searchParams.get('granularity')).toBe('day');
    expect(shopRequest.searchParams.get('measure')).toBe('EffectiveCost');
  });

  it("shows the team's position among teams", async () => {
    serve('costs', byGroupBy());
    serve('resources', resources);
    const requests = serve('benchmark', {
      ...benchmark,
      entityRef: TEAM,
      cohort: { basis: 'all-teams', label: 'teams', size: 6 },
    });
    await renderTeam();
    const panel = await screen.findByTestId('finops-team-benchmark');
    expect(panel).toHaveTextContent('Position among teams');
    await within(panel).findAllByTestId('finops-benchmark-figure');
    expect(panel).toHaveTextContent('compared with 6 teams');
    expect(within(panel).getAllByText('this team')).toHaveLength(3);
    expect(
      within(panel).getAllByTestId('finops-benchmark-percentile')[0],
    ).toHaveTextContent('cheaper than 60% of peers');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/group/default/checkout-team/benchmark',
    );
  });

  it('says when there are too few teams to compare, and when unit costs are refused', async () => {
    serve('costs', byGroupBy());
    serve('resources', resources);
    serve('benchmark', twoPeers);
    serve(
      'unit-cost',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    await renderTeam();
    const panel = await screen.findByTestId('finops-team-benchmark');
    expect(
      await within(panel).findByTestId('finops-benchmark-not-enough'),
    ).toHaveTextContent(/not enough peers/i);
    const section = screen.getByTestId('finops-team-unit-costs');
    const shop = (await within(section).findByText('shop title')).closest(
      'tr',
    )!;
    await waitFor(() =>
      expect(shop).toHaveTextContent(
        "You don't have permission to see this unit cost.",
      ),
    );
  });

  it("shows the team's FinOps KPIs with its rank among teams", async () => {
    serve('costs', byGroupBy());
    serve('resources', resources);
    const requests = serve('scorecard', {
      ...checkoutTeam,
      ranks: {
        ...checkoutTeam.ranks,
        'attribution-coverage': { position: 3, of: 12 },
      },
    });
    await renderTeam();
    const card = await screen.findByTestId('finops-team-scorecard');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/group/default/checkout-team/scorecard',
    );
    const rows = within(card).getAllByTestId('finops-scorecard-kpi');
    expect(rows.map(r => r.getAttribute('data-kpi'))).toEqual([
      'attribution-coverage',
      'recommendations-actioned',
      'time-to-action',
    ]);
    expect(rows[0]).toHaveAttribute('data-value', '0.97');
    expect(rows[0]).toHaveAttribute('data-status', 'met');
    expect(rows[0]).toHaveTextContent('97%');
    expect(rows[0]).toHaveTextContent('≥ 95%');
    expect(
      within(rows[0]).getByTestId('finops-scorecard-rank'),
    ).toHaveTextContent('3rd of 12');
    expect(
      within(rows[1]).getByTestId('finops-scorecard-rank'),
    ).toHaveTextContent('3rd of 3');
    expect(rows[2]).toHaveTextContent('40 days');
    expect(
      within(rows[2]).getByTestId('finops-scorecard-rank'),
    ).toHaveTextContent('2nd of 2');
  });

  it('says a KPI the team is not measured on is not measured yet, and not ranked', async () => {
    serve('costs', byGroupBy());
    serve('resources', resources);
    serve('scorecard', {
      ...checkoutTeam,
      kpis: checkoutTeam.kpis.map(k =>
        k.id === 'time-to-action'
          ? {
              ...k,
              value: null,
              status: 'not-measured',
              direction: null,
              message: 'Not measured yet: nothing implemented in 12 months.',
            }
          : k,
      ),
      ranks: { 'attribution-coverage': { position: 1, of: 3 } },
    });
    await renderTeam();
    const card = await screen.findByTestId('finops-team-scorecard');
    const days = within(card)
      .getAllByTestId('finops-scorecard-kpi')
      .find(r => r.getAttribute('data-kpi') === 'time-to-action')!;
    expect(days).toHaveAttribute('data-value', '');
    expect(days).toHaveAttribute('data-status', 'not-measured');
    expect(days).toHaveTextContent(
      'Not measured yet: nothing implemented in 12 months.',
    );
    expect(days).toHaveTextContent('Not ranked');
    // the value reads as not measured, never as 0 days
    expect(within(days).getByTestId('finops-kpi-value')).toHaveTextContent(
      /^Not measured yet$/,
    );
  });

  it('leaves the scorecard out, quietly, when it is refused', async () => {
    serve('costs', byGroupBy());
    serve('resources', resources);
    const requests = serve(
      'scorecard',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    await renderTeam();
    await screen.findByTestId('finops-team-total');
    await waitFor(() => expect(requests).toHaveLength(1));
    // the rest of the tab still renders, with no panel about the refusal
    await screen.findByTestId('finops-team-benchmark');
    expect(
      screen.queryByTestId('finops-team-scorecard'),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('finops-not-allowed')).not.toBeInTheDocument();
  });
});
