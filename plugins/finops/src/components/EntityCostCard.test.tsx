import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { finopsApiRef } from '../api';
import {
  benchmark,
  emptySummary,
  entity,
  noUnitMetric,
  summary,
  twoPeers,
  unitCostDaily,
} from '../__testUtils__/fixtures';
import { noRecommendations } from '../__testUtils__/recommendations';
import { errorBody, serve, server, testClient } from '../__testUtils__/server';
import { formatMoney } from './shared/format';
import { EntityCostCard } from './EntityCostCard';

const renderCard = (subject = entity(), client = testClient()) =>
  renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityCostCard />
    </EntityProvider>,
    { apis: [[finopsApiRef, client]] },
  );

/**
 * A client whose unit-cost and benchmark answers a test can wait for:
 * `answered` returns once both were asked and what the card makes of their
 * answers is rendered, so that a line left out is left out for good.
 */
function answeringClient() {
  const client = testClient();
  const answers: Promise<unknown>[] = [];
  for (const method of ['getUnitCost', 'getBenchmark'] as const) {
    const ask = client[method].bind(client) as (...a: any[]) => Promise<any>;
    jest.spyOn(client, method).mockImplementation((...args: any[]) => {
      const answer = ask(...args);
      answers.push(answer);
      return answer;
    });
  }
  const answered = async (...requests: URL[][]) => {
    await waitFor(() => {
      for (const r of requests) expect(r).toHaveLength(1);
      expect(answers).toHaveLength(2);
    });
    await act(async () => {
      await Promise.allSettled(answers);
    });
  };
  return { client, answered };
}

