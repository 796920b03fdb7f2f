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
import {
  checkoutBudget,
  checkoutBudgetResponse,
  noBudget,
} from '../../__testUtils__/budgets';
import {
  benchmark,
  costs,
  entity,
  resources,
  summary,
  unitCostDaily,
} from '../../__testUtils__/fixtures';
import {
  serve,
  serveRoute,
  server,
  testClient,
} from '../../__testUtils__/server';
import { EntityCostCard } from '../EntityCostCard';
import { EntityCostContent } from '../EntityCostContent';
import { OrganizationBudgets } from './BudgetsTable';

const render = (element: JSX.Element) =>
  renderInTestApp(
    <EntityProvider entity={entity()}>{element}</EntityProvider>,
    {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

const anomalies = {
  items: [],
  counts: {
    new: 0,
    acknowledged: 0,
    resolved: 0,
    expected: 0,
    'not-anomaly': 0,
  },
  more: 0,
};

describe('budgets', () => {
  registerMswTestHooks(server);

  beforeEach(() => {
    serve('summary', summary);
    serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
    serve('costs', costs);
    serve('resources', resources);
    serve('anomalies', anomalies);
  });

  it('shows the budget on the Costs tab: spent, forecast with its band, burn rate, days left, status', async () => {
    serve('budget', checkoutBudgetResponse);
    await render(<EntityCostContent />);
    const panel = await screen.findByTestId('finops-budget');
    expect(within(panel).getByTestId('finops-budget-status')).toHaveAttribute(
      'data-status',
      'at-risk',
    );
    expect(within(panel).getByTestId('finops-budget-spent')).toHaveAttribute(
      'data-amount',
      '2600.52',
    );
    expect(
      within(panel).getByTestId('finops-budget-forecast'),
    ).toHaveTextContent('$3,010.40');
    expect(
      within(panel).getByTestId('finops-budget-forecast'),
    ).toHaveTextContent('$2,950.10 – $3,072.88');
    expect(within(panel).getByTestId('finops-budget-burn')).toHaveTextContent(
      '$100.02/day',
    );
    expect(
      within(panel).getByTestId('finops-budget-days-left'),
    ).toHaveTextContent('4');
    expect(
      within(panel).getByTestId('finops-budget-message'),
    ).toHaveTextContent('the forecast of $3,010.40 reaches the budget');
    expect(
      within(panel).getByTestId('finops-budget-history'),
    ).toHaveTextContent('2025-10 96% (On track)');
    // the daily chart draws the budget's even daily pace: $3,000 over 30 days
    expect(screen.getByTestId('finops-chart-budget')).toHaveTextContent(
      'budget pace $100/day ($3,000.00 a month)',
    );
  });

  it('says how to set a budget when there is none, and draws no budget line', async () => {
    serve('budget', noBudget);
    await render(<EntityCostContent />);
    expect(await screen.findByTestId('finops-budget-empty')).toHaveTextContent(
      'costwise.dev/budget',
    );
    expect(screen.queryByTestId('finops-chart-budget')).toBeNull();
  });

  it('puts the budget line on the card', async () => {
    serve('budget', checkoutBudgetResponse);
    serve('recommendations', {
      entityRef: 'component:default/checkout-api',
      items: [],
      open: { count: 0, monthlySavings: '0' },
    });
    await render(<EntityCostCard />);
    const line = await screen.findByTestId('finops-card-budget');
    expect(line).toHaveAttribute('data-status', 'at-risk');
    expect(line).toHaveTextContent('87% spent ($2,600.52), forecast $3,010.40');
  });

  it('lets an admin set a budget on the FinOps page', async () => {
    let items = [checkoutBudget];
    serveRoute('get', '/budgets', () => ({
      items,
      adherence: { share: 0, onTrack: 0, total: items.length },
      canAdminister: true,
    }));
    const put = serveRoute('put', '/budgets', ({ body }) => {
      const change = body as { entityRef: string; amount: string };
      items = [
        ...items,
        {
          ...checkoutBudget,
          budget: {
            ...checkoutBudget.budget,
            entityRef: change.entityRef,
            amount: change.amount,
            source: 'admin',
            setBy: 'user:default/finops-lead',
          },
          status: 'on-track',
        },
      ];
      return items[1].budget;
    });
    await render(<OrganizationBudgets />);
    expect(
      await screen.findByTestId('finops-budget-adherence'),
    ).toHaveTextContent('0 of 1 budgets on track');
    await userEvent.type(
      screen.getByRole('textbox', { name: /entity/i }),
      'resource:default/orders-db',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /amount/i }),
      '900',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Set budget' }));
    await waitFor(() => expect(put).toHaveLength(1));
    expect(put[0].body).toEqual({
      entityRef: 'resource:default/orders-db',
      amount: '900',
      period: 'monthly',
    });
    await waitFor(() =>
      expect(screen.getAllByTestId('finops-budget-row')).toHaveLength(2),
    );
    expect(
      screen.getByRole('button', {
        name: 'Remove the budget of resource:default/orders-db',
      }),
    ).toBeInTheDocument();
  });
});
