import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Recommendation } from '@costwise/plugin-finops-common';
import type { FinopsCoverage } from '../../api';
import {
  coverage,
  governanceKpis,
  governanceSpend,
} from '../../__testUtils__/governance';
import { idleVolume, rightsizeDb } from '../../__testUtils__/recommendations';
import { serveRoute, server } from '../../__testUtils__/server';
import { renderPage } from '../../__testUtils__/finopsPage';

/** The database's own suggestion: the run matched its resource id. */
const dbSuggestion: FinopsCoverage['suggestions'][number] = {
  groupId: '91',
  entity: 'component:default/orders-api',
  confidence: 0.7,
  amount: '310',
  currency: 'USD',
  evidence: {
    method: 'inference',
    entityRef: 'component:default/orders-api',
    selector: 'metadata.name: orders',
    matched: { resourceId: 'arn:aws:rds:eu-west-1:1:db:checkout' },
    confidence: 0.7,
  },
};

const unowned: Recommendation[] = [
  // its resource has a suggestion
  { ...rightsizeDb, owner: null, sharedWith: [], subAccountId: '999' },
  // none, but its account has unattributed cost in the worklist
  { ...idleVolume, owner: null, subAccountId: '123456789012' },
  // neither
  {
    ...idleVolume,
    id: 'costwise-idle:vol-zzz',
    resourceId: 'vol-zzz',
    resourceName: 'scratch-zzz',
    owner: null,
    subAccountId: '555',
  },
];

function serveAdmin(body: Parameters<typeof serveRoute>[2] = coverage) {
  serveRoute('get', '/governance/access', { admin: true });
  serveRoute('get', '/governance/spend', governanceSpend);
  serveRoute('get', '/governance/targets', { items: [] });
  return {
    kpis: serveRoute('get', '/governance/kpis', ({ url }) => ({
      ...governanceKpis,
      month: url.searchParams.get('month') ?? governanceKpis.month,
    })),
    coverage: serveRoute('get', '/coverage', body),
    unowned: serveRoute('get', '/recommendations/unowned', { items: unowned }),
  };
}

const figures = (total: string, attributed: string) => {
  const t = Number(total);
  const a = Number(attributed);
  return {
    total,
    attributed,
    unattributed: String(t - a),
    coverage: a / t,
  };
};

const unownedRow = (id: string) =>
  within(screen.getByTestId('finops-unowned-recommendations'))
    .getAllByTestId('finops-unowned-recommendation')
    .find(r => r.getAttribute('data-id') === id)!;

describe('the admin panels of the FinOps page', () => {
  registerMswTestHooks(server);

  it("asks for the coverage of the page's month, names it, and follows the month picked", async () => {
    const byMonth: Record<string, FinopsCoverage> = {
      '2025-11': coverage,
      '2025-10': {
        ...coverage,
        currencies: { USD: figures('8000', '6000') },
        unattributedByAccountAndService: {
          'USD 210987654321 AmazonS3': '2000',
        },
        suggestions: [],
      },
    };
    const routes = serveAdmin(({ url }) => {
      const month = url.searchParams.get('month') ?? '';
      return byMonth[month] ?? { ...coverage, currencies: {}, suggestions: [] };
    });
    await renderPage();
    const month = await screen.findByTestId('finops-coverage-month');
    expect(month).toHaveTextContent(
      'Nov 2025: 92.3% of USD cost attributed ($770.00 not).',
    );
    expect(screen.getByTestId('finops-coverage-heading')).toHaveTextContent(
      'Attribution worklist, Nov 2025',
    );
    // without a month picked, the latest month the page shows
    expect(routes.coverage.map(r => r.url.searchParams.get('month'))).toEqual([
      '2025-11',
    ]);

    await userEvent.click(screen.getByRole('button', { name: /Month/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Oct 2025' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('finops-coverage-month')).toHaveTextContent(
        'Oct 2025: 75% of USD cost attributed ($2,000.00 not).',
      ),
    );
    expect(routes.coverage.at(-1)!.url.searchParams.get('month')).toBe(
      '2025-10',
    );
    const worklist = screen.getByTestId('finops-coverage-worklist');
    expect(screen.getByTestId('finops-coverage-heading')).toHaveTextContent(
      'Attribution worklist, Oct 2025',
    );
    expect(
      within(worklist)
        .getAllByTestId('finops-unattributed-row')
        .map(r => [
          r.getAttribute('data-service'),
          r.getAttribute('data-amount'),
        ]),
    ).toEqual([['AmazonS3', '2000']]);
    expect(worklist).toHaveTextContent('The cost charged in Oct 2025');
    expect(worklist).not.toHaveTextContent('All months');

    await userEvent.click(screen.getByRole('button', { name: /Month/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Sep 2025' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('finops-coverage-month')).toHaveTextContent(
        'Sep 2025: no cost of this month in the latest attribution run.',
      ),
    );
    expect(routes.coverage.at(-1)!.url.searchParams.get('month')).toBe(
      '2025-09',
    );
  });

  it('shows the owner suggested for each unowned recommendation, or where to look', async () => {
    serveAdmin({
      ...coverage,
      suggestions: [...coverage.suggestions, dbSuggestion],
    });
    await renderPage();
    await screen.findByTestId('finops-unowned-recommendations');
    const db = await waitFor(() => {
      const found = within(unownedRow(rightsizeDb.id)).getByTestId(
        'finops-unowned-suggestion',
      );
      return found;
    });
    expect(db).toHaveAttribute('data-entity', 'component:default/orders-api');
    expect(db).toHaveTextContent('orders-api (70% confidence)');
    // only the suggestion for its own resource
    expect(
      within(unownedRow(rightsizeDb.id)).getAllByTestId(
        'finops-unowned-suggestion',
      ),
    ).toHaveLength(1);

    expect(
      within(unownedRow(idleVolume.id)).getByTestId('finops-unowned-account'),
    ).toHaveTextContent(
      'No owner suggested for the resource. Its account has $500.00 unattributed: see the worklist',
    );
    expect(
      within(unownedRow(idleVolume.id)).getByRole('link', {
        name: 'see the worklist',
      }),
    ).toHaveAttribute('href', '#finops-attribution-worklist');
    expect(screen.getByTestId('finops-coverage-worklist')).toHaveAttribute(
      'id',
      'finops-attribution-worklist',
    );
    expect(
      within(unownedRow('costwise-idle:vol-zzz')).getByTestId(
        'finops-unowned-none',
      ),
    ).toHaveTextContent('No owner suggested.');
  });

  it('confirms the suggestion from the queue, then asks for the worklist and the queue again', async () => {
    const routes = serveAdmin({
      ...coverage,
      suggestions: [dbSuggestion],
    });
    const confirms = serveRoute(
      'post',
      '/suggestions/confirm',
      { id: 'ovr_2' },
      201,
    );
    await renderPage();
    const confirm = await screen.findByRole('button', {
      name: 'Confirm component:default/orders-api as the owner of checkout-db',
    });
    await userEvent.click(confirm);
    expect(
      await within(unownedRow(rightsizeDb.id)).findByText(
        'Confirmed: a rule was added',
      ),
    ).toBeInTheDocument();
    expect(confirms.map(r => r.body)).toEqual([
      { groupId: '91', entityRef: 'component:default/orders-api' },
    ]);
    await waitFor(() => expect(routes.coverage).toHaveLength(2));
    await waitFor(() => expect(routes.unowned).toHaveLength(2));
  });
});
