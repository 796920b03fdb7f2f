import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import finopsPlugin, {
  entityCostCard,
  entityCostContent,
  entityRecommendationsContent,
  entityTeamCostContent,
  finopsPage,
  finopsStatementPage,
} from './alpha';
import { finopsApiRef, type FinopsApi } from './api';
import { entity, summary, teamCosts } from './__testUtils__/fixtures';
import { checkoutTeam, governanceKpis } from './__testUtils__/governance';
import { entityRecommendations } from './__testUtils__/recommendations';
import { teamStatement } from './__testUtils__/statement';
import { noAiSpend, noAiUsage, noAiWhatIf } from './__testUtils__/ai';

const ofKind = (kind: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

// entity links in the views need the catalog's entity route
const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
};

const noAnomalies = {
  items: [],
  counts: {
    new: 0,
    acknowledged: 0,
    resolved: 0,
    expected: 0,
    'not-anomaly': 0,
  },
  more: 0,
};

const stubApi: FinopsApi = {
  getHealth: async () => ({ status: 'ok' }),
  getBudget: async () => ({
    entityRef: 'group:default/x',
    history: [],
    warnings: [],
    empty: { reason: 'no-budget' as const, message: 'No budget.' },
  }),
  getTeamBudgets: async () => ({
    team: 'group:default/x',
    items: [],
    adherence: { share: null, onTrack: 0, total: 0 },
  }),
  listBudgets: async () => ({
    items: [],
    adherence: { share: null, onTrack: 0, total: 0 },
    canAdminister: false,
  }),
  setBudget: async () => {
    throw new Error('not needed');
  },
  removeBudget: async () => {
    throw new Error('not needed');
  },
  ask: async () => {
    throw new Error('not needed');
  },
  getAnomalies: async () => noAnomalies,
  listAnomalies: async () => noAnomalies,
  getAnomaly: async () => {
    throw new Error('not needed');
  },
  updateAnomalyStatus: async () => {
    throw new Error('not needed');
  },
  getSummary: async () => summary,
  getCosts: async () => teamCosts,
  getResources: async () => {
    throw new Error('not needed');
  },
  getShared: async () => {
    throw new Error('not needed');
  },
  getUnitCost: async () => {
    throw new Error('not needed');
  },
  getBenchmark: async () => {
    throw new Error('not needed');
  },
  getRecommendations: async () => entityRecommendations,
  getRecommendation: async () => {
    throw new Error('not needed');
  },
  updateRecommendationStatus: async () => {
    throw new Error('not needed');
  },
  getGovernanceAccess: async () => ({ admin: false }),
  getGovernanceKpis: async () => governanceKpis,
  getGovernanceSpend: async () => {
    throw new Error('not needed');
  },
  getKpiTargets: async () => {
    throw new Error('not needed');
  },
  setKpiTarget: async () => {
    throw new Error('not needed');
  },
  getTeamScorecard: async () => checkoutTeam,
  getCoverage: async () => {
    throw new Error('not needed');
  },
  confirmSuggestion: async () => {
    throw new Error('not needed');
  },
  decideClaim: async () => {
    throw new Error('not needed');
  },
  getUnownedRecommendations: async () => {
    throw new Error('not needed');
  },
  getAiUsage: async ref => noAiUsage(ref),
  getAiWhatIf: async ref => noAiWhatIf(ref),
  getAiSpend: async () => noAiSpend,
  getStatement: async () => teamStatement,
  statementCsvUrl: async () => {
    throw new Error('not needed');
  },
  getStatementCsv: async () => {
    throw new Error('not needed');
  },
};

