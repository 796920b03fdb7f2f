import { createRouteRef } from '@backstage/core-plugin-api';

/** The FinOps page, `/finops` by default. */
export const rootRouteRef = createRouteRef({ id: 'finops' });
