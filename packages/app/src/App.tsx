import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import finopsPlugin from '@costwise/plugin-finops/alpha';

/**
 * The Costwise demo app, on the new frontend system. Other installed plugins
 * are discovered from this package's dependencies (`app.packages: all`).
 */
export default createApp({
  features: [catalogPlugin, orgPlugin, finopsPlugin],
});
