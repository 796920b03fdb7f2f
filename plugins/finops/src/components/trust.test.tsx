import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  EntityResourceCost,
  SharedCostResponse,
} from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../api';
import {
  benchmark,
  costs,
  emptySummary,
  entity,
  noUnitMetric,
  resources,
  summary,
  unitCostDaily,
} from '../__testUtils__/fixtures';
import { noRecommendations } from '../__testUtils__/recommendations';
import { errorBody, serve, server, testClient } from '../__testUtils__/server';
import { EntityCostCard } from './EntityCostCard';
import { EntityCostContent } from './EntityCostContent';
import { CostChart } from './chart/CostChart';
import { ResourcesTable } from './resources/ResourcesTable';
import { sumAmounts } from './shared/format';
import { trendExplanation } from './unit/UnitCostTrend';

/*
 * The figures a user checks against each other, and the states and words
 * that keep them from doubting them.
 */

const routes = {
  mountedRoutes: {
    '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
  },
};

const ordersDb = entity('Resource', 'orders-db', {
  'costwise.dev/shared-cost':
    'weights: component:default/checkout-api=60, component:default/order-worker=40',
});

const shared: SharedCostResponse = {
  entityRef: 'resource:default/orders-db',
  measure: 'EffectiveCost',
  currency: 'USD',
  from: '2025-10-28',
  to: '2025-11-26',
  policy:
    'weights: component:default/checkout-api=60, component:default/order-worker=40',
  rule: 'split by fixed weights',
  total: '338.9',
  consumers: [
    {
      entityRef: 'component:default/checkout-api',
      amount: '203.34',
      share: 0.6,
      weight: '60',
    },
    {
      entityRef: 'component:default/order-worker',
      amount: '135.56',
      share: 0.4,
      weight: '40',
    },
  ],
  totals: [{ date: '2025-11-26', amount: '338.9' }],
};

const serveShared = (body: SharedCostResponse = shared) =>
  serve('shared', body);

describe('figures that add up', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    serve('unit-cost', noUnitMetric);
    serve('benchmark', benchmark);
    // the card asks for open recommendations too
    serve('recommendations', noRecommendations);
  });

  it("shows a shared resource's pooled cost on its card, split among its consumers", async () => {
    serve(
      'summary',
      emptySummary(
        'no-data-in-range',
        'No cost matched this entity in the period.',
      ),
    );
    serveShared();
    await renderInTestApp(
      <EntityProvider entity={ordersDb}>
        <EntityCostCard />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], ...routes },
    );
    const total = await screen.findByTestId('finops-card-shared-total');
    expect(total).toHaveTextContent('$338.90');
    const card = screen.getByTestId('finops-card-shared');
    expect(card).toHaveTextContent('passed on to 2 entities');
    expect(card).toHaveTextContent('$203.34 (60%)');
    // no "no cost attributed" where the cost was passed on
    expect(
      screen.queryByText(/No cost attributed yet/),
    ).not.toBeInTheDocument();
  });

  it("lists a shared resource's consumers on its tab, adding up to the pool", async () => {
    serve(
      'summary',
      emptySummary(
        'no-data-in-range',
        'No cost matched this entity in the period.',
      ),
    );
    serve('costs', {
      ...costs,
      series: [],
      totals: [],
      total: '0',
      empty: {
        reason: 'no-data-in-range',
        message: 'No cost matched this entity in the period.',
      },
    });
    serve('resources', { ...resources, items: [], total: '0' });
    const requests = serveShared();
    await renderInTestApp(
      <EntityProvider entity={ordersDb}>
        <EntityCostContent />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], ...routes },
    );
    const panel = await screen.findByTestId('finops-shared-cost');
    const rows = await within(panel).findAllByTestId('finops-shared-consumer');
    expect(sumAmounts(rows.map(r => r.getAttribute('data-amount')!))).toBe(
      screen.getByTestId('finops-shared-total').getAttribute('data-amount'),
    );
    expect(rows[0]).toHaveTextContent('Fixed weight6060%$203.34');
    expect(panel).toHaveTextContent("counted in these entities' costs");
    // the same 30 days up to the last day with data
    expect(requests[0].searchParams.get('to')).toBe('2025-11-26');
  });

  it('says which consumers are left out of the pool shown', async () => {
    serve('summary', summary);
    serve('costs', costs);
    serve('resources', resources);
    serveShared({
      ...shared,
      total: '203.34',
      consumers: [shared.consumers[0]],
      hiddenConsumers: {
        count: 1,
        message:
          "1 consumer's share is left out: you are not allowed to read its cost.",
      },
    });
    await renderInTestApp(
      <EntityProvider entity={ordersDb}>
        <EntityCostContent />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], ...routes },
    );
    expect(await screen.findByTestId('finops-shared-hidden')).toHaveTextContent(
      "1 consumer's share is left out",
    );
  });

  it("labels the card's drivers with their days, one dimension per list, none over 100%", async () => {
    serve('summary', {
      ...summary,
      sparkline: [
        { date: '2025-10-28', amount: '1' },
        { date: '2025-11-26', amount: '1' },
      ],
      hiddenMembers: {
        count: 1,
        message: "1 member's cost is left out: you are not allowed to read it.",
      },
    });
    await renderInTestApp(
      <EntityProvider entity={entity()}>
        <EntityCostCard />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], ...routes },
    );
    const drivers = await screen.findByTestId('finops-top-drivers');
    expect(drivers).toHaveTextContent('last 30 days (28 Oct – 26 Nov 2025)');
    for (const dimension of ['service', 'resource']) {
      const list = screen.queryByTestId(`finops-drivers-${dimension}`);
      if (!list) continue;
      const shares = within(list)
        .getAllByRole('progressbar')
        .map(bar => Number(bar.getAttribute('aria-valuenow')));
      expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(100.5);
    }
    expect(screen.getByTestId('finops-hidden-members')).toHaveTextContent(
      "1 member's cost is left out",
    );
  });
});

