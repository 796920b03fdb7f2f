import {
  createFrontendPlugin,
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FinopsClient, finopsApiRef } from './api';
import { RECOMMENDATION_KINDS } from './components/recommendations/kinds';

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
 * The Costwise plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'finops',
  extensions: [
    finopsApi,
    entityCostCard,
    entityCostContent,
    entityTeamCostContent,
    entityRecommendationsContent,
  ],
});
