import { createApiRef } from '@backstage/core-plugin-api';

/** Health of the finops backend. @public */
export interface FinopsHealth {
  status: string;
}

/**
 * Client of the finops backend API.
 *
 * @public
 */
export interface FinopsApi {
  getHealth(): Promise<FinopsHealth>;
}

/** @public */
export const finopsApiRef = createApiRef<FinopsApi>({
  id: 'plugin.finops.service',
});
