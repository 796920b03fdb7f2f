import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { EntityCostCard } from './EntityCostCard';

const component = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/checkout-team',
    lifecycle: 'production',
  },
});

describe('EntityCostCard', () => {
  it('teaches how to map costs when the entity has no Costwise annotation', async () => {
    await renderInTestApp(
      <EntityProvider entity={component()}>
        <EntityCostCard />
      </EntityProvider>,
    );
    expect(
      screen.getByText('No costs are mapped to this entity'),
    ).toBeInTheDocument();
    // the snippet is syntax-highlighted into several elements
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        'costwise.dev/tags: application=checkout-api',
      ),
    );
  });

  it('says cost is awaited, not zero, when the entity is mapped', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={component({ 'costwise.dev/tags': 'application=checkout-api' })}
      >
        <EntityCostCard />
      </EntityProvider>,
    );
    expect(screen.getByText('No cost attributed yet')).toBeInTheDocument();
    expect(screen.queryByText(/\$/)).not.toBeInTheDocument();
  });
});
