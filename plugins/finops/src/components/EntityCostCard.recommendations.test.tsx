import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
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

/**
 * Renders the card over a client that remembers its recommendations
 * answers: `settled` returns once they were asked and what the card makes
 * of them is rendered, so that their absence means something.
 */
async function renderCard(subject = entity()) {
  const client = testClient();
  const answers: Promise<unknown>[] = [];
  const ask = client.getRecommendations.bind(client);
  const getRecommendations = jest
    .spyOn(client, 'getRecommendations')
    .mockImplementation((...args) => {
      const answer = ask(...args);
      answers.push(answer);
      return answer;
    });
  await renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityCostCard />
    </EntityProvider>,
    { apis: [[finopsApiRef, client]] },
  );
  const settled = async (requests: URL[]) => {
    await waitFor(() => {
      expect(requests).toHaveLength(1);
      expect(answers).toHaveLength(1);
    });
    await act(async () => {
      await Promise.allSettled(answers);
    });
  };
  return { getRecommendations, settled };
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
    const card = await renderCard();
    await screen.findByTestId('finops-mtd');
    await card.settled(requests);
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
    const card = await renderCard();
    await screen.findByTestId('finops-mtd');
    await card.settled(requests);
    expect(screen.queryByText(/recommendation/i)).not.toBeInTheDocument();
  });

  it('shows nothing when none is open', async () => {
    const requests = serve('recommendations', noRecommendations);
    const card = await renderCard();
    await screen.findByTestId('finops-mtd');
    await card.settled(requests);
    expect(
      screen.queryByTestId('finops-card-recommendations'),
    ).not.toBeInTheDocument();
  });

  it('does not ask on kinds without a Recommendations tab', async () => {
    const requests = serve('recommendations', entityRecommendations);
    const card = await renderCard(entity('Domain', 'commerce'));
    // by the time the card shows its figures, a section that asks has asked
    await screen.findByTestId('finops-mtd');
    expect(card.getRecommendations).not.toHaveBeenCalled();
    expect(requests).toHaveLength(0);
  });
});
