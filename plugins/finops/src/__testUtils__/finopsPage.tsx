import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { finopsApiRef } from '../api';
import { FinopsPage } from '../components/FinopsPage';
import { testClient } from './server';

/** The FinOps page over the test client, with entity pages to link to. */
export const renderPage = () =>
  renderInTestApp(<FinopsPage />, {
    apis: [[finopsApiRef, testClient()]],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
    },
  });
