import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { act, screen, waitFor, within } from '@testing-library/react';
import type { AiUsageResponse } from '@costwise/plugin-finops-common';
import { finopsApiRef } from '../../api';
import { aiSpend, aiUsage, noAiUsage } from '../../__testUtils__/ai';
import {
  entity,
  noUnitMetric,
  summary,
  twoPeers,
} from '../../__testUtils__/fixtures';
import { governanceKpis } from '../../__testUtils__/governance';
import { noRecommendations } from '../../__testUtils__/recommendations';
import {
  serve,
  serveRoute,
  server,
  testClient,
} from '../../__testUtils__/server';
import { EntityCostCard } from '../EntityCostCard';
import { FinopsPage } from '../FinopsPage';
import { formatMoney, formatShare } from '../shared/format';
import { TeamAiSpend } from './TeamAiSpend';

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
};

/**
 * A client that remembers its answers to `method`: `settled` returns once
 * it was asked and what the page makes of the answers is rendered, so that
 * a section left out is left out for good, not still to come.
 */
function answering(method: 'getAiUsage' | 'getAiSpend') {
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

/** The ML team's spend: its own assistant and a sub-team's copilot. */
const teamUsage: AiUsageResponse = {
  ...aiUsage,
  entityRef: 'group:default/ml-team',
  total: '16.1000004',
  byTeam: [
    {
      team: 'group:default/ml-team',
      model: 'gpt-4o-2024-08-06',
      provider: 'OpenAI',
      cost: '10.5000004',
      tokens: '4000000',
    },
    {
      team: 'group:default/ml-team',
      model: 'claude-sonnet-4-20250514',
      provider: 'Anthropic',
      cost: '4.4',
      tokens: '2700000',
    },
    {
      team: 'group:default/copilot-squad',
      model: 'gpt-4o-mini',
      provider: 'OpenAI',
      cost: '1.2',
      tokens: '5000000',
    },
  ],
};

describe('AI spend on the cost card, the team view and the FinOps page', () => {
  registerMswTestHooks(server);

  describe('the cost card', () => {
    beforeEach(() => {
      serve('summary', summary);
      serve('unit-cost', noUnitMetric);
      serve('benchmark', twoPeers);
      serve('recommendations', noRecommendations);
    });
    const renderCard = (client = testClient()) =>
      renderInTestApp(
        <EntityProvider entity={entity('Component', 'assistant-api', {})}>
          <EntityCostCard />
        </EntityProvider>,
        { apis: [[finopsApiRef, client]] },
      );

    it('has a line on AI spend over the last 30 days, where there is any', async () => {
      const requests = serve('ai-usage', aiUsage);
      await renderCard();
      const line = await screen.findByTestId('finops-card-ai');
      expect(line).toHaveAttribute('data-amount', aiUsage.total);
      expect(line).toHaveAttribute('data-tokens', '6700000');
      expect(line).toHaveTextContent(formatMoney(aiUsage.total, 'USD'));
      expect(line).toHaveTextContent(
        `gpt-4o-2024-08-06 ${formatShare(aiUsage.models[0].share, 0)}`,
      );
      expect(line).toHaveTextContent(`cache hits ${formatShare(0.4375, 0)}`);
      // the backend's default period: the 30 days up to the last day with data
      expect(requests[0].searchParams.get('from')).toBeNull();
      expect(within(line).getByRole('link')).toHaveAttribute(
        'href',
        expect.stringMatching(/costs$/),
      );
    });

    it('has none where there is no AI spend', async () => {
      const requests = serve('ai-usage', noAiUsage());
      const { client, settled } = answering('getAiUsage');
      await renderCard(client);
      await screen.findByTestId('finops-mtd');
      await waitFor(() => expect(requests).toHaveLength(1));
      await settled();
      expect(screen.queryByTestId('finops-card-ai')).not.toBeInTheDocument();
    });
  });

  describe('the team view', () => {
    it('shows the AI spend by sub-team and model, adding up to the total', async () => {
      const requests = serve('ai-usage', teamUsage);
      await renderInTestApp(
        <TeamAiSpend
          teamRef="group:default/ml-team"
          range={{ from: '2026-11-01', to: '2026-11-30' }}
          measure="EffectiveCost"
        />,
        { apis: [[finopsApiRef, testClient()]], mountedRoutes },
      );
      const section = await screen.findByTestId('finops-team-ai');
      expect(
        within(section).getByTestId('finops-team-ai-total'),
      ).toHaveAttribute('data-amount', '16.1000004');
      const rows = within(section).getAllByTestId('finops-team-ai-by-team-row');
      expect(
        rows.map(r => [
          r.getAttribute('data-team'),
          r.getAttribute('data-model'),
          r.getAttribute('data-amount'),
        ]),
      ).toEqual(teamUsage.byTeam!.map(t => [t.team, t.model, t.cost]));
      expect(rows[0]).toHaveTextContent('(itself)');
      expect(rows[2]).toHaveTextContent(formatMoney('1.2', 'USD'));
      expect(
        within(section).getByTestId('finops-team-ai-by-team-total'),
      ).toHaveAttribute('data-amount', '16.1000004');
      expect(requests[0].pathname).toBe(
        '/api/finops/entities/group/default/ml-team/ai-usage',
      );
      expect(requests[0].searchParams.get('from')).toBe('2026-11-01');
    });
  });

  describe('the FinOps page', () => {
    beforeEach(() => {
      serveRoute('get', '/governance/access', { admin: false });
      serveRoute('get', '/governance/kpis', governanceKpis);
      serveRoute('get', '/anomalies', { items: [], counts: {}, more: 0 });
    });

    it("shows the month's AI spend by team and model, and what it leaves out", async () => {
      const requests = serveRoute('get', '/ai/spend', aiSpend);
      await renderInTestApp(<FinopsPage />, {
        apis: [[finopsApiRef, testClient()]],
        mountedRoutes,
      });
      const panel = await screen.findByTestId('finops-org-ai');
      expect(within(panel).getByTestId('finops-org-ai-total')).toHaveAttribute(
        'data-amount',
        aiSpend.total,
      );
      expect(panel).toHaveTextContent(formatMoney(aiSpend.total, 'USD'));
      const rows = within(panel).getAllByTestId('finops-org-ai-by-team-row');
      expect(
        rows.map(r => [
          r.getAttribute('data-team'),
          r.getAttribute('data-model'),
          r.getAttribute('data-amount'),
        ]),
      ).toEqual(aiSpend.rows.map(r => [r.team, r.model, r.cost]));
      expect(
        within(panel)
          .getAllByTestId('finops-org-ai-model')
          .map(m => m.getAttribute('data-model')),
      ).toEqual(aiSpend.models.map(m => m.model));
      expect(
        within(panel).getByTestId('finops-org-ai-hidden'),
      ).toHaveTextContent('The AI spend of 1 entity is left out');
      // the month the KPIs are for
      expect(requests[0].url.searchParams.get('month')).toBe(
        governanceKpis.month,
      );
    });

    it('has no AI panel when no AI spend is attributed', async () => {
      const requests = serveRoute('get', '/ai/spend', {
        ...aiSpend,
        total: '0',
        rows: [],
        teams: [],
        models: [],
        hiddenEntities: 0,
        empty: { reason: 'no-ai-spend', message: 'No AI spend.' },
      });
      const { client, settled } = answering('getAiSpend');
      await renderInTestApp(<FinopsPage />, {
        apis: [[finopsApiRef, client]],
        mountedRoutes,
      });
      await screen.findAllByTestId('finops-kpi-row');
      await waitFor(() => expect(requests).toHaveLength(1));
      await settled();
      expect(screen.queryByTestId('finops-org-ai')).not.toBeInTheDocument();
    });
  });
});
