import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { finopsApiRef } from '../../api';
import { aiUsage, aiWhatIf, noAiUsage } from '../../__testUtils__/ai';
import {
  benchmark,
  costs,
  entity,
  resources,
  summary,
  unitCostDaily,
} from '../../__testUtils__/fixtures';
import {
  errorBody,
  serve,
  server,
  testClient,
} from '../../__testUtils__/server';
import { EntityCostContent } from '../EntityCostContent';
import { formatMoney, formatShare, formatUnitMoney } from '../shared/format';

const assistant = entity('Component', 'assistant-api', {
  'costwise.dev/llm': 'openai:proj_a, anthropic:wrkspc_1',
});

const renderTab = (subject = assistant, client = testClient()) =>
  renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityCostContent />
    </EntityProvider>,
    {
      apis: [[finopsApiRef, client]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
    },
  );

/**
 * A client that remembers its answers to `method`: `settled` returns once
 * it was asked and what the page makes of the answers is rendered, so that
 * a section left out is left out for good, not still to come.
 */
function answering(method: 'getAiUsage') {
  const client = testClient();
  const answers: Promise<unknown>[] = [];
  const ask = (client[method] as (...a: unknown[]) => Promise<unknown>).bind(
    client,
  );
  jest.spyOn(client as any, method).mockImplementation((...args: unknown[]) => {
    const answer = ask(...args);
    answers.push(answer);
    return answer;
  });
  const settled = async () => {
    await waitFor(() => expect(answers.length).toBeGreaterThan(0));
    await act(async () => {
      await Promise.allSettled(answers);
    });
  };
  return { client, settled };
}

