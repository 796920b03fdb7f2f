import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { finopsApiRef } from '../../api';
import { spikeAnswer, unsupportedAnswer } from '../../__testUtils__/ask';
import {
  benchmark,
  costs,
  entity,
  resources,
  summary,
  unitCostDaily,
} from '../../__testUtils__/fixtures';
import { governanceKpis } from '../../__testUtils__/governance';
import {
  errorBody,
  serve,
  serveRoute,
  server,
  testClient,
} from '../../__testUtils__/server';
import { EntityCostContent } from '../EntityCostContent';
import { FinopsPage } from '../FinopsPage';
import { EntityAskBox } from './EntityAskBox';
import { OrganizationAskBox } from './OrganizationAskBox';

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
};

const checkoutApi = entity('Component', 'checkout-api', {
  'costwise.dev/tags': 'app=checkout',
  'costwise.dev/unit-metric': 'orders',
});

const renderEntityBox = (subject = checkoutApi) =>
  renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityAskBox />
    </EntityProvider>,
    { apis: [[finopsApiRef, testClient()]], mountedRoutes },
  );

async function askQuestion(question: string) {
  const box = screen.getByTestId('finops-ask');
  const input = within(within(box).getByTestId('finops-ask-input')).getByRole(
    'textbox',
  );
  await userEvent.clear(input);
  await userEvent.type(input, question);
  await userEvent.click(within(box).getByTestId('finops-ask-submit'));
}