describe('states and words', () => {
  registerMswTestHooks(server);

  it('shows no pickers to someone who may not see the cost, and links the owners to ask', async () => {
    serve('summary', errorBody('NotAllowedError', 'Not yours', 403), 403);
    serve('costs', errorBody('NotAllowedError', 'Not yours', 403), 403);
    serve('resources', errorBody('NotAllowedError', 'Not yours', 403), 403);
    serve('unit-cost', errorBody('NotAllowedError', 'Not yours', 403), 403);
    serve('benchmark', errorBody('NotAllowedError', 'Not yours', 403), 403);
    const restricted = {
      ...entity(),
      relations: [{ type: 'ownedBy', targetRef: 'group:default/finops-team' }],
    };
    await renderInTestApp(
      <EntityProvider entity={restricted}>
        <EntityCostContent />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], ...routes },
    );
    const panel = await screen.findByTestId('finops-not-allowed');
    expect(within(panel).getByTestId('finops-ask-owners')).toHaveTextContent(
      'Ask its owners for access: finops-team',
    );
    expect(
      within(panel).getByRole('link', { name: /finops-team/ }),
    ).toHaveAttribute('href', '/catalog/default/group/finops-team');
    expect(
      screen.queryByRole('form', { name: 'Cost filters' }),
    ).not.toBeInTheDocument();
  });

  it('says a period after the data is after the data, not to check ingestion', async () => {
    serve('summary', summary);
    serve('unit-cost', noUnitMetric);
    serve('benchmark', benchmark);
    serve('resources', { ...resources, items: [] });
    serve('costs', {
      ...costs,
      series: [],
      totals: [],
      total: '0',
      empty: {
        reason: 'range-outside-data',
        message:
          'The range 2026-01-01 to 2026-01-31 is after the data: the last day with data is 2025-11-26.',
      },
    });
    await renderInTestApp(
      <EntityProvider entity={entity()}>
        <EntityCostContent />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], ...routes },
    );
    expect(
      await screen.findByText('The period is outside the data'),
    ).toBeInTheDocument();
    expect(screen.getByText(/is after the data/)).toBeInTheDocument();
    expect(screen.queryByText(/ingested/)).not.toBeInTheDocument();
  });

  it('explains what a trend compares', () => {
    expect(
      trendExplanation(
        {
          slope: -0.01,
          change: '-0.02',
          ratio: -0.03,
          direction: 'down',
          periods: 30,
        },
        'day',
      ),
    ).toBe(
      'The least-squares line through the unit cost of the 30 days with usage, from its first day to its last. Under 2% either way is flat.',
    );
    expect(
      trendExplanation(
        { slope: 0, change: null, ratio: null, direction: 'flat', periods: 1 },
        'month',
      ),
    ).toMatch(/^Too few months with usage/);
  });
});

