import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Decimal } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import {
  errorBody,
  serve,
  serveStatementCsv,
  server,
  testClient,
} from '../../__testUtils__/server';
import {
  statementCsv,
  systemStatement,
  teamStatement,
} from '../../__testUtils__/statement';
import { StatementSection } from './StatementSection';

const TEAM = 'group:default/checkout-team';

const renderSection = (
  entityRef = TEAM,
  asOf: string | null = '2025-11-30',
  mounted = true,
) =>
  renderInTestApp(<StatementSection entityRef={entityRef} asOf={asOf} />, {
    apis: [[finopsApiRef, testClient()]],
    mountedRoutes: mounted
      ? { '/finops': convertLegacyRouteRef(rootRouteRef) }
      : {},
  });

const amounts = (elements: HTMLElement[]) =>
  elements.map(e => e.getAttribute('data-amount')!);

const exactSum = (values: string[]) =>
  Decimal.sum(values.map(v => Decimal.parse(v)));

const rows = (testId: string, table: HTMLElement) =>
  within(table).queryAllByTestId(testId);

describe('StatementSection', () => {
  registerMswTestHooks(server);

  it("shows the latest month's lines and totals exactly as the backend sends them", async () => {
    const requests = serve('statement', teamStatement);
    await renderSection();
    const statement = await screen.findByTestId('finops-statement');
    expect(statement).toHaveAttribute('data-month', '2025-11');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/group/default/checkout-team/statement',
    );
    expect(requests[0].searchParams.get('month')).toBe('2025-11');

    const sent = teamStatement.statements.flatMap(s => s.lines);
    const lines = screen.getAllByTestId('finops-statement-line');
    expect(
      lines.map(l => [l.getAttribute('data-entity'), l.dataset.amount]),
    ).toEqual(expect.arrayContaining(sent.map(l => [l.entity, l.amount])));
    expect(lines).toHaveLength(sent.length);

    const totals = screen.getAllByTestId('finops-statement-total');
    expect(
      Object.fromEntries(
        totals.map(t => [t.getAttribute('data-currency'), t.dataset.amount]),
      ),
    ).toEqual(teamStatement.totals);
    const usd = totals.find(t => t.dataset.currency === 'USD')!;
    expect(usd).toHaveTextContent('$1,300.60');

    // methods in words, as the rest of the plugin names them
    const ec2 = lines.find(
      l =>
        l.dataset.entity === 'component:default/checkout-api' &&
        l.textContent?.includes('Amazon EC2'),
    )!;
    expect(ec2).toHaveTextContent('Tags');
    expect(ec2).toHaveTextContent('$1,000.10');
    expect(
      screen.getAllByText('Resource id', { selector: 'td' }),
    ).not.toHaveLength(0);
  });

  it('adds up each entity, each system and the total to the exact decimal', async () => {
    serve('statement', teamStatement);
    await renderSection();
    await screen.findByTestId('finops-statement');
    for (const table of screen.getAllByTestId('finops-statement-table')) {
      const currency = table.getAttribute('data-currency')!;
      const part = teamStatement.statements.find(s => s.currency === currency)!;
      const systems = rows('finops-statement-system-subtotal', table);
      for (const entity of rows('finops-statement-entity-subtotal', table)) {
        const ref = entity.dataset.entity!;
        const own = rows('finops-statement-line', table).filter(
          l => l.dataset.entity === ref,
        );
        expect(entity.dataset.amount).toBe(exactSum(amounts(own)).toString());
      }
      for (const system of systems) {
        const inSystem = rows('finops-statement-line', table).filter(
          l => l.dataset.system === system.dataset.system,
        );
        expect(system.dataset.amount).toBe(
          exactSum(amounts(inSystem)).toString(),
        );
      }
      // the systems' subtotals make the total, to the last digit
      expect(exactSum(amounts(systems)).equals(Decimal.parse(part.total))).toBe(
        true,
      );
    }
    // 1000.1 + 0.2 is 1000.3 exactly, not 1000.3000000000001
    const checkout = screen
      .getAllByTestId('finops-statement-entity-subtotal')
      .find(e => e.dataset.entity === 'component:default/checkout-api')!;
    expect(checkout.dataset.amount).toBe('1000.3');
    const shop = screen
      .getAllByTestId('finops-statement-system-subtotal')
      .find(e => e.dataset.system === 'system:default/shop')!;
    expect(shop.dataset.amount).toBe('1200.45');
    expect(
      screen
        .getAllByTestId('finops-statement-system-subtotal')
        .map(s => s.dataset.system),
    ).toEqual([
      'system:default/shop',
      '(no system)',
      'system:default/payments',
    ]);
  });

  it("lists the sub-teams' own totals apart, with the total including them", async () => {
    serve('statement', teamStatement);
    await renderSection();
    const subTeams = await screen.findByTestId('finops-statement-subteams');
    expect(
      within(subTeams).getByText('Sub-teams (own statements)'),
    ).toBeInTheDocument();
    const [mobile] = screen.getAllByTestId('finops-statement-subteam');
    expect(mobile).toHaveAttribute(
      'data-team',
      'group:default/checkout-mobile',
    );
    expect(mobile).toHaveAttribute('data-amount', '50.05');
    // not a line of the team's own statement
    expect(
      screen.getAllByTestId('finops-statement-line').map(l => l.dataset.entity),
    ).not.toContain('group:default/checkout-mobile');
    const withSubTeams = screen.getAllByTestId(
      'finops-statement-total-with-subteams',
    );
    const usd = withSubTeams.find(t => t.dataset.currency === 'USD')!;
    expect(usd).toHaveAttribute('data-amount', '1350.65');
    expect(exactSum([teamStatement.totals.USD, '50.05']).toString()).toBe(
      usd.dataset.amount,
    );
  });

  it('says when the month is partial, and what is hidden from the viewer', async () => {
    serve('statement', systemStatement);
    await renderSection('system:default/shop', '2025-12-14');
    const statement = await screen.findByTestId('finops-statement');
    expect(statement).toHaveAttribute('data-month', '2025-12');
    expect(statement).toHaveTextContent('Dec 2025, partial, to 14 Dec');
    expect(screen.getByTestId('finops-hidden-members')).toHaveTextContent(
      "1 member's cost is left out",
    );
    // a System has no sub-teams
    expect(
      screen.queryByTestId('finops-statement-subteams'),
    ).not.toBeInTheDocument();
  });

  it('fetches another month when one is picked', async () => {
    const requests = serve('statement', url => ({
      ...teamStatement,
      month: url.searchParams.get('month'),
    }));
    await renderSection();
    await screen.findByTestId('finops-statement');
    await userEvent.click(screen.getByLabelText('Month'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Sep 2025' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('finops-statement')).toHaveAttribute(
        'data-month',
        '2025-09',
      ),
    );
    expect(requests.map(r => r.searchParams.get('month'))).toEqual([
      '2025-11',
      '2025-09',
    ]);
  });

  it('downloads the CSV through the API, with the credentials a link would not send', async () => {
    serve('statement', teamStatement);
    const csvRequests = serveStatementCsv(statementCsv);
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:statement');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    try {
      await renderSection();
      await screen.findByTestId('finops-statement');
      await userEvent.click(screen.getByTestId('finops-statement-csv'));
      await waitFor(() => expect(click).toHaveBeenCalled());
      expect(csvRequests).toHaveLength(1);
      const url = new URL(csvRequests[0].url);
      expect(url.pathname).toBe(
        '/api/finops/entities/group/default/checkout-team/statement.csv',
      );
      expect(url.searchParams.get('month')).toBe('2025-11');
      const blob = createObjectURL.mock.calls[0][0];
      expect(await blob.text()).toBe(statementCsv);
      const link = click.mock.contexts[0] as HTMLAnchorElement;
      expect(link.download).toBe('statement-checkout-team-2025-11.csv');
    } finally {
      click.mockRestore();
    }
  });

  it('opens the printable page of the month in a new tab', async () => {
    serve('statement', teamStatement);
    await renderSection();
    const print = await screen.findByTestId('finops-statement-print');
    expect(print).toHaveAttribute(
      'href',
      '/finops/statement/group/default/checkout-team?month=2025-11&print=1',
    );
    expect(print).toHaveAttribute('target', '_blank');
  });

  it('leaves out the print button where the FinOps page is not mounted', async () => {
    serve('statement', teamStatement);
    await renderSection(TEAM, '2025-11-30', false);
    await screen.findByTestId('finops-statement');
    expect(screen.getByTestId('finops-statement-csv')).toBeInTheDocument();
    expect(
      screen.queryByTestId('finops-statement-print'),
    ).not.toBeInTheDocument();
  });

  it('shows the usual not-allowed panel, and no figures, to someone who may not read the cost', async () => {
    serve(
      'statement',
      errorBody('NotAllowedError', 'You may not read the cost of shop', 403),
      403,
    );
    await renderSection('system:default/shop');
    expect(await screen.findByTestId('finops-not-allowed')).toHaveTextContent(
      'You may not read the cost of shop',
    );
    expect(screen.queryByTestId('finops-statement')).not.toBeInTheDocument();
    expect(
      screen.queryByTestId('finops-statement-csv'),
    ).not.toBeInTheDocument();
  });
});