describe('the AI usage section of the Costs tab', () => {
  registerMswTestHooks(server);
  beforeEach(() => {
    serve('summary', summary);
    serve('costs', costs);
    serve('resources', resources);
    serve('unit-cost', unitCostDaily);
    serve('benchmark', benchmark);
  });

  it("shows the AI spend and tokens by model and token type as the API gives them, for the tab's period", async () => {
    const requests = serve('ai-usage', aiUsage);
    serve('ai-whatif', aiWhatIf);
    await renderTab();
    const section = await screen.findByTestId('finops-ai-usage');
    const total = within(section).getByTestId('finops-ai-total');
    expect(total).toHaveAttribute('data-amount', aiUsage.total);
    expect(total).toHaveTextContent(formatMoney(aiUsage.total, 'USD'));
    // the tab's 30 days up to the last day with data, and its measure
    expect(requests[0].pathname).toBe(
      '/api/finops/entities/component/default/assistant-api/ai-usage',
    );
    expect(requests[0].searchParams.get('to')).toBe(summary.asOf);
    expect(requests[0].searchParams.get('from')).toBe('2025-10-28');
    expect(requests[0].searchParams.get('measure')).toBe('EffectiveCost');

    const rows = within(section).getAllByTestId('finops-ai-model-row');
    expect(rows.map(r => r.getAttribute('data-model'))).toEqual(
      aiUsage.models.map(m => m.model),
    );
    for (const [i, model] of aiUsage.models.entries()) {
      expect(rows[i]).toHaveAttribute('data-amount', model.cost);
      expect(
        within(rows[i]).getByTestId('finops-ai-model-cost'),
      ).toHaveTextContent(formatMoney(model.cost, 'USD'));
      expect(
        within(rows[i]).getByTestId('finops-ai-model-share'),
      ).toHaveTextContent(formatShare(model.share));
      const cells = within(rows[i]).getAllByTestId('finops-ai-line');
      expect(
        cells.map(c => [
          c.getAttribute('data-type'),
          c.getAttribute('data-amount'),
          c.getAttribute('data-tokens'),
        ]),
      ).toEqual(model.lines.map(l => [l.type, l.cost, l.tokens]));
      for (const [j, line] of model.lines.entries())
        expect(cells[j]).toHaveTextContent(formatMoney(line.cost, 'USD'));
    }
    expect(
      within(section).getByTestId('finops-ai-models-total'),
    ).toHaveAttribute('data-amount', aiUsage.total);
    // the trend by model
    expect(
      within(section).getByRole('img', {
        name: `AI spend by model per day from ${aiUsage.from} to ${aiUsage.to}`,
      }),
    ).toBeInTheDocument();
  });

  it('shows the cache hit share, the cost per 1,000 requests and per unit metric', async () => {
    serve('ai-usage', aiUsage);
    serve('ai-whatif', aiWhatIf);
    await renderTab();
    const section = await screen.findByTestId('finops-ai-usage');
    expect(within(section).getByTestId('finops-ai-tokens')).toHaveAttribute(
      'data-tokens',
      '6700000',
    );
    expect(
      within(section).getByTestId('finops-ai-cache-share'),
    ).toHaveTextContent(formatShare(0.4375));
    const perRequests = within(section).getByTestId(
      'finops-ai-per-1k-requests',
    );
    expect(perRequests).toHaveAttribute('data-amount', '5.2500002');
    expect(perRequests).toHaveTextContent(formatUnitMoney('5.2500002', 'USD'));
    expect(perRequests).toHaveTextContent('gpt-4o-2024-08-06');
    const perUnit = within(section).getByTestId('finops-ai-per-unit');
    expect(perUnit).toHaveTextContent('Per conversation');
    expect(perUnit).toHaveTextContent(formatUnitMoney('0.049667', 'USD'));
  });

  it('says what is not available rather than showing a zero', async () => {
    serve('ai-usage', {
      ...aiUsage,
      requests: {
        available: false,
        reason:
          "Not available: the usage data has no request counts for these models (OpenAI's usage reports them; Anthropic's does not).",
      },
      unitCost: {
        available: false,
        reason: 'This entity declares no unit metric.',
      },
    });
    serve('ai-whatif', aiWhatIf);
    await renderTab();
    const perRequests = await screen.findByTestId('finops-ai-per-1k-requests');
    expect(perRequests).toHaveAttribute('data-available', 'false');
    expect(perRequests).toHaveTextContent(
      /Not available.*no request counts for these models/,
    );
    expect(screen.getByTestId('finops-ai-per-unit')).toHaveTextContent(
      /Not available.*declares no unit metric/,
    );
  });

  it('shows the model what-if: each model, the cost of the same tokens, the difference and the price table date', async () => {
    serve('ai-usage', aiUsage);
    serve('ai-whatif', aiWhatIf);
    await renderTab();
    const whatIf = await screen.findByTestId('finops-ai-whatif');
    await waitFor(() =>
      expect(whatIf).toHaveAttribute('data-as-of', '2026-10-24'),
    );
    expect(
      within(whatIf).getByTestId('finops-ai-whatif-date'),
    ).toHaveTextContent('24 Oct 2026');
    const rows = within(whatIf).getAllByTestId('finops-ai-whatif-row');
    const expected = aiWhatIf.traffic[0].rows;
    expect(rows.map(r => r.getAttribute('data-model'))).toEqual(
      expected.map(r => r.model),
    );
    for (const [i, row] of expected.entries()) {
      expect(rows[i]).toHaveAttribute('data-cost', row.cost);
      expect(rows[i]).toHaveAttribute('data-difference', row.difference);
      expect(rows[i]).toHaveTextContent(formatMoney(row.cost, 'USD'));
    }
    // a saving reads as one, the models in use are marked
    expect(rows[0]).toHaveTextContent(`−${formatMoney('13.7700004', 'USD')}`);
    expect(rows[2]).toHaveTextContent(`+${formatMoney('1.7399996', 'USD')}`);
    expect(
      rows.filter(r => r.getAttribute('data-in-use') === 'true'),
    ).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('cache writes priced as input');
    expect(
      within(whatIf).getByTestId('finops-ai-whatif-table'),
    ).toHaveAttribute('data-actual', '14.7000004');
  });

  it('follows the measure picker', async () => {
    const requests = serve('ai-usage', aiUsage);
    serve('ai-whatif', aiWhatIf);
    await renderTab();
    await screen.findByTestId('finops-ai-usage');
    await userEvent.click(screen.getByRole('button', { name: /Measure/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'List cost' }),
    );
    await waitFor(() =>
      expect(requests.at(-1)!.searchParams.get('measure')).toBe('ListCost'),
    );
  });

  it('is not there for an entity without AI spend', async () => {
    const requests = serve('ai-usage', noAiUsage());
    const { client, settled } = answering('getAiUsage');
    await renderTab(entity(), client);
    await screen.findByTestId('finops-total');
    await waitFor(() => expect(requests).toHaveLength(1));
    await settled();
    expect(screen.queryByTestId('finops-ai-usage')).not.toBeInTheDocument();
    expect(screen.queryByTestId('finops-ai-whatif')).not.toBeInTheDocument();
  });

  it('says so when the AI usage cannot be loaded', async () => {
    serve(
      'ai-usage',
      errorBody('Error', 'the database is unreachable', 500),
      500,
    );
    await renderTab();
    expect(
      await screen.findByText(/AI usage could not be loaded/),
    ).toBeInTheDocument();
  });
});
