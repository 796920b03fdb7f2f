import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import type { BenchmarkFigure } from '@costwise/plugin-finops-common';
import { benchmark } from '../../__testUtils__/fixtures';
import { PercentileBadge } from '../card/PercentileBadge';
import { BenchmarkFigureView } from './BenchmarkFigureView';

const routes = {
  mountedRoutes: {
    '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
  },
};

const self = 'component:default/checkout-api';

/** Monthly cost among 5 members: the entity and 4 peers. */
const figure = (extra: Partial<BenchmarkFigure> = {}): BenchmarkFigure => ({
  ...benchmark.figures[0],
  members: 5,
  value: '100',
  distribution: [100, 250, 400, 512, 900],
  min: 100,
  q1: 250,
  median: 400,
  q3: 512,
  max: 900,
  verdict: 'cheaper than 100% of 5 tier-1-apis',
  percentile: 100,
  peers: [
    { entityRef: 'component:default/search-api', value: 512 },
    { entityRef: self, value: 100 },
    { entityRef: 'component:default/payments-api', value: 400 },
    { entityRef: 'component:default/cart-api', value: 900 },
    { entityRef: 'component:default/audit-api', value: 400 },
  ],
  ...extra,
});

const renderFigure = (f: BenchmarkFigure) =>
  renderInTestApp(
    <BenchmarkFigureView
      figure={f}
      currency="USD"
      unitMetric={null}
      entityRef={self}
    />,
    routes,
  );

describe('a benchmark figure', () => {
  it('counts the peers when the entity beats all of them, itself not among them', async () => {
    await renderFigure(figure());
    expect(screen.getByTestId('finops-benchmark-percentile')).toHaveTextContent(
      /^cheaper than all 4 peers$/,
    );
  });

  it('says so the other way round when all of them are cheaper', async () => {
    await renderFigure(figure({ value: '950', percentile: 0 }));
    expect(screen.getByTestId('finops-benchmark-percentile')).toHaveTextContent(
      /^more expensive than all 4 peers$/,
    );
  });

  it('lists the peers cheapest first, by name where they tie, without the entity', async () => {
    await renderFigure(figure());
    const items = within(
      screen.getByTestId('finops-benchmark-peers'),
    ).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'audit-api: $400.00',
      'payments-api: $400.00',
      'search-api: $512.00',
      'cart-api: $900.00',
    ]);
  });
});

describe("the card's benchmark badge", () => {
  it('counts the peers too', async () => {
    await renderInTestApp(
      <PercentileBadge benchmark={{ ...benchmark, figures: [figure()] }} />,
    );
    expect(screen.getByTestId('finops-percentile')).toHaveTextContent(
      'monthly cost cheaper than all 4 peers',
    );
  });
});