describe('the Ask box', () => {
  registerMswTestHooks(server);
  beforeEach(() => localStorage.clear());

  it('offers questions that fit the entity, scoped to it', async () => {
    await renderEntityBox();
    const examples = (await screen.findAllByTestId('finops-ask-example')).map(
      e => e.textContent,
    );
    expect(examples).toEqual([
      'What did checkout-api cost this month?',
      "Why did checkout-api's costs spike?",
      "What drives checkout-api's cost?",
      "What is checkout-api's unit cost and its trend?",
      'Forecast to month end',
    ]);
  });

  it('asks on the entity and shows the answer with its exact figures, breakdown, chart and lineage', async () => {
    const requests = serveRoute('post', '/ask', spikeAnswer);
    await renderEntityBox();
    await askQuestion("Why did checkout-api's costs spike?");
    const answer = await screen.findByTestId('finops-ask-answer');
    expect(requests.map(r => r.body)).toEqual([
      {
        question: "Why did checkout-api's costs spike?",
        entityRef: 'component:default/checkout-api',
      },
    ]);
    expect(answer).toHaveAttribute('data-intent', 'change');
    expect(answer).toHaveAttribute('data-supported', 'true');
    expect(answer).toHaveTextContent(spikeAnswer.answer);

    const figures = within(answer).getAllByTestId('finops-ask-figure');
    expect(
      figures.map(f => [
        f.getAttribute('data-label'),
        f.getAttribute('data-amount'),
      ]),
    ).toEqual([
      ['Cost, Fri 7 Mar 2025', '1021.005'],
      ['Cost, Thu 6 Mar 2025', '2.005'],
      ['Change', '1019'],
    ]);
    // the exact string is rounded, not a float
    expect(figures[0]).toHaveTextContent('$1,021.01');
    expect(figures[1]).toHaveTextContent('$2.01');

    const rows = within(answer).getAllByTestId('finops-ask-breakdown-row');
    expect(
      rows.map(r => [
        r.getAttribute('data-label'),
        r.getAttribute('data-amount'),
      ]),
    ).toEqual([
      ['AWS Lambda', '1018'],
      ['Amazon ElastiCache', '3.005'],
    ]);
    expect(rows[0]).toHaveTextContent('+$1,016.00');
    expect(rows[1]).toHaveTextContent('new');
    // a member's row links to its page
    const member = within(answer).getByTestId('finops-ask-section-row');
    expect(within(member).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-worker',
    );

    const chart = within(answer).getByTestId('finops-ask-chart');
    expect(chart).toHaveAttribute('data-highlight', '2025-03-07');
    expect(chart).toHaveAttribute('data-points', '7');
    expect(
      within(answer).getByTestId('finops-ask-freshness'),
    ).toHaveTextContent('Data to 7 Mar 2025 (aws-cur');

    const lineage = within(answer).getByTestId('finops-ask-lineage');
    expect(lineage).toHaveAttribute('data-run', 'run-42');
    await userEvent.click(
      within(lineage).getByRole('button', { name: /How this was answered/ }),
    );
    expect(within(lineage).getByText('run-42')).toBeVisible();
    expect(within(lineage).getByTestId('finops-ask-query')).toHaveTextContent(
      '"spike": true',
    );
    const evidence = within(lineage).getByTestId('finops-ask-evidence');
    expect(
      within(evidence).getByRole('link', { name: 'explain' }),
    ).toHaveAttribute(
      'href',
      'http://localhost:7007/api/finops/explain?resourceId=checkout-worker',
    );
  });

  it('links the anomaly detected on the day it explains', async () => {
    serveRoute('post', '/ask', {
      ...spikeAnswer,
      anomalies: [
        {
          id: 'anom_00000000000000000001',
          entityRef: 'component:default/checkout-api',
          day: '2025-03-07',
          lastDay: '2025-03-07',
          impact: '912.50',
          currency: 'USD',
          status: 'new',
          explanation: 'checkout-api cost 1,021.01 USD on Friday.',
        },
      ],
    });
    await renderEntityBox();
    await askQuestion("Why did checkout-api's costs spike?");
    const link = await screen.findByTestId('finops-ask-anomaly');
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-api/costs?anomaly=anom_00000000000000000001',
    );
    expect(screen.getByTestId('finops-ask-anomalies')).toHaveTextContent(
      '(+$912.50, new)',
    );
  });

  it("keeps the user's questions and asks them again", async () => {
    const requests = serveRoute('post', '/ask', spikeAnswer);
    const first = await renderEntityBox();
    await askQuestion('Why did checkout-api spike?');
    await screen.findByTestId('finops-ask-answer');
    first.unmount();

    await renderEntityBox();
    const history = await screen.findAllByTestId('finops-ask-history-item');
    expect(history.map(h => h.textContent)).toEqual([
      'Why did checkout-api spike?',
    ]);
    await userEvent.click(history[0]);
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1].body).toEqual({
      question: 'Why did checkout-api spike?',
      entityRef: 'component:default/checkout-api',
    });
  });

  it('answers an unsupported question honestly, with clickable suggestions and names it may mean', async () => {
    const requests = serveRoute('post', '/ask', ({ body }) =>
      (body as { question: string }).question ===
      'What did checkout-apii-v2 cost?'
        ? unsupportedAnswer
        : spikeAnswer,
    );
    await renderEntityBox();
    await askQuestion('What did checkout-apii-v2 cost?');
    const answer = await screen.findByTestId('finops-ask-answer');
    expect(answer).toHaveAttribute('data-supported', 'false');
    expect(answer).toHaveAttribute('data-intent', 'unsupported');
    expect(answer).toHaveTextContent("I can't answer that yet.");
    expect(within(answer).queryAllByTestId('finops-ask-figure')).toHaveLength(
      0,
    );
    expect(
      within(answer)
        .getAllByTestId('finops-ask-suggestion')
        .map(s => s.textContent),
    ).toEqual(unsupportedAnswer.suggestions);
    const meant = within(answer).getByTestId('finops-ask-did-you-mean');
    expect(meant).toHaveAttribute(
      'data-question',
      'What did checkout-api cost?',
    );
    await userEvent.click(meant);
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1].body).toMatchObject({
      question: 'What did checkout-api cost?',
    });
    await userEvent.click(
      (
        await screen.findAllByTestId('finops-ask-suggestion')
      )[0],
    );
    await waitFor(() => expect(requests).toHaveLength(3));
    expect(requests[2].body).toMatchObject({
      question: "What drives checkout-api's cost?",
    });
  });

  it('says plainly when the entity is restricted or the question is refused', async () => {
    serveRoute(
      'post',
      '/ask',
      ({ body }) =>
        (body as { question: string }).question === 'x'
          ? errorBody(
              'InputError',
              'Invalid request: question must be at most 500 characters long',
              400,
            )
          : errorBody(
              'NotAllowedError',
              'You are not allowed to read the cost of component:default/checkout-api',
              403,
            ),
      ({ body }) =>
        (body as { question: string }).question === 'x' ? 400 : 403,
    );
    await renderEntityBox();
    await askQuestion('What did this cost?');
    const denied = await screen.findByTestId('finops-ask-error');
    expect(denied).toHaveAttribute('data-status', '403');
    expect(denied).toHaveTextContent('You may not see this cost');
    expect(denied).toHaveTextContent(
      'You are not allowed to read the cost of checkout-api',
    );
    expect(screen.queryByTestId('finops-ask-answer')).not.toBeInTheDocument();

    await askQuestion('x');
    await waitFor(() =>
      expect(screen.getByTestId('finops-ask-error')).toHaveAttribute(
        'data-status',
        '400',
      ),
    );
    expect(screen.getByTestId('finops-ask-error')).toHaveTextContent(
      'question must be at most 500 characters long',
    );
  });

  it('asks about the organization on the FinOps page', async () => {
    const requests = serveRoute('post', '/ask', {
      ...spikeAnswer,
      intent: 'top',
    });
    await renderInTestApp(<OrganizationAskBox />, {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes,
    });
    const examples = await screen.findAllByTestId('finops-ask-example');
    expect(examples[0]).toHaveTextContent(
      'Which team costs the most this month?',
    );
    expect(screen.getByTestId('finops-ask-submit')).toBeDisabled();
    await userEvent.click(examples[0]);
    await waitFor(() => expect(requests).toHaveLength(1));
    // no entity: the organization
    expect(requests[0].body).toEqual({
      question: 'Which team costs the most this month?',
    });
    expect(await screen.findByTestId('finops-ask-answer')).toHaveAttribute(
      'data-intent',
      'top',
    );
  });

  it("sits at the top of an entity's Costs tab, but not over a cost the user may not see", async () => {
    serve('summary', summary);
    serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
    serve('resources', resources);
    serve('costs', costs);
    const tab = await renderInTestApp(
      <EntityProvider entity={checkoutApi}>
        <EntityCostContent />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], mountedRoutes },
    );
    const total = await screen.findByTestId('finops-total');
    const box = screen.getByTestId('finops-ask');
    expect(
      box.compareDocumentPosition(total) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    tab.unmount();

    serve(
      'costs',
      errorBody('NotAllowedError', 'You may not read costs', 403),
      403,
    );
    await renderInTestApp(
      <EntityProvider entity={checkoutApi}>
        <EntityCostContent />
      </EntityProvider>,
      { apis: [[finopsApiRef, testClient()]], mountedRoutes },
    );
    await screen.findByTestId('finops-not-allowed');
    expect(screen.queryByTestId('finops-ask')).not.toBeInTheDocument();
  });

  it('sits on the FinOps page, about the organization', async () => {
    serveRoute('get', '/governance/access', { admin: false });
    serveRoute('get', '/governance/kpis', governanceKpis);
    await renderInTestApp(<FinopsPage />, {
      apis: [[finopsApiRef, testClient()]],
      mountedRoutes,
    });
    const box = await screen.findByTestId('finops-ask');
    expect(box).toHaveTextContent('about the whole organization');
  });
});