describe('EntityCostCard', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    serve('unit-cost', noUnitMetric);
    serve('benchmark', twoPeers);
    serve('recommendations', noRecommendations);
  });

  it('shows month to date, change, forecast and drivers', async () => {
    const requests = serve('summary', summary);
    await renderCard();
    const mtd = await screen.findByTestId('finops-mtd');
    expect(mtd).toHaveTextContent(formatMoney('1234.5678', 'USD'));
    expect(mtd).toHaveTextContent('$1,234.57');
    expect(mtd).toHaveAttribute('data-amount', '1234.5678');
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/default/checkout-api/summary',
    );
    expect(screen.getByTestId('finops-change')).toHaveTextContent(
      '+$120.25 (+10.8%)',
    );
    expect(screen.getByTitle('Up')).toBeInTheDocument();
    expect(screen.getByTestId('finops-forecast')).toHaveTextContent(
      'Forecast to month end: $1,420.00 ($1,300.00 – $1,550.00)',
    );
    const drivers = screen.getByTestId('finops-top-drivers');
    expect(drivers).toHaveTextContent('Amazon EC2');
    expect(drivers).toHaveTextContent('$700.00 · 56.7%');
    expect(drivers).toHaveTextContent('checkout-db');
    expect(screen.getByTestId('finops-freshness')).toHaveTextContent(
      'data to 26 Nov',
    );
    expect(screen.getByText('View costs').closest('a')).toHaveAttribute(
      'href',
      expect.stringMatching(/costs$/),
    );
  });

  it('explains the attribution in the confidence tooltip', async () => {
    serve('summary', summary);
    await renderCard();
    const chip = await screen.findByTestId('finops-confidence');
    expect(chip).toHaveTextContent('92% explicit');
    fireEvent.mouseOver(chip);
    const explanation = await screen.findByTestId(
      'finops-confidence-explanation',
    );
    expect(explanation).toHaveTextContent('Tags: $1,100.00');
    expect(explanation).toHaveTextContent('Inferred: $95.50');
    expect(explanation).toHaveTextContent('Shared cost: $39.07');
    expect(explanation).toHaveTextContent('1 annotation warning');
  });

  it('shows a decrease with a down arrow', async () => {
    serve('summary', {
      ...summary,
      change: { amount: '-50.5', ratio: -0.04 },
    });
    await renderCard();
    expect(await screen.findByTestId('finops-change')).toHaveTextContent(
      '−$50.50 (−4%)',
    );
    expect(screen.getByTitle('Down')).toBeInTheDocument();
  });

  it('teaches which annotation to add when the entity has none', async () => {
    serve(
      'summary',
      emptySummary('no-annotation', 'No Costwise annotation on this entity'),
    );
    await renderCard(entity('Component', 'checkout-api', {}));
    expect(
      await screen.findByText('No costs are mapped to this entity'),
    ).toBeInTheDocument();
    // the snippet is syntax-highlighted into several elements
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        'costwise.dev/tags: application=checkout-api',
      ),
    );
    expect(screen.queryByTestId('finops-mtd')).not.toBeInTheDocument();
  });

  it('lists the warnings of a malformed annotation', async () => {
    serve(
      'summary',
      emptySummary('annotation-malformed', 'The cost annotation is malformed'),
    );
    await renderCard();
    expect(
      await screen.findByText('A Costwise annotation could not be read'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('finops-annotation-warnings')).toHaveTextContent(
      "expected key=value, got 'application'",
    );
  });

  it('says data is awaited, not zero, when nothing is in range', async () => {
    serve(
      'summary',
      emptySummary('no-data-in-range', 'No cost was attributed this month'),
    );
    await renderCard();
    expect(
      await screen.findByText('No cost was attributed this month'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/\$/)).not.toBeInTheDocument();
  });

  it('says plainly that the cost is not for this user, with the reason', async () => {
    serve(
      'summary',
      {
        error: { name: 'NotAllowedError', message: 'You may not read costs' },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 403 },
      },
      403,
    );
    await renderCard();
    const panel = await screen.findByTestId('finops-not-allowed');
    expect(panel).toHaveTextContent('You may not see this cost');
    expect(panel).toHaveTextContent('You may not read costs.');
    expect(panel).toHaveTextContent('costwise.dev/cost-visibility: owners');
    expect(panel).not.toHaveTextContent(/\$\d/);
    expect(screen.queryByTestId('finops-mtd')).not.toBeInTheDocument();
  });

  it('shows the unit cost with its trend and the peer percentile', async () => {
    serve('summary', summary);
    const unitRequests = serve('unit-cost', unitCostDaily);
    const benchmarkRequests = serve('benchmark', benchmark);
    await renderCard();
    const unit = await screen.findByTestId('finops-card-unit-cost');
    expect(unit).toHaveTextContent('$0.597 per 1k requests · last 30 days');
    expect(unit).toHaveAttribute('data-unit-cost', '0.596969');
    expect(screen.getByTestId('finops-unit-trend')).toHaveTextContent('−51.1%');
    expect(unitRequests[0].pathname).toBe(
      '/api/finops/entities/component/default/checkout-api/unit-cost',
    );
    expect(unitRequests[0].searchParams.get('measure')).toBe('EffectiveCost');
    expect(benchmarkRequests[0].searchParams.get('measure')).toBe(
      'EffectiveCost',
    );
    const badge = await screen.findByTestId('finops-percentile');
    expect(badge).toHaveTextContent('cheaper than 80% of peers');
    expect(badge).toHaveAttribute(
      'aria-label',
      'Peer benchmark: cheaper than 80% of peers. cheaper than 80% of 5 tier-1-apis per 1k requests',
    );
    fireEvent.mouseOver(badge);
    expect(
      await screen.findByRole('tooltip', {
        name: 'cheaper than 80% of 5 tier-1-apis per 1k requests',
      }),
    ).toBeInTheDocument();
  });

  it('says "more expensive" when most peers are cheaper', async () => {
    serve('summary', summary);
    serve('unit-cost', unitCostDaily);
    serve('benchmark', {
      ...benchmark,
      figures: benchmark.figures.map(f =>
        f.dimension === 'unitCost' ? { ...f, percentile: 12.5 } : f,
      ),
    });
    await renderCard();
    const badge = await screen.findByTestId('finops-percentile');
    expect(badge).toHaveTextContent('more expensive than 88% of peers');
    expect(badge).toHaveAttribute('data-good', 'false');
  });

  it('stays as it was when the entity has no unit metric and too few peers', async () => {
    serve('summary', summary);
    const unitRequests = serve('unit-cost', noUnitMetric);
    const benchmarkRequests = serve('benchmark', twoPeers);
    const { client, answered } = answeringClient();
    await renderCard(entity(), client);
    await screen.findByTestId('finops-mtd');
    await answered(unitRequests, benchmarkRequests);
    expect(screen.queryByTestId('finops-unit-line')).not.toBeInTheDocument();
    expect(screen.queryByTestId('finops-percentile')).not.toBeInTheDocument();
  });

  it('hides unit cost and percentile, and nothing else, when they are refused', async () => {
    serve('summary', summary);
    const refused = errorBody('NotAllowedError', 'You may not read costs', 403);
    const unitRequests = serve('unit-cost', refused, 403);
    const benchmarkRequests = serve('benchmark', refused, 403);
    const { client, answered } = answeringClient();
    await renderCard(entity(), client);
    await screen.findByTestId('finops-mtd');
    await answered(unitRequests, benchmarkRequests);
    expect(screen.queryByTestId('finops-unit-line')).not.toBeInTheDocument();
    expect(
      screen.queryByText(/You may not read costs/),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('finops-forecast')).toBeInTheDocument();
  });
});
