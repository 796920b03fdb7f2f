import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { finopsApiRef } from '../api';
import {
  entity,
  noUnitMetric,
  summary,
  twoPeers,
} from '../__testUtils__/fixtures';
import {
  entityRecommendations,
  idleVolume,
  noRecommendations,
  rightsizeDb,
} from '../__testUtils__/recommendations';
import { errorBody, serve, server, testClient } from '../__testUtils__/server';
import { EntityCostCard } from './EntityCostCard';

const renderCard = (subject = entity()) =>
  renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityCostCard />
    </EntityProvider>,
    { apis: [[finopsApiRef, testClient()]] },
  );

/** Lets answers that were asked for render, so that their absence means something. */
async function settled(requests: URL[]) {
  await waitFor(() => expect(requests).toHaveLength(1));
  await new Promise(resolve => setTimeout(resolve, 50));
}

describe('EntityCostCard: recommendations', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    serve('summary', summary);
    serve('unit-cost', noUnitMetric);
    serve('benchmark', twoPeers);
  });

  it('counts the open recommendations, sums their saving and lists the three largest', async () => {
    const largest = Array.from({ length: 4 }, (_, i) => ({
      ...idleVolume,
      id: `costwise-idle:vol-${i}`,
      resourceName: `volume-${i}`,
      estimatedMonthlySavings: `${40 - i * 10}.00`,
    }));
    const requests = serve('recommendations', {
      ...entityRecommendations,
      items: [rightsizeDb, ...largest],
      open: { count: 5, monthlySavings: '350.10' },
    });
    await renderCard();
    const section = await screen.findByTestId('finops-card-recommendations');
    expect(section).toHaveAttribute('data-count', '5');
    expect(section).toHaveAttribute('data-amount', '350.10');
    expect(section).toHaveTextContent('5 open recommendations · $350.10/month');
    const items = within(section).getAllByTestId('finops-card-recommendation');
    expect(items.map(i => i.getAttribute('data-id'))).toEqual([
      rightsizeDb.id,
      'costwise-idle:vol-0',
      'costwise-idle:vol-1',
    ]);
    expect(items[0]).toHaveTextContent('checkout-db Rightsizing$250.10/month');
    expect(items[1]).toHaveAttribute('data-amount', '40.00');
    // the backlog's statuses, of this entity
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/default/checkout-api/recommendations',
    );
    expect(requests[0].searchParams.get('status')).toBe(
      'open,acknowledged,deferred',
    );
    expect(
      within(section).getByRole('link', { name: /5 open recommendations/ }),
    ).toHaveAttribute('href', expect.stringMatching(/\/recommendations$/));
  });

  it('stays quiet when the caller may not read the recommendations', async () => {
    const requests = serve(
      'recommendations',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    await renderCard();
    await screen.findByTestId('finops-mtd');
    await settled(requests);
    expect(
      screen.queryByTestId('finops-card-recommendations'),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/recommendation/i)).not.toBeInTheDocument();
    expect(screen.queryByTestId('finops-not-allowed')).not.toBeInTheDocument();
  });

  it('stays quiet for an entity the backend does not know', async () => {
    const requests = serve(
      'recommendations',
      errorBody('NotFoundError', 'No such entity', 404),
      404,
    );
    await renderCard();
    await screen.findByTestId('finops-mtd');
    await settled(requests);
    expect(screen.queryByText(/recommendation/i)).not.toBeInTheDocument();
  });

  it('shows nothing when none is open', async () => {
    const requests = serve('recommendations', noRecommendations);
    await renderCard();
    await screen.findByTestId('finops-mtd');
    await settled(requests);
    expect(
      screen.queryByTestId('finops-card-recommendations'),
    ).not.toBeInTheDocument();
  });

  it('does not ask on kinds without a Recommendations tab', async () => {
    const requests = serve('recommendations', entityRecommendations);
    await renderCard(entity('Domain', 'commerce'));
    await screen.findByTestId('finops-mtd');
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(requests).toHaveLength(0);
  });
});
