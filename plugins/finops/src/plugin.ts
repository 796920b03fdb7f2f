import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { FinopsClient, finopsApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The Costwise plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const finopsPlugin = createPlugin({
  id: 'finops',
  apis: [
    createApiFactory({
      api: finopsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FinopsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * The FinOps page (legacy frontend system): the organization's KPIs, the
 * team leaderboard and, for FinOps admins, targets, spend, the attribution
 * worklist, contested claims and unowned recommendations. Mount it at
 * `/finops`.
 *
 * @public
 */
export const FinopsPage = finopsPlugin.provide(
  createRoutableExtension({
    name: 'FinopsPage',
    component: () => import('./components/FinopsPage').then(m => m.FinopsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The cost card for an entity's overview page (legacy frontend system).
 *
 * @public
 */
export const EntityCostCard = finopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCostCard',
    component: {
      lazy: () =>
        import('./components/EntityCostCard').then(m => m.EntityCostCard),
    },
  }),
);

/**
 * The "Costs" tab content of an entity page (legacy frontend system).
 *
 * @public
 */
export const EntityCostContent = finopsPlugin.provide(
  createComponentExtension({
    name: 'EntityCostContent',
    component: {
      lazy: () =>
        import('./components/EntityCostContent').then(m => m.EntityCostContent),
    },
  }),
);

/**
 * The "Costs" tab of a Group's page (legacy frontend system): the team's
 * total, split by system and sub-team, and its largest components.
 *
 * @public
 */
export const EntityTeamCostContent = finopsPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamCostContent',
    component: {
      lazy: () =>
        import('./components/EntityTeamCostContent').then(
          m => m.EntityTeamCostContent,
        ),
    },
  }),
);

/**
 * The "Recommendations" tab of an entity page (legacy frontend system): the
 * recommendations' KPIs, and the recommendations with their evidence,
 * history and status changes.
 *
 * @public
 */
export const EntityRecommendationsContent = finopsPlugin.provide(
  createComponentExtension({
    name: 'EntityRecommendationsContent',
    component: {
      lazy: () =>
        import('./components/EntityRecommendationsContent').then(
          m => m.EntityRecommendationsContent,
        ),
    },
  }),
);
