import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UnitCostResponse } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../api';
import {
  benchmark,
  costs,
  entity,
  noUnitMetric,
  resources,
  twoPeers,
  unitCostDaily,
  unitCostMonthly,
  summary,
} from '../__testUtils__/fixtures';
import { unitCostOf } from '../__testUtils__/divide';
import { errorBody, serve, server, testClient } from '../__testUtils__/server';
import { formatUnitMoney } from './shared/format';
import { EntityCostContent } from './EntityCostContent';

const renderTab = () =>
  renderInTestApp(
    <EntityProvider entity={entity()}>
      <EntityCostContent />
    </EntityProvider>,
    {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

async function showTable() {
  await userEvent.click(
    await screen.findByRole(
      'button',
      { name: 'Show as table' },
      { timeout: 10_000 },
    ),
  );
  return screen.getByTestId('finops-unit-cost-table');
}

/**
 * Every period of the table shows cost ÷ (metric / per), recomputed here
 * from the response's cost and metric; periods without usage say so.
 */
function expectUnitCostsOf(table: HTMLElement, response: UnitCostResponse) {
  const rows = within(table).getAllByTestId('finops-unit-cost-row');
  expect(rows).toHaveLength(response.series.length);
  const per = response.unitMetric!.per;
  for (const row of rows) {
    const point = response.series.find(
      p => p.date === row.getAttribute('data-date'),
    )!;
    const cell = within(row).getByTestId('finops-unit-cost-value');
    if (!point.metric) {
      expect(cell).toHaveTextContent('no usage');
      continue;
    }
    const expected = unitCostOf(point.cost, point.metric, per);
    expect(row).toHaveAttribute('data-unit-cost', expected);
    expect(cell).toHaveTextContent(formatUnitMoney(expected, 'USD'));
  }
  return rows;
}

describe('EntityCostContent: unit cost and benchmark', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    // the last day with data, which the periods end on
    serve('summary', summary);
    serve('costs', costs);
    serve('resources', resources);
  });

  it('shows the unit cost, its chart and trend, following the pickers', async () => {
    const requests = serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
    await renderTab();
    const headline = await screen.findByTestId('finops-unit-cost');
    expect(headline).toHaveTextContent('$0.597 per 1k requests');
    expect(headline).toHaveAttribute('data-unit-cost', '0.596969');
    expect(screen.getByTestId('finops-unit-trend')).toHaveAttribute(
      'aria-label',
      expect.stringMatching(
        /^Unit cost falling\ −51\.1%\. The least-squares line/,
      ),
    );
    expect(
      screen.getByRole('img', {
        name: /Cost, requests and cost per 1k requests per day from 2025-11-23/,
      }),
    ).toBeInTheDocument();
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/default/checkout-api/unit-cost',
    );
    expect(requests[0].searchParams.get('granularity')).toBe('day');
    expect(requests[0].searchParams.get('measure')).toBe('EffectiveCost');

    await userEvent.click(screen.getByRole('button', { name: /Granularity/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Monthly' }),
    );
    await waitFor(() =>
      expect(requests.at(-1)!.searchParams.get('granularity')).toBe('month'),
    );
    await userEvent.click(screen.getByRole('button', { name: /Measure/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'List cost' }),
    );
    await waitFor(() =>
      expect(requests.at(-1)!.searchParams.get('measure')).toBe('ListCost'),
    );
  });

  it('shows every day as cost ÷ metric, and "no usage" on days without', async () => {
    serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
    await renderTab();
    const table = await showTable();
    const rows = expectUnitCostsOf(table, unitCostDaily);
    const zero = rows.find(r => r.getAttribute('data-date') === '2025-11-25')!;
    expect(zero).toHaveTextContent('$10.00');
    expect(
      within(zero).getByTestId('finops-unit-cost-value'),
    ).toHaveTextContent('no usage');
    const missing = rows.find(
      r => r.getAttribute('data-date') === '2025-11-23',
    )!;
    expect(missing).toHaveTextContent(/no usage.*no usage/);
    expect(table).not.toHaveTextContent(/Infinity|NaN/);
    expect(
      within(screen.getByTestId('finops-unit-cost-total-row')).getByTestId(
        'finops-unit-cost-value',
      ),
    ).toHaveTextContent(
      formatUnitMoney(unitCostOf('32.8333', 55000, 1000), 'USD'),
    );
  });

  it('shows every month as cost ÷ metric, however small', async () => {
    serve('unit-cost', unitCostMonthly);
    serve('benchmark', benchmark);
    await renderTab();
    const table = await showTable();
    const rows = expectUnitCostsOf(table, unitCostMonthly);
    expect(rows.map(r => r.getAttribute('data-date'))).toEqual([
      '2025-09',
      '2025-10',
      '2025-11',
    ]);
    expect(rows[2]).toHaveTextContent('$0.000003');
    expect(rows[0]).toHaveTextContent('Sep 2025');
  });

  it('teaches the annotation and how to send metrics when there is no unit metric', async () => {
    serve('unit-cost', noUnitMetric);
    serve('benchmark', benchmark);
    await renderTab();
    const empty = await screen.findByTestId('finops-unit-cost-empty');
    expect(empty).toHaveTextContent('No unit metric declared');
    await waitFor(() =>
      expect(empty.textContent).toContain(
        'costwise.dev/unit-metric: requests per 1000',
      ),
    );
    expect(empty).toHaveTextContent('POST /api/finops/metrics');
    expect(empty).toHaveTextContent('costwise metrics import <file.csv>');
    expect(empty.textContent).toContain(
      '"entity":"component:default/checkout-api","metric":"requests"',
    );
    expect(
      screen.queryByTestId('finops-unit-cost-chart'),
    ).not.toBeInTheDocument();
  });

  it('asks only for metric values when the unit metric is declared but nothing arrived', async () => {
    serve('unit-cost', {
      ...noUnitMetric,
      unitMetric: { metric: 'orders', per: 1, label: 'order' },
      empty: {
        reason: 'no-metric-data',
        message: 'No values of orders were received for this period.',
      },
    });
    serve('benchmark', benchmark);
    await renderTab();
    const empty = await screen.findByTestId('finops-unit-cost-empty');
    expect(empty).toHaveTextContent('No metric values received yet');
    expect(empty).toHaveTextContent(
      'No values of orders were received for this period.',
    );
    await waitFor(() =>
      expect(empty.textContent).toContain('"metric":"orders"'),
    );
    expect(empty.textContent).not.toContain('costwise.dev/unit-metric:');
  });

  it('places the entity among its peers with quartiles and a verdict', async () => {
    serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
    await renderTab();
    const panel = await screen.findByTestId('finops-benchmark');
    await within(panel).findAllByTestId('finops-benchmark-figure');
    expect(panel).toHaveTextContent('Oct 2025 · compared with 6 tier-1-apis');
    const [monthly, unit, trend] = within(panel).getAllByTestId(
      'finops-benchmark-figure',
    );
    expect(monthly).toHaveTextContent('Monthly cost');
    expect(monthly).toHaveTextContent('$398.20');
    expect(
      within(monthly).getByTestId('finops-benchmark-percentile'),
    ).toHaveTextContent('cheaper than 60% of peers');
    const peers = within(monthly).getByTestId('finops-benchmark-peers');
    expect(peers).toHaveTextContent('payments-api: $512.00');
    // the entity itself is marked on the strip, not listed as its own peer
    expect(peers).not.toHaveTextContent('checkout-api');

    expect(unit).toHaveTextContent('Cost per 1k requests');
    expect(
      within(unit).getByTestId('finops-benchmark-verdict'),
    ).toHaveTextContent('cheaper than 80% of 5 tier-1-apis per 1k requests');
    const quartiles = within(unit).getByTestId('finops-benchmark-quartiles');
    expect(quartiles).toHaveTextContent(
      'Min$0.20Q1$0.39Median$0.61Q3$0.95Max$1.40',
    );
    expect(within(unit).getByTestId('finops-benchmark-entity')).toHaveAttribute(
      'data-value',
      '0.390392',
    );
    expect(
      within(unit).getByTestId('finops-benchmark-median'),
    ).toBeInTheDocument();
    expect(
      within(unit).getByRole('img', {
        name: /Cost per 1k requests of 5 peers: min \$0\.20, q1 \$0\.39, median \$0\.61, q3 \$0\.95, max \$1\.40; this entity \$0\.39, cheaper than 80% of peers/,
      }),
    ).toBeInTheDocument();
    expect(trend).toHaveTextContent('-9.7%');
    expect(
      within(trend).getByTestId('finops-benchmark-percentile'),
    ).toHaveTextContent('better trend than 75% of peers');
  });

  it('says when a large cohort was compared on part of its members', async () => {
    serve('unit-cost', unitCostDaily);
    serve('benchmark', {
      ...benchmark,
      cohort: {
        ...benchmark.cohort,
        size: 500,
        capped:
          'compared with 500 of its 812 members (finops.benchmarks.maxCohort), the first by name',
      },
    });
    await renderTab();
    const panel = await screen.findByTestId('finops-benchmark');
    await within(panel).findAllByTestId('finops-benchmark-figure');
    expect(panel).toHaveTextContent('compared with 500 tier-1-apis');
    expect(
      within(panel).getByTestId('finops-benchmark-capped'),
    ).toHaveTextContent(
      'A large cohort: compared with 500 of its 812 members (finops.benchmarks.maxCohort), the first by name.',
    );
  });

  it('turns the claim round, as a warning, when most peers are cheaper', async () => {
    serve('unit-cost', unitCostDaily);
    serve('benchmark', {
      ...benchmark,
      figures: benchmark.figures.map(f => ({ ...f, percentile: 30 })),
    });
    await renderTab();
    const panel = await screen.findByTestId('finops-benchmark');
    const claims = await within(panel).findAllByTestId(
      'finops-benchmark-percentile',
    );
    expect(claims.map(c => c.textContent)).toEqual([
      'more expensive than 70% of peers',
      'more expensive than 70% of peers',
      'worse trend than 70% of peers',
    ]);
    expect(claims[0]).toHaveAttribute('data-good', 'false');
  });

  it('says "not enough peers" for a cohort of two', async () => {
    serve('unit-cost', unitCostDaily);
    serve('benchmark', twoPeers);
    await renderTab();
    const panel = await screen.findByTestId('finops-benchmark');
    const message = await within(panel).findByTestId(
      'finops-benchmark-not-enough',
    );
    expect(message).toHaveTextContent(/not enough peers/i);
    expect(message).toHaveTextContent('2 service components with data');
    expect(
      within(panel).queryByTestId('finops-benchmark-strip'),
    ).not.toBeInTheDocument();
    expect(
      within(panel).queryByTestId('finops-benchmark-percentile'),
    ).not.toBeInTheDocument();
  });

  it('withholds position and strip when one hidden peer would be given away, and says why', async () => {
    serve('unit-cost', unitCostDaily);
    const withheld =
      'the position and distribution are withheld: one of the 4 peers is hidden from you, and either would reveal its figure';
    serve('benchmark', {
      ...benchmark,
      figures: benchmark.figures.map(f => ({
        ...f,
        percentile: null,
        distribution: [],
        min: null,
        q1: null,
        median: null,
        q3: null,
        max: null,
        verdict: withheld,
        hiddenPeers: 1,
        withheld,
      })),
    });
    await renderTab();
    const panel = await screen.findByTestId('finops-benchmark');
    const [message] = await within(panel).findAllByTestId(
      'finops-benchmark-withheld',
    );
    expect(message).toHaveTextContent(
      'The position and distribution are withheld: one of the 4 peers is hidden from you',
    );
    expect(
      within(panel).queryByTestId('finops-benchmark-strip'),
    ).not.toBeInTheDocument();
    expect(
      within(panel).queryByTestId('finops-benchmark-percentile'),
    ).not.toBeInTheDocument();
    expect(
      within(panel).getAllByTestId('finops-benchmark-hidden-peers')[0],
    ).toHaveTextContent('1 peer is not shown: you may not read its cost.');
  });

  it('says plainly when the caller may not see the unit cost or benchmark', async () => {
    serve(
      'unit-cost',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    serve(
      'benchmark',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    await renderTab();
    await screen.findByTestId('finops-total');
    await waitFor(() =>
      expect(screen.getAllByTestId('finops-no-permission')).toHaveLength(2),
    );
    expect(
      within(screen.getByTestId('finops-unit-cost-section')).getByText(
        /don't have permission to see the unit cost/,
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('finops-benchmark')).getByText(
        /don't have permission to see the benchmark/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByTestId('finops-unit-cost-chart'),
    ).not.toBeInTheDocument();
  });
});
