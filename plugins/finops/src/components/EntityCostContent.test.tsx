import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { finopsApiRef } from '../api';
import {
  benchmark,
  costs,
  emptySummary,
  entity,
  resources,
  unitCostDaily,
  summary,
} from '../__testUtils__/fixtures';
import { serve, server, testClient } from '../__testUtils__/server';
import { systemStatement } from '../__testUtils__/statement';
import { EntityCostContent } from './EntityCostContent';

const renderTab = (subject = entity()) =>
  renderInTestApp(
    <EntityProvider entity={subject}>
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

/** Opens an MUI select by its label and picks an option. */
async function pick(label: RegExp, option: string) {
  await userEvent.click(screen.getByRole('button', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('EntityCostContent', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    // the last day with data, which the periods end on
    serve('summary', summary);
    serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
    serve('statement', systemStatement);
  });

  it('shows the total, the chart and the resources', async () => {
    serve('costs', costs);
    serve('resources', resources);
    await renderTab();
    const total = await screen.findByTestId('finops-total');
    expect(total).toHaveTextContent('$2,345.68');
    expect(total).toHaveAttribute('data-amount', '2345.6789');
    expect(screen.getByTestId('finops-cost-chart')).toBeInTheDocument();
    expect(screen.getByTestId('finops-cost-legend')).toHaveTextContent(
      'Amazon EC2: $2,000.00',
    );
    const table = screen.getByTestId('finops-resources');
    expect(await within(table).findByText('Amazon RDS')).toBeInTheDocument();
    expect(within(table).getByText('$345.68')).toBeInTheDocument();
    expect(within(table).getByText('Shared cost')).toBeInTheDocument();
    // a component has no statement of its own
    expect(screen.queryByTestId('finops-statement')).not.toBeInTheDocument();
  });

  it("shows a System's statement of the month its data ends in", async () => {
    serve('costs', costs);
    serve('resources', resources);
    const requests = serve('statement', systemStatement);
    await renderTab(entity('System', 'shop'));
    const statement = await screen.findByTestId('finops-statement');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/system/default/shop/statement',
    );
    // the summary's data ends on 2025-11-26
    expect(requests[0].searchParams.get('month')).toBe('2025-11');
    expect(
      within(statement)
        .getAllByTestId('finops-statement-line')
        .map(l => l.dataset.amount),
    ).toEqual(['10.2', '300.1']);
    expect(screen.getByTestId('finops-statement-csv')).toBeInTheDocument();
  });

  it('asks again when the period, breakdown or measure changes', async () => {
    const requests = serve('costs', costs);
    serve('resources', resources);
    await renderTab(entity('System', 'shop'));
    await screen.findByTestId('finops-total');
    const first = requests[0].searchParams;
    expect(first.get('groupBy')).toBe('service');
    expect(first.get('granularity')).toBe('day');
    expect(first.get('measure')).toBe('EffectiveCost');
    expect(first.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await pick(/Group by/, 'Member entity');
    await waitFor(() =>
      expect(requests.at(-1)!.searchParams.get('groupBy')).toBe('child'),
    );

    await pick(/Period/, 'Last month');
    await waitFor(() => {
      const last = requests.at(-1)!.searchParams;
      expect(last.get('from')).toMatch(/-01$/);
      expect(last.get('from')).not.toBe(first.get('from'));
    });

    await pick(/Measure/, 'Billed cost (invoice)');
    await waitFor(() =>
      expect(requests.at(-1)!.searchParams.get('measure')).toBe('BilledCost'),
    );
    expect(requests.at(-1)!.searchParams.get('groupBy')).toBe('child');
  });

  it('offers the member breakdown only to entities with members', async () => {
    serve('costs', costs);
    serve('resources', resources);
    await renderTab();
    await screen.findByTestId('finops-total');
    await userEvent.click(screen.getByRole('button', { name: /Group by/ }));
    expect(
      await screen.findByRole('option', { name: 'Charge category' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('option', { name: 'Member entity' }),
    ).not.toBeInTheDocument();
  });

  it('explains why a resource is ours, naming the annotation', async () => {
    serve('costs', costs);
    serve('resources', resources);
    await renderTab();
    await userEvent.click(
      await screen.findByRole('button', {
        name: /Why is checkout, "blue" node ours/,
      }),
    );
    const evidence = await screen.findByTestId('finops-evidence');
    expect(evidence).toHaveTextContent('costwise.dev/tags');
    expect(evidence).toHaveTextContent('application=checkout-api');
    expect(evidence).toHaveTextContent('tag:application = checkout-api');
    // the entity by its name or title, linked, not by its ref
    expect(evidence).toHaveTextContent('On entitycheckout-api');
    expect(
      within(evidence).getByRole('link', { name: /checkout-api/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api');
    expect(evidence).toHaveTextContent('100%');
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByTestId('finops-evidence')).not.toBeInTheDocument(),
    );
  });

  it('shows how a shared cost reached the resource', async () => {
    serve('costs', costs);
    serve('resources', resources);
    await renderTab();
    const buttons = await screen.findAllByRole('button', {
      name: /Why is .* ours/,
    });
    await userEvent.click(
      buttons.find(b => /shared/.test(b.getAttribute('aria-label')!))!,
    );
    const evidence = await screen.findByTestId('finops-evidence');
    expect(evidence).toHaveTextContent('costwise.dev/shared-cost');
    expect(evidence).toHaveTextContent('split evenly between 2 dependents');
    expect(evidence).toHaveTextContent('costwise.dev/resource-ids');
  });

  it('exports the table as CSV', async () => {
    serve('costs', costs);
    serve('resources', resources);
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:costs';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    await renderTab();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Export the resources table as CSV',
      }),
    );
    expect(click).toHaveBeenCalled();
    const lines = (await blobs[0].text()).split('\r\n');
    expect(lines[0]).toMatch(/^resourceId,resourceName,provider,service/);
    expect(lines[1]).toBe(
      'i-0abc,"checkout, ""blue"" node",AWS,Amazon EC2,eu-west-1,123456789012,Usage,,,,,2000.00,USD,0.8527,tags,component:default/checkout-api,costwise.dev/tags,application=checkout-api,1,',
    );
    click.mockRestore();
  });

  it('lists malformed annotations above the figures', async () => {
    const warnings = emptySummary('annotation-malformed', '').warnings;
    serve('costs', { ...costs, warnings });
    serve('resources', { ...resources, warnings });
    await renderTab();
    expect(
      await screen.findByTestId('finops-annotation-warnings'),
    ).toHaveTextContent("expected key=value, got 'application'");
    expect(screen.getAllByText(/expected key=value/)).toHaveLength(1);
  });

  it('teaches the annotation when nothing is mapped', async () => {
    serve('costs', {
      ...costs,
      series: [],
      totals: [],
      total: '0',
      empty: {
        reason: 'no-annotation',
        message: 'Nothing maps cost to this entity',
      },
    });
    serve('resources', { ...resources, items: [] });
    await renderTab(entity('Component', 'checkout-api', {}));
    expect(
      await screen.findByText('No costs are mapped to this entity'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('finops-total')).not.toBeInTheDocument();
  });

  it('shows an unknown entity through the error panel', async () => {
    serve(
      'costs',
      {
        error: {
          name: 'NotFoundError',
          message: 'No entity component:default/checkout-api',
        },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      },
      404,
    );
    serve('resources', resources);
    await renderTab();
    expect(
      await screen.findByText('No entity component:default/checkout-api'),
    ).toBeInTheDocument();
  });
});
