import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { finopsApiRef } from '../../api';
import {
  errorBody,
  serve,
  server,
  testClient,
} from '../../__testUtils__/server';
import { systemStatement, teamStatement } from '../../__testUtils__/statement';
import { FinopsPage } from '../FinopsPage';
import { StatementRoutes } from './StatementPage';

const renderPage = (url: string) =>
  renderInTestApp(<StatementRoutes />, {
    apis: [[finopsApiRef, testClient()]],
    mountPath: '/finops/statement',
    initialRouteEntries: [url],
  });

describe('StatementPage', () => {
  registerMswTestHooks(server);
  let print: jest.SpyInstance;
  beforeEach(() => {
    print = jest.spyOn(window, 'print').mockImplementation(() => {});
  });
  afterEach(() => print.mockRestore());

  it('shows the statement alone under a plain header, and prints it when asked', async () => {
    const requests = serve('statement', systemStatement);
    await renderPage(
      '/finops/statement/system/default/shop?month=2025-12&measure=BilledCost&print=1',
    );
    const page = await screen.findByTestId('finops-statement-page');
    await screen.findByTestId('finops-statement');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/system/default/shop/statement',
    );
    expect(requests[0].searchParams.get('month')).toBe('2025-12');
    expect(requests[0].searchParams.get('measure')).toBe('BilledCost');
    expect(page).toHaveTextContent('Cost statement: shop');
    expect(screen.getByTestId('finops-statement-heading')).toHaveTextContent(
      'Dec 2025, partial, to 14 Dec',
    );
    expect(page).toHaveTextContent(/Generated on \d{1,2} \w{3} \d{4}/);
    expect(
      screen
        .getAllByTestId('finops-statement-total')
        .map(t => t.dataset.amount),
    ).toEqual(['310.3']);
    // the statement only: none of the Costs tab's controls
    expect(
      screen.queryByTestId('finops-statement-csv'),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('finops-statement-print'),
    ).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Month')).not.toBeInTheDocument();
    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    // the stylesheet hides the app's chrome and the buttons when printing
    const css = page.querySelector('style')!.textContent!;
    expect(css).toContain('@media print');
    expect(css).toContain('BackstageSidebar-');
    expect(css).toContain('.finops-no-print');
    expect(css).toContain('break-inside: avoid');
  });

  it('does not print by itself without ?print=1', async () => {
    serve('statement', systemStatement);
    await renderPage('/finops/statement/system/default/shop?month=2025-12');
    await screen.findByTestId('finops-statement');
    expect(print).not.toHaveBeenCalled();
  });

  it('shows the not-allowed panel, and prints nothing, when the cost may not be read', async () => {
    serve(
      'statement',
      errorBody('NotAllowedError', 'You may not read the cost of shop', 403),
      403,
    );
    await renderPage(
      '/finops/statement/system/default/shop?month=2025-12&print=1',
    );
    expect(await screen.findByTestId('finops-not-allowed')).toBeInTheDocument();
    expect(screen.queryByTestId('finops-statement')).not.toBeInTheDocument();
    expect(print).not.toHaveBeenCalled();
  });

  it('is a route of the legacy FinOps page, without its header', async () => {
    serve('statement', teamStatement);
    await renderInTestApp(<FinopsPage />, {
      apis: [[finopsApiRef, testClient()]],
      mountPath: '/finops',
      initialRouteEntries: [
        '/finops/statement/group/default/checkout-team?month=2025-11',
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    });
    expect(await screen.findByTestId('finops-statement')).toHaveAttribute(
      'data-month',
      '2025-11',
    );
    expect(screen.queryByText('FinOps governance')).not.toBeInTheDocument();
  });
});
