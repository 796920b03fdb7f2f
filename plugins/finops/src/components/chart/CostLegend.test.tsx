import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import type { CostSeries } from '@costwise/plugin-finops-common';
import { CostChart } from './CostChart';

const entity = (kind: string, name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: {},
});

const catalog = [
  entity('System', 'checkout', 'Checkout'),
  entity('Domain', 'commerce', 'Commerce'),
  entity('Component', 'order-worker'),
];

const series = (key: string, label: string, total: string): CostSeries => ({
  key,
  label,
  total,
  points: [{ date: '2025-11-26', amount: total }],
});

const renderChart = (items: CostSeries[], groupBy: string) =>
  renderInTestApp(
    <CostChart
      series={items}
      totals={[{ date: '2025-11-26', amount: '1' }]}
      currency="USD"
      description="cost"
      groupBy={groupBy}
    />,
    { apis: [[catalogApiRef, catalogApiMock({ entities: catalog })]] },
  );

const legendItems = () =>
  within(screen.getByTestId('finops-cost-legend')).getAllByRole('listitem');

describe('the cost legend', () => {
  it('names entities by their titles (or names), never by their refs', async () => {
    await renderChart(
      [
        series('system:default/checkout', 'system:default/checkout', '300'),
        series('domain:default/commerce', 'domain:default/commerce', '200'),
        series(
          'component:default/order-worker',
          'component:default/order-worker',
          '100',
        ),
      ],
      'child',
    );
    await waitFor(() =>
      expect(legendItems().map(i => i.textContent)).toEqual([
        'Checkout: $300.00',
        'Commerce: $200.00',
        'order-worker: $100.00',
      ]),
    );
    expect(screen.getByTestId('finops-cost-legend')).not.toHaveTextContent(
      /default\//,
    );
  });

  it('shortens a long resource id, the whole of it on hover', async () => {
    const arn =
      'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/checkout-prod-alb/50dc6c495c0c9188';
    await renderChart([series(arn, arn, '42.5')], 'resource');
    const [item] = legendItems();
    expect(item).toHaveTextContent('…50dc6c495c0c9188: $42.50');
    expect(item).not.toHaveTextContent('arn:aws');
    expect(within(item).getByTitle(arn)).toBeInTheDocument();
  });

  it('names attribution methods in words', async () => {
    await renderChart(
      [
        series('shared', 'shared', '30'),
        series('tags', 'tags', '20'),
        series('kubernetes', 'kubernetes', '10'),
      ],
      'method',
    );
    expect(legendItems().map(i => i.textContent)).toEqual([
      'Shared cost: $30.00',
      'Tags: $20.00',
      'Kubernetes: $10.00',
    ]);
  });
});
