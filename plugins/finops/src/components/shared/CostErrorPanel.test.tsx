import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { CostErrorPanel } from './CostErrorPanel';

const routes = {
  mountedRoutes: {
    '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
  },
};

const reconciler: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'invoice-reconciler',
    namespace: 'default',
    title: 'Invoice reconciler',
  },
  spec: { owner: 'group:default/finops-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/finops-team' }],
};

const refused = (message: string) =>
  Object.assign(new Error(message), { name: 'NotAllowedError' });

describe('the refusal', () => {
  it('names the entity refused by its title, with a link, not by its ref', async () => {
    await renderInTestApp(
      <EntityProvider entity={reconciler}>
        <CostErrorPanel
          error={refused(
            'You are not allowed to read the cost of component:default/invoice-reconciler',
          )}
        />
      </EntityProvider>,
      routes,
    );
    const panel = screen.getByTestId('finops-not-allowed');
    expect(panel).toHaveTextContent(
      'You are not allowed to read the cost of Invoice reconciler.',
    );
    expect(panel).not.toHaveTextContent('component:default/invoice-reconciler');
    expect(
      within(panel).getByRole('link', { name: 'Invoice reconciler' }),
    ).toHaveAttribute('href', '/catalog/default/component/invoice-reconciler');
  });

  it('names another entity the server speaks of by its name, with a link', async () => {
    await renderInTestApp(
      <EntityProvider entity={reconciler}>
        <CostErrorPanel
          error={refused(
            'You are not allowed to read the cost of system:default/finance-tools, which this recommendation belongs to',
          )}
        />
      </EntityProvider>,
      routes,
    );
    const panel = screen.getByTestId('finops-not-allowed');
    expect(panel).toHaveTextContent(
      'the cost of finance-tools, which this recommendation belongs to.',
    );
    expect(
      within(panel).getByRole('link', { name: /finance-tools/ }),
    ).toHaveAttribute('href', '/catalog/default/system/finance-tools');
  });
});
