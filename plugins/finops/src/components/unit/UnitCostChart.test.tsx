import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { cloneElement, type ReactElement } from 'react';
import { unitCostDaily } from '../../__testUtils__/fixtures';
import { UnitCostChart } from './UnitCostChart';

// jsdom lays nothing out: the chart gets a fixed size to draw its axes in
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactElement }) =>
      cloneElement(children, { width: 800, height: 280 }),
  };
});

/**
 * A `matchMedia` for a window `width` px wide, as MUI's own tests make one:
 * it answers the `min-width` and `max-width` queries `useMediaQuery` asks.
 */
function matchMediaOf(width: number) {
  return (query: string): MediaQueryList => {
    const bound = (name: string) => {
      const m = new RegExp(`${name}:\\s*([\\d.]+)px`).exec(query);
      return m ? Number(m[1]) : undefined;
    };
    const min = bound('min-width');
    const max = bound('max-width');
    return {
      matches:
        (min === undefined || width >= min) &&
        (max === undefined || width <= max),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    };
  };
}

const yAxes = () =>
  screen
    .getByTestId('finops-unit-cost-chart')
    .querySelectorAll('.recharts-yAxis');

describe('the unit-cost chart', () => {
  const original = window.matchMedia;
  afterEach(() => {
    window.matchMedia = original;
  });

  it('draws cost, metric and cost per unit on three axes on a wide screen', async () => {
    window.matchMedia = matchMediaOf(1440);
    await renderInTestApp(<UnitCostChart value={unitCostDaily} />);
    await waitFor(() => expect(yAxes()).toHaveLength(3));
    expect(screen.getByText('Cost (left axis)')).toBeInTheDocument();
  });

  it('draws only the cost per unit, on one axis, on a phone', async () => {
    window.matchMedia = matchMediaOf(390);
    await renderInTestApp(<UnitCostChart value={unitCostDaily} />);
    await waitFor(() => expect(yAxes()).toHaveLength(1));
    // the line alone, and a legend that says where the rest is
    const chart = screen.getByTestId('finops-unit-cost-chart');
    expect(chart.querySelectorAll('.recharts-bar')).toHaveLength(0);
    expect(chart.querySelectorAll('.recharts-area')).toHaveLength(0);
    expect(chart.querySelectorAll('.recharts-line')).toHaveLength(1);
    expect(
      screen.getByText(
        'Cost per 1k requests (the table below has cost and requests)',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Cost (left axis)')).not.toBeInTheDocument();
  });
});
