import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  coverage,
  governanceKpis,
  governanceSpend,
  unownedRecommendations,
} from '../__testUtils__/governance';
import { errorBody, serveRoute, server } from '../__testUtils__/server';
import { renderPage } from '../__testUtils__/finopsPage';

/** The routes only admins may call, each answered, so that a test can see whether they were asked. */
function serveAdminRoutes() {
  return {
    spend: serveRoute('get', '/governance/spend', governanceSpend),
    coverage: serveRoute('get', '/coverage', coverage),
    unowned: serveRoute(
      'get',
      '/recommendations/unowned',
      unownedRecommendations,
    ),
    targets: serveRoute('get', '/governance/targets', { items: [] }),
  };
}

const kpiRow = (id: string) =>
  screen
    .getAllByTestId('finops-kpi-row')
    .find(row => row.getAttribute('data-kpi') === id)!;

const leaderboardTeams = () =>
  within(screen.getByTestId('finops-leaderboard'))
    .getAllByTestId('finops-leaderboard-row')
    .map(row => row.getAttribute('data-team'));

describe('FinopsPage', () => {
  registerMswTestHooks(server);

  describe('for anyone signed in', () => {
    let admin: ReturnType<typeof serveAdminRoutes>;
    beforeEach(() => {
      serveRoute('get', '/governance/access', { admin: false });
      admin = serveAdminRoutes();
    });

    it("shows the organization's KPIs as the response says, in their units", async () => {
      const requests = serveRoute('get', '/governance/kpis', governanceKpis);
      await renderPage();
      const rows = await screen.findAllByTestId('finops-kpi-row');
      expect(rows.map(r => r.getAttribute('data-kpi'))).toEqual(
        governanceKpis.organization.map(k => k.id),
      );
      // the latest month: no month asked
      expect(requests[0].url.search).toBe('');
      expect(screen.getByRole('heading', { name: 'FinOps' })).toBeVisible();

      const coverageRow = kpiRow('attribution-coverage');
      expect(coverageRow).toHaveAttribute('data-value', '0.923');
      expect(coverageRow).toHaveAttribute('data-status', 'at-risk');
      expect(coverageRow).toHaveAttribute('data-target', '0.95');
      expect(coverageRow).toHaveTextContent('92.3%');
      expect(coverageRow).toHaveTextContent('≥ 95%');
      expect(
        within(coverageRow).getByTestId('finops-kpi-status'),
      ).toHaveTextContent('At risk');
      expect(
        within(coverageRow).getByTitle('Up against the month before, better'),
      ).toBeInTheDocument();
      expect(
        within(coverageRow).getByTitle(
          "Share of the month's cost attributed to a catalog entity.",
        ),
      ).toHaveTextContent('Attribution coverage');
      expect(
        within(coverageRow).getByRole('img', {
          name: /^Attribution coverage over the last 12 months: from/,
        }),
      ).toBeInTheDocument();

      const actioned = kpiRow('recommendations-actioned');
      expect(actioned).toHaveAttribute('data-status', 'missed');
      expect(actioned).toHaveTextContent('Missed');
      expect(actioned).toHaveTextContent('set for the organization');
      expect(
        within(actioned).getByTitle('Down against the month before, worse'),
      ).toBeInTheDocument();
      expect(kpiRow('time-to-action')).toHaveTextContent('12.5 days');
      expect(kpiRow('time-to-action')).toHaveTextContent('≤ 30 days');
      expect(kpiRow('unit-cost-trend')).toHaveTextContent('−4.2%');
      expect(kpiRow('finops-overhead')).toHaveTextContent('$15,000.00 per $1M');
      expect(kpiRow('finops-overhead')).toHaveAttribute('data-status', 'met');
    });

    it('says "not measured yet" with the reason for a KPI without a value, never 0', async () => {
      serveRoute('get', '/governance/kpis', governanceKpis);
      await renderPage();
      await screen.findAllByTestId('finops-kpi-row');
      const budgets = kpiRow('budget-adherence');
      expect(budgets).toHaveAttribute('data-value', '');
      expect(budgets).toHaveAttribute('data-status', 'not-measured');
      expect(within(budgets).getByTestId('finops-kpi-value')).toHaveTextContent(
        'Not measured yet',
      );
      expect(
        within(budgets).getByTestId('finops-kpi-message'),
      ).toHaveTextContent('Not measured yet: no budgets exist.');
      expect(
        within(budgets).getByTestId('finops-kpi-status'),
      ).toHaveTextContent('Not measured yet');
      expect(budgets).not.toHaveTextContent(/\b0(\.0)?%/);
      expect(
        within(budgets).getByTestId('finops-kpi-sparkline'),
      ).toHaveTextContent('No history yet');
    });

    it('ranks every team in one table, sortable by any KPI, names linking to their costs', async () => {
      serveRoute('get', '/governance/kpis', {
        ...governanceKpis,
        teams: governanceKpis.teams.map(t =>
          t.team === 'group:default/checkout-team'
            ? {
                ...t,
                benchmark: {
                  dimension: 'unitCost',
                  percentile: 80,
                  verdict: 'cheaper than 80% of the 5 other teams per order',
                },
              }
            : t,
        ),
        hiddenTeams: 2,
      });
      await renderPage();
      const board = await screen.findByTestId('finops-leaderboard');
      expect(board).toHaveTextContent(
        '2 teams are left out: you may not read their cost.',
      );
      // each team among its peers, as the benchmark places it
      expect(
        within(board).getAllByTestId('finops-leaderboard-benchmark')[0],
      ).toHaveTextContent('unit cost cheaper than 80% of peers');
      // by team first
      expect(leaderboardTeams()).toEqual([
        'group:default/checkout-team',
        'group:default/payments-team',
        'group:default/search-team',
      ]);
      const link = within(board).getByRole('link', {
        name: 'payments-team title',
      });
      expect(link).toHaveAttribute(
        'href',
        '/catalog/default/group/payments-team/costs',
      );
      const checkout = within(board).getAllByTestId(
        'finops-leaderboard-row',
      )[0];
      const cell = within(checkout)
        .getAllByTestId('finops-leaderboard-kpi')
        .find(c => c.getAttribute('data-kpi') === 'recommendations-actioned')!;
      expect(cell).toHaveTextContent('20%');
      expect(cell).toHaveTextContent('3rd of 3');
      expect(cell).toHaveAttribute('data-status', 'met');

      // higher is better: best first on the first click
      const header = within(board).getByRole('columnheader', {
        name: /Recommendations actioned/,
      });
      expect(header).not.toHaveAttribute('aria-sort');
      await userEvent.click(within(header).getByRole('button'));
      expect(header).toHaveAttribute('aria-sort', 'descending');
      expect(leaderboardTeams()).toEqual([
        'group:default/payments-team',
        'group:default/search-team',
        'group:default/checkout-team',
      ]);
      await userEvent.click(within(header).getByRole('button'));
      expect(header).toHaveAttribute('aria-sort', 'ascending');
      expect(leaderboardTeams()[0]).toBe('group:default/checkout-team');

      // lower is better: the quickest first, the unmeasured last
      const days = within(board).getByRole('columnheader', {
        name: /Time from insight to action/,
      });
      await userEvent.click(within(days).getByRole('button'));
      expect(days).toHaveAttribute('aria-sort', 'ascending');
      expect(header).not.toHaveAttribute('aria-sort');
      expect(leaderboardTeams()).toEqual([
        'group:default/payments-team',
        'group:default/checkout-team',
        'group:default/search-team',
      ]);
    });

    it('hides every admin part from someone who is not an admin', async () => {
      serveRoute('get', '/governance/kpis', governanceKpis);
      await renderPage();
      await screen.findAllByTestId('finops-kpi-row');
      expect(screen.queryByTestId('finops-kpi-edit')).not.toBeInTheDocument();
      for (const id of [
        'finops-coverage-worklist',
        'finops-contested-claims',
        'finops-unowned-recommendations',
        'finops-spend-by-provider',
        'finops-top-movers',
      ]) {
        expect(screen.queryByTestId(id)).not.toBeInTheDocument();
      }
      // not even asked for
      expect(admin.spend).toHaveLength(0);
      expect(admin.coverage).toHaveLength(0);
      expect(admin.unowned).toHaveLength(0);
      expect(admin.targets).toHaveLength(0);
    });

    it('asks for the month picked', async () => {
      const requests = serveRoute('get', '/governance/kpis', ({ url }) => ({
        ...governanceKpis,
        month: url.searchParams.get('month') ?? governanceKpis.month,
      }));
      await renderPage();
      await screen.findAllByTestId('finops-kpi-row');
      const picker = screen.getByRole('button', { name: /Month/ });
      expect(picker).toHaveTextContent('Nov 2025');
      await userEvent.click(picker);
      await userEvent.click(
        await screen.findByRole('option', { name: 'Sep 2025' }),
      );
      await waitFor(() =>
        expect(requests.map(r => r.url.searchParams.get('month'))).toEqual([
          null,
          '2025-09',
        ]),
      );
      expect(screen.getByRole('button', { name: /Month/ })).toHaveTextContent(
        'Sep 2025',
      );
    });

    it('says what to do when no KPI has been computed', async () => {
      serveRoute('get', '/governance/kpis', {
        month: '2025-11',
        currency: 'USD',
        organization: [],
        teams: [],
      });
      await renderPage();
      expect(
        await screen.findByText('No KPIs for Nov 2025 yet'),
      ).toBeInTheDocument();
      expect(screen.getByTestId('finops-governance-empty')).toHaveTextContent(
        'list it under finops.sources in app-config.yaml',
      );
    });
  });

  describe('for a FinOps admin', () => {
    beforeEach(() => {
      serveRoute('get', '/governance/access', { admin: true });
      serveRoute('get', '/governance/kpis', governanceKpis);
    });

    it('shows the targets to edit, the spend, the worklist, the claims and the unowned recommendations', async () => {
      const routes = serveAdminRoutes();
      await renderPage();
      expect(await screen.findAllByTestId('finops-kpi-edit')).toHaveLength(10);
      const providers = await screen.findByTestId('finops-spend-by-provider');
      expect(providers).toHaveTextContent('$12,000.50');
      expect(providers).toHaveTextContent('+20%');
      expect(providers).toHaveTextContent('−20%');
      const movers = screen.getByTestId('finops-top-movers');
      expect(movers).toHaveTextContent('+$1,000.00 (+50%)');
      expect(movers).toHaveTextContent('−$400.00 (−44.4%)');

      const worklist = await screen.findByTestId('finops-coverage-worklist');
      expect(worklist).toHaveTextContent('92.3% of USD cost attributed');
      const unattributed = within(worklist).getAllByTestId(
        'finops-unattributed-row',
      );
      expect(unattributed[0]).toHaveAttribute('data-account', '123456789012');
      expect(unattributed[0]).toHaveAttribute(
        'data-service',
        'Amazon Elastic Compute Cloud',
      );
      expect(unattributed[0]).toHaveTextContent('$500.00');
      expect(
        within(worklist).getByTestId('finops-suggestion'),
      ).toHaveTextContent(
        'metadata.name: checkout-api (resourceName=checkout-api-cache)',
      );

      const claims = screen.getByTestId('finops-contested-claims');
      expect(claims).toHaveTextContent('The account belongs to');
      expect(claims).toHaveTextContent('Unattributed');
      const unowned = await screen.findByTestId(
        'finops-unowned-recommendations',
      );
      expect(unowned).toHaveTextContent('checkout-db');
      expect(unowned).toHaveTextContent('$250.10/month to save');
      expect(routes.spend[0].url.search).toBe('');
    });

    it('confirms a suggestion with the existing route, then asks for the coverage again', async () => {
      const routes = serveAdminRoutes();
      const confirms = serveRoute(
        'post',
        '/suggestions/confirm',
        { id: 'ovr_1' },
        201,
      );
      await renderPage();
      const worklist = await screen.findByTestId('finops-coverage-worklist');
      await userEvent.click(
        within(worklist).getByRole('button', {
          name: 'Confirm component:default/checkout-api as the owner of $120.50',
        }),
      );
      expect(
        await within(worklist).findByText('Confirmed: a rule was added'),
      ).toBeInTheDocument();
      expect(confirms.map(r => r.body)).toEqual([
        { groupId: '42', entityRef: 'component:default/checkout-api' },
      ]);
      await waitFor(() => expect(routes.coverage).toHaveLength(2));
    });

    it('rejects a contested claim, and shows a refusal', async () => {
      serveAdminRoutes();
      const rejects = serveRoute(
        'post',
        '/claims/reject',
        errorBody('NotAllowedError', 'Only FinOps admins may decide', 403),
        403,
      );
      await renderPage();
      const claims = await screen.findByTestId('finops-contested-claims');
      await userEvent.click(
        within(claims).getByRole('button', {
          name: 'Reject the claim of component:default/search-indexer on $88.00',
        }),
      );
      expect(
        await within(claims).findByTestId('finops-claim-error'),
      ).toHaveTextContent('Only FinOps admins may decide');
      expect(rejects[0].body).toEqual({
        groupId: '77',
        entityRef: 'component:default/search-indexer',
      });
    });

    it('puts a target for a team, shows a refusal, and refreshes the KPIs once stored', async () => {
      serveAdminRoutes();
      let refuse = true;
      const puts = serveRoute(
        'put',
        '/governance/targets',
        ({ body }) =>
          refuse
            ? errorBody(
                'InputError',
                'A ratio target must be between 0 and 1',
                400,
              )
            : {
                ...(body as object),
                updatedBy: 'user:default/ada',
                updatedAt: '2025-11-27T10:00:00Z',
              },
        () => (refuse ? 400 : 200),
      );
      const kpiRequests = serveRoute('get', '/governance/kpis', governanceKpis);
      await renderPage();
      const row = (await screen.findAllByTestId('finops-kpi-row')).find(
        r => r.getAttribute('data-kpi') === 'attribution-coverage',
      )!;
      await userEvent.click(
        within(row).getByRole('button', {
          name: 'Change the target of Attribution coverage',
        }),
      );
      const dialog = await screen.findByTestId('finops-target-dialog');
      expect(
        within(dialog).getByRole('heading', {
          name: 'Target for Attribution coverage',
        }),
      ).toBeInTheDocument();
      const input = within(dialog).getByTestId('finops-target-input');
      expect(input).toHaveValue('95');

      await userEvent.click(
        within(dialog).getByRole('button', { name: /Applies to/ }),
      );
      await userEvent.click(
        await screen.findByRole('option', { name: 'checkout-team title' }),
      );
      await userEvent.clear(input);
      await userEvent.type(input, '150');
      await userEvent.click(within(dialog).getByTestId('finops-target-save'));
      expect(
        await within(dialog).findByTestId('finops-target-error'),
      ).toHaveTextContent('A ratio target must be between 0 and 1');
      expect(puts[0].body).toEqual({
        kpi: 'attribution-coverage',
        team: 'group:default/checkout-team',
        target: 1.5,
      });

      refuse = false;
      await userEvent.clear(input);
      await userEvent.type(input, '90');
      await userEvent.click(within(dialog).getByTestId('finops-target-save'));
      await waitFor(() =>
        expect(
          screen.queryByTestId('finops-target-dialog'),
        ).not.toBeInTheDocument(),
      );
      expect(puts[1].body).toEqual({
        kpi: 'attribution-coverage',
        team: 'group:default/checkout-team',
        target: 0.9,
      });
      await waitFor(() => expect(kpiRequests).toHaveLength(2));
    });
  });
});
