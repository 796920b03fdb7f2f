import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  createFrontendPlugin,
  ApiBlueprint,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AccountBalanceWallet from '@material-ui/icons/AccountBalanceWallet';
import { FinopsClient, finopsApiRef } from './api';
import { RECOMMENDATION_KINDS } from './components/recommendations/kinds';
import { rootRouteRef as legacyRootRouteRef } from './routes';

/** The FinOps page's route, the same for both frontend systems. @alpha */
export const rootRouteRef = convertLegacyRouteRef(legacyRootRouteRef);

const COST_KINDS = {
  kind: { $in: ['component', 'resource', 'system', 'domain', 'api'] },
};

/** The finops API client. @alpha */
export const finopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: finopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FinopsClient({ discoveryApi, fetchApi }),
    }),
});

/** The cost card on entity overview pages, teams' included. @alpha */
export const entityCostCard = EntityCardBlueprint.make({
  name: 'cost',
  params: {
    filter: {
      kind: { $in: [...COST_KINDS.kind.$in, 'group'] },
    },
    loader: () =>
      import('./components/EntityCostCard').then(m => <m.EntityCostCard />),
  },
});

/** The "Costs" tab of entity pages. @alpha */
export const entityCostContent = EntityContentBlueprint.make({
  name: 'costs',
  params: {
    path: '/costs',
    title: 'Costs',
    filter: COST_KINDS,
    loader: () =>
      import('./components/EntityCostContent').then(m => (
        <m.EntityCostContent />
      )),
  },
});

/** The "Costs" tab of Group pages: the team's view. @alpha */
export const entityTeamCostContent = EntityContentBlueprint.make({
  name: 'team-costs',
  params: {
    path: '/costs',
    title: 'Costs',
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityTeamCostContent').then(m => (
        <m.EntityTeamCostContent />
      )),
  },
});

/** The "Recommendations" tab of entity pages, teams' included. @alpha */
export const entityRecommendationsContent = EntityContentBlueprint.make({
  name: 'recommendations',
  params: {
    path: '/recommendations',
    title: 'Recommendations',
    filter: { kind: { $in: RECOMMENDATION_KINDS } },
    loader: () =>
      import('./components/EntityRecommendationsContent').then(m => (
        <m.EntityRecommendationsContent />
      )),
  },
});

/**
 * The FinOps page at `/finops`, with its "FinOps" entry in the sidebar
 * (navigation items come from a page's title and icon in this version of
 * the frontend system).
 *
 * @alpha
 */
export const finopsPage = PageBlueprint.make({
  params: {
    path: '/finops',
    title: 'FinOps',
    icon: <AccountBalanceWallet fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/FinopsPage').then(m => <m.FinopsPageContent />),
  },
});

/**
 * A Group's or System's printable statement at
 * `/finops/statement/:kind/:namespace/:name?month=YYYY-MM`, without the
 * page header and out of the sidebar: the statement alone, for printing.
 *
 * @alpha
 */
export const finopsStatementPage = PageBlueprint.make({
  name: 'statement',
  params: {
    path: '/finops/statement',
    noHeader: true,
    loader: () =>
      import('./components/statement/StatementPage').then(m => (
        <m.StatementRoutes />
      )),
  },
});

/**
 * The Costwise plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'finops',
  routes: { root: rootRouteRef },
  extensions: [
    finopsApi,
    finopsPage,
    finopsStatementPage,
    entityCostCard,
    entityCostContent,
    entityTeamCostContent,
    entityRecommendationsContent,
  ],
});