describe('finops alpha extensions', () => {
  it('offers the cost card to components, resources, systems, domains, APIs and teams', () => {
    const tester = createExtensionTester(entityCostCard);
    expect(
      tester.get(EntityCardBlueprint.dataRefs.filterExpression),
    ).toBeUndefined();
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(ofKind('Component'))).toBe(true);
    expect(filter?.(ofKind('Resource'))).toBe(true);
    expect(filter?.(ofKind('System'))).toBe(true);
    expect(filter?.(ofKind('Domain'))).toBe(true);
    expect(filter?.(ofKind('API'))).toBe(true);
    expect(filter?.(ofKind('Group'))).toBe(true);
    expect(filter?.(ofKind('User'))).toBe(false);
  });

  it('mounts the Costs tab at /costs for the same kinds', () => {
    const tester = createExtensionTester(entityCostContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Costs');
    expect(tester.get(coreExtensionData.routePath)).toBe('/costs');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(ofKind('Component'))).toBe(true);
    expect(filter?.(ofKind('Group'))).toBe(false);
  });

  it('mounts the team view at /costs for Groups only', () => {
    const tester = createExtensionTester(entityTeamCostContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Costs');
    expect(tester.get(coreExtensionData.routePath)).toBe('/costs');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(ofKind('Group'))).toBe(true);
    expect(filter?.(ofKind('Component'))).toBe(false);
    expect(filter?.(ofKind('System'))).toBe(false);
  });

  it('mounts the Recommendations tab at /recommendations for components, resources, systems and teams', () => {
    const tester = createExtensionTester(entityRecommendationsContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Recommendations',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/recommendations');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    for (const kind of ['Component', 'Resource', 'System', 'Group']) {
      expect(filter?.(ofKind(kind))).toBe(true);
    }
    for (const kind of ['Domain', 'API', 'User']) {
      expect(filter?.(ofKind(kind))).toBe(false);
    }
  });

  it('renders the Recommendations tab it provides', async () => {
    const tester = createExtensionTester(entityRecommendationsContent);
    await renderInTestApp(
      <TestApiProvider apis={[[finopsApiRef, stubApi]]}>
        <EntityProvider entity={entity()}>
          {tester.get(coreExtensionData.reactElement)}
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByTestId('finops-rec-kpi-backlog')).toHaveAttribute(
      'data-count',
      '3',
    );
  });

  it('renders the card it provides', async () => {
    const tester = createExtensionTester(entityCostCard);
    await renderInTestApp(
      <TestApiProvider apis={[[finopsApiRef, stubApi]]}>
        <EntityProvider entity={entity()}>
          {tester.get(coreExtensionData.reactElement)}
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByTestId('finops-mtd')).toHaveTextContent(
      '$1,234.57',
    );
  });

  it('renders the team view it provides', async () => {
    const tester = createExtensionTester(entityTeamCostContent);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [finopsApiRef, stubApi],
          [catalogApiRef, catalogApiMock()],
        ]}
      >
        <EntityProvider entity={entity('Group', 'checkout-team', {})}>
          {tester.get(coreExtensionData.reactElement)}
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByTestId('finops-team-total')).toHaveTextContent(
      '$2,345.68',
    );
    expect(
      await screen.findByTestId('finops-team-scorecard'),
    ).toBeInTheDocument();
  });

  it('mounts the FinOps page at /finops, titled for the sidebar', () => {
    const tester = createExtensionTester(finopsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/finops');
    expect(tester.get(coreExtensionData.title)).toBe('FinOps');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('renders the FinOps page it provides', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[finopsApiRef, stubApi]]}>
        {createExtensionTester(finopsPage).get(coreExtensionData.reactElement)}
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findAllByTestId('finops-kpi-row')).toHaveLength(10);
    expect(screen.getByTestId('finops-leaderboard')).toBeInTheDocument();
  });

  it('mounts the printable statement under /finops, without a header or a sidebar entry', () => {
    const tester = createExtensionTester(finopsStatementPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/finops/statement');
    expect(tester.get(coreExtensionData.title)).toBeUndefined();
    expect(tester.get(coreExtensionData.icon)).toBeUndefined();
  });

  it('installs the API, the page, the card and the tabs', () => {
    expect(finopsPlugin.pluginId).toBe('finops');
    for (const id of [
      'api:finops',
      'page:finops',
      'page:finops/statement',
      'entity-card:finops/cost',
      'entity-content:finops/costs',
      'entity-content:finops/team-costs',
      'entity-content:finops/recommendations',
    ] as const) {
      expect(finopsPlugin.getExtension(id)).toBeDefined();
    }
  });
});
