/*
 * The Costwise demo backend: catalog, guest auth, permissions (allow-all in
 * the demo config), actions registry (MCP), notifications and the finops plugin.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Auth, with the guest provider for the demo.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permissions: the allow-all policy of the demo. Replace it with your own policy in production.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Notifications and signals.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Actions registry exposed to AI assistants over MCP.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Costwise.
backend.add(import('@costwise/plugin-finops-backend'));
// Daily metrics from Prometheus; does nothing without finops.prometheus.
backend.add(import('@costwise/plugin-finops-backend-module-prometheus'));

backend.start();
