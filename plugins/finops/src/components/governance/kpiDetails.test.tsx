import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GovernanceKpis, KpiValue } from '@costwise/plugin-finops-common';
import {
  checkoutTeam,
  governanceKpis,
  kpi,
  paymentsTeam,
  searchTeam,
} from '../../__testUtils__/governance';
import { serveRoute, server } from '../../__testUtils__/server';
import { renderPage } from '../../__testUtils__/finopsPage';

/** The KPI with `detail` as the API gives it. */
const withDetail = (
  kpis: KpiValue[],
  id: KpiValue['id'],
  detail: KpiValue['detail'],
) => kpis.map(k => (k.id === id ? { ...k, detail } : k));

let organization = withDetail(
  governanceKpis.organization,
  'attribution-coverage',
  {
    total: '10000',
    attributed: '9230',
    currency: 'USD',
    'provider:AWS': 0.951,
    'provider:Google Cloud': 0.8,
  },
);
organization = withDetail(organization, 'explicit-coverage', {
  total: '10000',
  explicit: '9100',
  currency: 'USD',
  'provider:AWS': 0.9,
  'provider:Google Cloud': 0.75,
});
organization = withDetail(organization, 'time-to-action', { p90: 41 });
organization = withDetail(organization, 'unit-cost-trend', { teams: 2 });

const trend = (
  value: number | null,
  detail: KpiValue['detail'],
  message?: string,
) => kpi('unit-cost-trend', value, { detail, ...(message ? { message } : {}) });

const kpis: GovernanceKpis = {
  ...governanceKpis,
  organization,
  teams: [
    {
      ...checkoutTeam,
      kpis: [
        ...checkoutTeam.kpis,
        trend(-0.042, {
          change3m: -0.042,
          slope3m: -0.0012,
          change6m: 0.015,
          slope6m: 0.0004,
          change12m: null,
          slope12m: null,
        }),
      ],
    },
    {
      ...paymentsTeam,
      kpis: [
        ...paymentsTeam.kpis,
        trend(0.1, {
          change3m: 0.1,
          slope3m: 0.35,
          change6m: 0.2,
          slope6m: 0.3,
          change12m: 0.25,
          slope12m: 0.2,
        }),
      ],
    },
    {
      ...searchTeam,
      kpis: [
        ...searchTeam.kpis,
        trend(
          null,
          {},
          'not measured: the team has no costwise.dev/unit-metric',
        ),
      ],
    },
  ],
};

const kpiRow = (id: string) =>
  screen
    .getAllByTestId('finops-kpi-row')
    .find(row => row.getAttribute('data-kpi') === id)!;

describe('the KPI table: what each value stands on', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    serveRoute('get', '/governance/access', { admin: false });
    serveRoute('get', '/governance/kpis', kpis);
  });

  it('shows the p90 next to the median time to action', async () => {
    await renderPage();
    await screen.findAllByTestId('finops-kpi-row');
    const row = kpiRow('time-to-action');
    expect(row).toHaveTextContent('12.5 days');
    expect(within(row).getByTestId('finops-kpi-p90')).toHaveTextContent(
      'median · p90 41 days',
    );
  });

  it('shows coverage by provider, by any rule and by explicit rules', async () => {
    await renderPage();
    await screen.findAllByTestId('finops-kpi-row');
    const any = within(kpiRow('attribution-coverage'))
      .getAllByTestId('finops-kpi-provider')
      .map(l => l.textContent);
    expect(any).toEqual([
      'AWS: 95.1% any rule, 90% explicit',
      'Google Cloud: 80% any rule, 75% explicit',
    ]);
    const explicit = within(kpiRow('explicit-coverage'))
      .getAllByTestId('finops-kpi-provider')
      .map(l => l.textContent);
    expect(explicit).toEqual([
      'AWS: 90% explicit',
      'Google Cloud: 75% explicit',
    ]);
  });

  it("opens each team's unit cost trend over 3, 6 and 12 months, with slope and change", async () => {
    await renderPage();
    await screen.findAllByTestId('finops-kpi-row');
    const row = kpiRow('unit-cost-trend');
    expect(row).toHaveTextContent("median of 2 teams' 3-month trends");
    const toggle = within(row).getByRole('button', {
      name: 'Show 3, 6 and 12 months by team',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByTestId('finops-kpi-unit-trend-by-team'),
    ).not.toBeInTheDocument();

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const table = screen.getByRole('table', {
      name: 'Unit cost trend by team',
    });
    const teams = within(table).getAllByTestId('finops-unit-trend-team');
    expect(teams.map(t => t.getAttribute('data-team'))).toEqual([
      'group:default/checkout-team',
      'group:default/payments-team',
      'group:default/search-team',
    ]);
    const checkout = (months: number) =>
      teams[0].querySelector(`[data-months="${months}"]`)!.textContent;
    expect(checkout(3)).toBe('−4.2%slope −$0.0012/month');
    expect(checkout(6)).toBe('+1.5%slope +$0.0004/month');
    expect(checkout(12)).toBe('–too few months');
    expect(teams[1]).toHaveTextContent('+25%slope +$0.20/month');
    expect(teams[2]).toHaveTextContent(
      'not measured: the team has no costwise.dev/unit-metric',
    );
    // the row under it is no KPI of its own
    expect(screen.getAllByTestId('finops-kpi-row')).toHaveLength(
      organization.length,
    );
  });
});