describe('the resources table', () => {
  const line = (
    groupId: string,
    skuId: string,
    amount: string,
    extra: Partial<EntityResourceCost> = {},
  ): EntityResourceCost => ({
    ...resources.items[1],
    groupId,
    resourceId: 'arn:aws:rds:eu-west-1:123456789012:db:orders-prod-primary',
    resourceName: 'orders-prod-primary',
    skuId,
    pricingCategory: 'Standard',
    consumedUnit: 'Hours',
    amount,
    share: 0.1,
    ...extra,
  });
  const page = {
    ...resources,
    items: [
      line('1', 'InstanceUsage:db.r6g.xlarge', '203.34', { pooled: '338.9' }),
      line('2', 'RDS:GP3-Storage', '50'),
      line('3', 'RDS:ChargedBackupUsage', '10'),
      resources.items[0],
    ],
  };
  const renderTable = () =>
    renderInTestApp(
      <ResourcesTable resources={page} name="checkout-api" />,
      routes,
    );

  it('shows a resource billed in several lines as one row that opens to what tells them apart', async () => {
    await renderTable();
    const rows = screen.getAllByTestId('finops-resource-row');
    expect(rows).toHaveLength(2);
    const db = rows.find(r => r.textContent!.includes('orders-prod-primary'))!;
    expect(db).toHaveAttribute('data-amount', '263.34');
    expect(db).toHaveAttribute('data-lines', '3');
    const toggle = within(db).getByRole('button', {
      name: 'Show the 3 lines of orders-prod-primary',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const lines = screen.getAllByTestId('finops-resource-line');
    expect(lines.map(l => l.textContent)).toEqual([
      expect.stringContaining('InstanceUsage:db.r6g.xlarge'),
      expect.stringContaining('RDS:GP3-Storage'),
      expect.stringContaining('RDS:ChargedBackupUsage'),
    ]);
  });

  it('shows the arithmetic of a shared line', async () => {
    await renderTable();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the 3 lines of orders-prod-primary',
      }),
    );
    const line1 = screen.getAllByTestId('finops-resource-line')[0];
    await userEvent.click(
      within(line1).getByRole('button', { name: /Why is/ }),
    );
    expect(
      await screen.findByTestId('finops-evidence-arithmetic'),
    ).toHaveTextContent('60% of $338.90 = $203.34');
  });

  it('sorts by a header that says how it sorts, one Tab stop each', async () => {
    await renderTable();
    const amount = screen.getByRole('columnheader', { name: /Amount/ });
    expect(amount).toHaveAttribute('aria-sort', 'descending');
    const resource = screen.getByRole('columnheader', { name: /Resource/ });
    expect(resource).not.toHaveAttribute('aria-sort');
    // the header cell is no stop of its own: only its sort button is
    expect(within(resource).getAllByRole('button')).toHaveLength(1);
    expect(resource).not.toHaveAttribute('tabindex');
    await userEvent.click(within(amount).getByRole('button'));
    expect(amount).toHaveAttribute('aria-sort', 'ascending');
    const first = screen.getAllByTestId('finops-resource-row')[0];
    expect(first).toHaveAttribute('data-amount', '263.34');
  });

  it('shortens a long id, with the whole of it a hover and a copy away', async () => {
    await renderTable();
    const copy = screen.getByRole('button', {
      name: 'Copy arn:aws:rds:eu-west-1:123456789012:db:orders-prod-primary',
    });
    expect(copy).toBeInTheDocument();
  });
});

describe('the cost chart', () => {
  it('marks a month the data covers only in part', async () => {
    await renderInTestApp(
      <CostChart
        series={[]}
        totals={[
          { date: '2025-11', amount: '900' },
          { date: '2025-12', amount: '150', partial: true },
        ]}
        from="2025-11-01"
        to="2025-12-05"
        currency="USD"
        description="cost"
      />,
    );
    expect(screen.getByTestId('finops-partial-periods')).toHaveTextContent(
      'Dec 2025 covers 5 of its 31 days',
    );
  });
});

describe('the card badge', () => {
  registerMswTestHooks(server);
  beforeEach(() => serve('recommendations', noRecommendations));

  it('does not sit beside a unit cost whose figure cannot be ranked', async () => {
    serve('summary', summary);
    serve('unit-cost', unitCostDaily);
    serve('benchmark', {
      ...benchmark,
      figures: benchmark.figures.map(f =>
        f.dimension === 'unitCost'
          ? {
              ...f,
              percentile: null,
              notEnoughPeers: 'not enough peers (2 with data; 3 needed)',
            }
          : f,
      ),
    });
    await renderInTestApp(
      <EntityProvider entity={entity()}>
        <EntityCostCard />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], ...routes },
    );
    await screen.findByTestId('finops-card-unit-cost');
    await waitFor(() =>
      expect(screen.queryByTestId('finops-percentile')).not.toBeInTheDocument(),
    );
  });
});
