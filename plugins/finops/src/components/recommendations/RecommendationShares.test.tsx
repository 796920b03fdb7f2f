import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Recommendation } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { entity } from '../../__testUtils__/fixtures';
import {
  detailOf,
  entityRecommendations,
  idleVolume,
  rightsizeDb,
  serveTab,
} from '../../__testUtils__/recommendations';
import {
  serveRecommendation,
  server,
  testClient,
} from '../../__testUtils__/server';
import { EntityRecommendationsContent } from '../EntityRecommendationsContent';

const renderTab = () =>
  renderInTestApp(
    <EntityProvider entity={entity()}>
      <EntityRecommendationsContent />
    </EntityProvider>,
    {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

/** Shared with the page's entity, another it may read and one it may not. */
const partlyHidden: Recommendation = { ...rightsizeDb, hiddenSharedWith: 1 };

/** Shared only with entities the reader may not see. */
const allHidden: Recommendation = {
  ...idleVolume,
  sharedWith: [],
  hiddenSharedWith: 2,
};

const rowOf = (id: string) =>
  screen
    .getAllByTestId('finops-recommendation')
    .find(row => row.getAttribute('data-id') === id)!;

describe('the sharers of a recommendation the reader may not see', () => {
  registerMswTestHooks(server);

  it('are counted, not named, in the rows and the details', async () => {
    serveTab({
      ...entityRecommendations,
      items: [allHidden, partlyHidden],
    });
    serveRecommendation(id =>
      detailOf(id === partlyHidden.id ? partlyHidden : allHidden),
    );
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');

    const partly = within(rowOf(partlyHidden.id)).getByTestId(
      'finops-rec-shared',
    );
    expect(partly).toHaveTextContent(
      "Shared with 2 entities and 1 more entity you may not see · this entity's part: $150.06/month (60%)",
    );
    expect(partly).toHaveAttribute('data-hidden', '1');
    expect(
      within(rowOf(allHidden.id)).getByTestId('finops-rec-shared'),
    ).toHaveTextContent('Shared with 2 entities you may not see');

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the details of Rightsizing for checkout-db',
      }),
    );
    const details = await screen.findByTestId('finops-rec-details');
    expect(
      within(details)
        .getAllByTestId('finops-rec-share')
        .map(s => s.getAttribute('data-entity-ref')),
    ).toEqual([
      'component:default/checkout-api',
      'component:default/orders-api',
    ]);
    expect(
      within(details).getByTestId('finops-rec-share-hidden'),
    ).toHaveTextContent('and 1 more entity you may not see');
  });

  it('says nothing of hidden sharers when there are none', async () => {
    serveTab(entityRecommendations);
    serveRecommendation(detailOf(rightsizeDb));
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    const shared = within(rowOf(rightsizeDb.id)).getByTestId(
      'finops-rec-shared',
    );
    expect(shared).not.toHaveTextContent('you may not see');
    expect(shared).not.toHaveAttribute('data-hidden');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the details of Rightsizing for checkout-db',
      }),
    );
    const details = await screen.findByTestId('finops-rec-details');
    expect(
      within(details).queryByTestId('finops-rec-share-hidden'),
    ).not.toBeInTheDocument();
  });
});
