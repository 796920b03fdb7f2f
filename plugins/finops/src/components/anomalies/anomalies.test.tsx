import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Anomaly } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { anomalyList, lambdaSpike } from '../../__testUtils__/anomalies';
import {
  benchmark,
  costs,
  entity,
  resources,
  summary,
  unitCostDaily,
} from '../../__testUtils__/fixtures';
import {
  serve,
  serveRoute,
  server,
  testClient,
} from '../../__testUtils__/server';
import { EntityCostContent } from '../EntityCostContent';

const renderTab = () =>
  renderInTestApp(
    <EntityProvider entity={entity()}>
      <EntityCostContent />
    </EntityProvider>,
    {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

describe('anomalies on the Costs tab', () => {
  registerMswTestHooks(server);

  beforeEach(() => {
    serve('summary', summary);
    serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
    serve('costs', costs);
    serve('resources', resources);
  });

  it('marks the anomaly on its day and opens its explanation from the chart', async () => {
    const requests = serve('anomalies', anomalyList());
    await renderTab();
    // the chart's marks have links under it (the keyboard's way to them)
    const mark = await screen.findByTestId('finops-chart-anomaly-link');
    expect(mark).toHaveAttribute('data-day', '2025-11-26');
    // the list asks for the period the chart shows
    expect(requests[0].searchParams.get('from')).toBe(costs.from);
    await userEvent.click(mark);
    const dialog = await screen.findByTestId('finops-anomaly-dialog');
    expect(
      within(dialog).getByTestId('finops-anomaly-explanation'),
    ).toHaveTextContent('mostly AWS Lambda');
    expect(within(dialog).getByTestId('finops-anomaly-impact')).toHaveAttribute(
      'data-amount',
      '345.68',
    );
    const causes = within(dialog).getAllByTestId('finops-anomaly-cause');
    expect(causes[0]).toHaveAttribute('data-value', 'AWS Lambda');
    expect(causes[0]).toHaveTextContent('$330.10');
    // reported on the component; its system and team refer to it
    expect(dialog).toHaveTextContent('reported here only');
  });

  it('lists it with the largest cause, and its owners acknowledge it with a note', async () => {
    let current: Anomaly = lambdaSpike;
    serve('anomalies', () => anomalyList([current]));
    const posted = serveRoute('post', '/anomalies/:id/status', ({ body }) => {
      const change = body as { status: Anomaly['status']; note?: string };
      current = {
        ...current,
        status: change.status,
        statusHistory: [
          ...current.statusHistory,
          {
            at: '2025-11-27T09:00:00.000Z',
            actor: 'user:default/guest',
            from: 'new',
            to: change.status,
            note: change.note,
          },
        ],
      };
      return current;
    });
    await renderTab();
    const row = await screen.findByTestId('finops-anomaly');
    expect(row).toHaveTextContent('Service AWS Lambda +$330.10');
    expect(within(row).getByTestId('finops-anomaly-status')).toHaveAttribute(
      'data-status',
      'new',
    );
    await userEvent.click(within(row).getByTestId('finops-anomaly-open'));
    await userEvent.click(
      await screen.findByTestId('finops-anomaly-acknowledge'),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /note/i }),
      'retry storm, fix deployed',
    );
    await userEvent.click(screen.getByTestId('finops-anomaly-send'));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0].body).toEqual({
      status: 'acknowledged',
      note: 'retry storm, fix deployed',
    });
    await waitFor(() =>
      expect(
        within(screen.getByTestId('finops-anomaly')).getByTestId(
          'finops-anomaly-status',
        ),
      ).toHaveAttribute('data-status', 'acknowledged'),
    );
    expect(screen.getByTestId('finops-anomaly-dialog')).toHaveTextContent(
      'retry storm, fix deployed',
    );
  });

  it('offers no triage to someone who may only read', async () => {
    serve('anomalies', { ...anomalyList(), canUpdate: false });
    await renderTab();
    await userEvent.click(await screen.findByTestId('finops-anomaly-open'));
    await screen.findByTestId('finops-anomaly-dialog');
    expect(screen.queryByTestId('finops-anomaly-acknowledge')).toBeNull();
  });

  it('says what a period without anomalies means', async () => {
    serve('anomalies', anomalyList([]));
    await renderTab();
    expect(
      await screen.findByTestId('finops-anomalies-empty'),
    ).toHaveTextContent('stayed within the range');
    expect(screen.queryByTestId('finops-chart-anomaly-link')).toBeNull();
  });
});
