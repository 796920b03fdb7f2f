import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EntityRecommendations } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../api';
import { entity } from '../__testUtils__/fixtures';
import {
  deferredScaling,
  detailOf,
  entityRecommendations,
  idleVolume,
  noRecommendations,
  rightsizeDb,
  serveTab,
} from '../__testUtils__/recommendations';
import {
  errorBody,
  serve,
  serveRecommendation,
  serveStatusChange,
  server,
  testClient,
} from '../__testUtils__/server';
import { EntityRecommendationsContent } from './EntityRecommendationsContent';

const renderTab = (extraApis: Array<[typeof signalApiRef, SignalApi]> = []) =>
  renderInTestApp(
    <EntityProvider entity={entity()}>
      <EntityRecommendationsContent />
    </EntityProvider>,
    {
      apis: [[finopsApiRef, testClient()], ...extraApis],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

/** Opens an MUI select by its label and picks an option. */
async function pick(label: RegExp, option: string | RegExp) {
  await userEvent.click(screen.getByRole('button', { name: label }));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

const rowOf = (id: string) =>
  screen
    .getAllByTestId('finops-recommendation')
    .find(row => row.getAttribute('data-id') === id)!;

describe('EntityRecommendationsContent', () => {
  registerMswTestHooks(server);

  it('shows the KPIs of the response and the backlog, largest saving first', async () => {
    const requests = serveTab(entityRecommendations);
    await renderTab();
    const actioned = await screen.findByTestId('finops-rec-kpi-actioned');
    expect(actioned).toHaveAttribute('data-rate', '0.5');
    expect(actioned).toHaveTextContent('50%');
    const kpis = screen.getByTestId('finops-rec-kpis');
    // 6 implemented at a rate of 0.5: of 12
    expect(kpis).toHaveTextContent('6 of 12');
    expect(
      screen.getByTestId('finops-rec-kpi-actioned-savings'),
    ).toHaveTextContent('62.3%');
    expect(
      screen.getByTestId('finops-rec-kpi-implement-days'),
    ).toHaveTextContent('median 12.5 daysp90 40 days');
    expect(
      screen.getByTestId('finops-rec-kpi-response-days'),
    ).toHaveTextContent('median 3 daysp90 9.5 days');
    const backlog = screen.getByTestId('finops-rec-kpi-backlog');
    expect(backlog).toHaveAttribute('data-count', '3');
    expect(backlog).toHaveAttribute('data-amount', '697.9456');
    expect(backlog).toHaveTextContent('3');
    expect(kpis).toHaveTextContent('$697.95/month to save');
    const savings = screen.getByTestId('finops-rec-kpi-savings');
    expect(savings).toHaveAttribute('data-estimated', '1500.00');
    expect(savings).toHaveAttribute('data-realized', '1234.5');
    expect(savings).toHaveTextContent(
      'estimated $1,500.00/monthrealized $1,234.50/month',
    );

    // the backlog by default, as the API sorted it
    expect(requests[0].searchParams.get('status')).toBe(
      'open,acknowledged,deferred',
    );
    const rows = screen.getAllByTestId('finops-recommendation');
    expect(rows.map(r => r.getAttribute('data-id'))).toEqual([
      idleVolume.id,
      rightsizeDb.id,
      deferredScaling.id,
    ]);
    expect(rows.map(r => r.getAttribute('data-status'))).toEqual([
      'open',
      'acknowledged',
      'deferred',
    ]);
    const first = within(rows[0]);
    expect(first.getByTestId('finops-rec-saving')).toHaveAttribute(
      'data-amount',
      '412.3456',
    );
    expect(first.getByTestId('finops-rec-saving')).toHaveTextContent('$412.35');
    expect(rows[0]).toHaveTextContent('checkout-scratch');
    expect(rows[0]).toHaveTextContent('Idle Resource Removal');
    expect(rows[0]).toHaveTextContent('Very Low');
    expect(first.getByTestId('finops-short-id')).toHaveAttribute(
      'data-id',
      idleVolume.resourceId,
    );
    // a shared resource's saving, and this entity's part of it
    const shared = within(rows[1]).getByTestId('finops-rec-shared');
    expect(shared).toHaveTextContent(
      "Shared with 2 entities · this entity's part: $150.06/month (60%)",
    );
    expect(shared).toHaveAttribute('data-amount', '150.06');
    expect(rows[2]).toHaveTextContent('Deferred until 15 Jan 2026');
  });

  it('sends the filters as the query', async () => {
    const requests = serveTab(entityRecommendations);
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');

    await pick(/Subcategory/, 'Rightsizing');
    await waitFor(() =>
      expect(requests.at(-1)!.searchParams.get('subcategory')).toBe(
        'Rightsizing',
      ),
    );
    await pick(/Effort/, 'Low');
    await pick(/Source/, 'aws-coh');
    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Dismissed' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(Object.fromEntries(requests.at(-1)!.searchParams)).toEqual({
        status: 'open,acknowledged,deferred,dismissed',
        subcategory: 'Rightsizing',
        source: 'aws-coh',
        effort: 'Low',
      }),
    );
  });

  it('dismisses only with a reason, and a note when the reason is "other"', async () => {
    const requests = serveTab(entityRecommendations);
    const changes = serveStatusChange(({ id }) =>
      detailOf({ ...idleVolume, id, status: 'dismissed' }),
    );
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    await userEvent.click(
      within(rowOf(idleVolume.id)).getByTestId('finops-rec-dismiss'),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Dismiss the recommendation',
    });
    const confirm = within(dialog).getByTestId('finops-rec-confirm');
    expect(confirm).toBeDisabled();
    expect(dialog).toHaveTextContent('Choose why it is dismissed.');

    await pick(/Reason/, 'Other (say why in the note)');
    expect(confirm).toBeDisabled();
    expect(dialog).toHaveTextContent('Say why in a note');

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'Kept for disaster-recovery drills',
    );
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);

    await waitFor(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toEqual({
      id: idleVolume.id,
      body: {
        status: 'dismissed',
        reason: 'other',
        note: 'Kept for disaster-recovery drills',
      },
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // the table and KPIs are asked again
    await waitFor(() => expect(requests).toHaveLength(2));
  });

  it('marks a recommendation implemented, then shows the row and KPIs as they now are', async () => {
    let current: EntityRecommendations = entityRecommendations;
    serveTab(() => current);
    const changes = serveStatusChange(({ id }) => {
      current = {
        ...entityRecommendations,
        items: entityRecommendations.items.map(i =>
          i.id === id
            ? {
                ...i,
                status: 'implemented',
                statusChangedAt: '2025-11-27T10:00:00Z',
              }
            : i,
        ),
        open: { count: 2, monthlySavings: '285.60' },
        kpis: {
          ...entityRecommendations.kpis,
          implemented: 7,
          backlog: { count: 2, monthlySavings: '285.60' },
        },
      };
      return detailOf({ ...idleVolume, status: 'implemented' });
    });
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    await userEvent.click(
      within(rowOf(idleVolume.id)).getByRole('button', {
        name: 'Implemented: Idle Resource Removal of checkout-scratch',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Mark the recommendation implemented',
    });
    await userEvent.click(within(dialog).getByTestId('finops-rec-confirm'));

    await waitFor(() =>
      expect(rowOf(idleVolume.id)).toHaveAttribute(
        'data-status',
        'implemented',
      ),
    );
    expect(changes[0].body).toEqual({ status: 'implemented' });
    const backlog = screen.getByTestId('finops-rec-kpi-backlog');
    expect(backlog).toHaveAttribute('data-count', '2');
    expect(backlog).toHaveAttribute('data-amount', '285.60');
    // an implemented recommendation has nothing left to do
    expect(
      within(rowOf(idleVolume.id)).queryByRole('button', {
        name: /^(Acknowledge|Implemented|Defer|Dismiss)/,
      }),
    ).not.toBeInTheDocument();
  });

  it('shows the backend refusal in the dialog and keeps it open', async () => {
    serveTab(entityRecommendations);
    serveStatusChange(
      errorBody(
        'InputError',
        'A deferred recommendation cannot be reopened yet',
        400,
      ),
      400,
    );
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    await userEvent.click(
      within(rowOf(deferredScaling.id)).getByTestId('finops-rec-reopen'),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Reopen the recommendation',
    });
    await userEvent.click(within(dialog).getByTestId('finops-rec-confirm'));
    expect(
      await within(dialog).findByTestId('finops-rec-error'),
    ).toHaveTextContent('A deferred recommendation cannot be reopened yet');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('defers to a day after today, with the note', async () => {
    serveTab(entityRecommendations);
    const changes = serveStatusChange(
      detailOf({ ...rightsizeDb, status: 'deferred' }),
    );
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    await userEvent.click(
      within(rowOf(rightsizeDb.id)).getByTestId('finops-rec-defer'),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Defer the recommendation',
    });
    const until = within(dialog).getByLabelText(/Defer until/);
    const confirm = within(dialog).getByTestId('finops-rec-confirm');
    await userEvent.clear(until);
    await userEvent.type(until, '2020-01-01');
    expect(confirm).toBeDisabled();
    expect(dialog).toHaveTextContent('Choose a day after today.');
    await userEvent.clear(until);
    await userEvent.type(until, '2999-03-31');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Note/ }),
      'after the migration',
    );
    await userEvent.click(confirm);
    await waitFor(() => expect(changes).toHaveLength(1));
    expect(changes[0].body).toEqual({
      status: 'deferred',
      until: '2999-03-31',
      note: 'after the migration',
    });
  });

  it('offers no action to a caller who may not change the recommendations', async () => {
    serveTab({ ...entityRecommendations, canUpdate: false });
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    expect(screen.getAllByTestId('finops-recommendation')).toHaveLength(3);
    for (const id of [
      'finops-rec-acknowledge',
      'finops-rec-implement',
      'finops-rec-defer',
      'finops-rec-dismiss',
      'finops-rec-reopen',
    ]) {
      expect(screen.queryByTestId(id)).not.toBeInTheDocument();
    }
    expect(
      screen.queryByRole('columnheader', { name: 'Actions' }),
    ).not.toBeInTheDocument();
  });

  it('shows the details and history of a recommendation', async () => {
    serveTab(entityRecommendations);
    const requests = serveRecommendation(id =>
      id !== rightsizeDb.id
        ? detailOf(idleVolume)
        : detailOf(rightsizeDb, {
            verification: {
              status: 'verified',
              days: 14,
              before: '500.00',
              after: '260.00',
              realizedMonthlySavings: '240.00',
              checkedAt: '2025-11-26T05:00:00Z',
              message: 'The cost fell by 96% of the estimate.',
            },
          }),
    );
    await renderTab();
    await screen.findByTestId('finops-rec-kpis');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the details of Rightsizing for checkout-db',
      }),
    );
    const details = await screen.findByTestId('finops-rec-details');
    expect(details).toHaveTextContent(
      'Downsize db.r6g.2xlarge to db.r6g.xlarge',
    );
    expect(
      within(details).getByRole('link', {
        name: /Open in AWS Cost Optimization Hub/,
      }),
    ).toHaveAttribute('href', rightsizeDb.link);
    expect(details).toHaveTextContent('"instanceType": "db.r6g.2xlarge"');
    expect(details).toHaveTextContent('"instanceType": "db.r6g.xlarge"');
    const verification = await within(details).findByTestId(
      'finops-rec-verification',
    );
    expect(verification).toHaveAttribute('data-amount', '240.00');
    expect(verification).toHaveTextContent('Verified · realized $240.00/month');
    const events = await within(details).findAllByTestId('finops-rec-event');
    expect(events.map(e => e.getAttribute('data-to'))).toEqual([
      'open',
      'acknowledged',
    ]);
    expect(events[1]).toHaveTextContent('Open → Acknowledged');
    expect(within(events[1]).getByRole('link')).toHaveTextContent('jane');
    expect(requests[0].pathname).toBe(
      `/api/finops/recommendations/${encodeURIComponent(rightsizeDb.id)}`,
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show the details of Idle Resource Removal for checkout-scratch',
      }),
    );
    const evidence = await screen.findByTestId('finops-rec-evidence');
    expect(evidence).toHaveTextContent(
      'billed $412.00 over 14 days with no attachment · 13 Nov – 26 Nov 2025 · 14 days · $192.43',
    );
  });

  it('tells how to get recommendations when there are none', async () => {
    serveTab(noRecommendations);
    await renderTab();
    const empty = await screen.findByTestId('finops-rec-empty');
    expect(
      screen.getByText('No recommendations for this entity yet'),
    ).toBeInTheDocument();
    expect(empty).toHaveTextContent('finops.recommendations.sources');
    // the snippet is syntax-highlighted once its highlighter has loaded
    await waitFor(() =>
      expect(empty).toHaveTextContent('costwise recommendations import FILE'),
    );
    expect(
      screen.getByText(/detectors run after each cost ingestion/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('finops-rec-kpis')).not.toBeInTheDocument();
  });

  it('says plainly when the caller may not read the cost', async () => {
    serve(
      'recommendations',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    await renderTab();
    expect(await screen.findByTestId('finops-not-allowed')).toHaveTextContent(
      'You may not read costs.',
    );
    expect(screen.queryByTestId('finops-rec-kpis')).not.toBeInTheDocument();
  });

  it('refetches when a signal names the entity or one of its recommendations', async () => {
    const requests = serveTab(entityRecommendations);
    let publish: ((message: any) => void) | undefined;
    const signalApi: SignalApi = {
      subscribe: (channel, onMessage) => {
        expect(channel).toBe('finops:recommendations');
        publish = onMessage as (message: any) => void;
        return { unsubscribe: () => {} };
      },
    };
    await renderTab([[signalApiRef, signalApi]]);
    await screen.findByTestId('finops-rec-kpis');
    expect(requests).toHaveLength(1);

    act(() =>
      publish!({
        id: 'other:1',
        entityRefs: ['component:default/someone-else'],
        status: 'dismissed',
      }),
    );
    act(() =>
      publish!({
        id: idleVolume.id,
        entityRefs: ['component:default/checkout-api'],
        status: 'dismissed',
      }),
    );
    await waitFor(() => expect(requests).toHaveLength(2));
    // a member's recommendation, shown here, names its own entity
    act(() =>
      publish!({
        id: rightsizeDb.id,
        entityRefs: ['resource:default/orders-db'],
        status: 'implemented',
      }),
    );
    await waitFor(() => expect(requests).toHaveLength(3));
  });
});
