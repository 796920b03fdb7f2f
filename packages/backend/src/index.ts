/*
 * The Costwise demo backend: catalog, guest auth, permissions (a demo policy
 * that allows all but owner-restricted costs), actions registry (MCP),
 * notifications, the finops plugin with its OpenAI and Anthropic connectors
 * (fed by local fake APIs in the demo) and Tech Insights with the Costwise
 * facts and checks.
 */
import { createBackend } from '@backstage/backend-defaults';
import { finopsModuleDemoLlmApis } from './demoLlmApis';
import { permissionModuleCostwiseDemoPolicy } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Auth, with the guest provider for the demo.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// The Costwise permission rules (HAS_COST_MAPPING, IS_COST_RESTRICTED).
backend.add(import('@costwise/plugin-catalog-backend-module-finops'));

// Permissions: the demo policy allows everything except the cost of entities
// restricted to their owners (costwise.dev/cost-visibility: owners), and
// finops.admin to anyone but the FinOps team. Replace it with your own policy
// in production.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleCostwiseDemoPolicy);

// Notifications and signals.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// Actions registry exposed to AI assistants over MCP.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// Costwise.
backend.add(import('@costwise/plugin-finops-backend'));
// Daily metrics from Prometheus; does nothing without finops.prometheus.
backend.add(import('@costwise/plugin-finops-backend-module-prometheus'));
// OpenAI's and Anthropic's own usage and cost APIs as cost sources; each does
// nothing without finops.openai / finops.anthropic.
backend.add(import('@costwise/plugin-finops-backend-module-openai'));
backend.add(import('@costwise/plugin-finops-backend-module-anthropic'));
// The demo's OpenAI and Anthropic spend: in demo mode, local fake APIs that
// the two connectors pull from (the finops.sources of type openai and
// anthropic). Remove it outside a demo.
backend.add(finopsModuleDemoLlmApis);

// Tech Insights: the Costwise facts of each entity (techInsights.factRetrievers)
// and the JSON rules engine that runs the scorecard checks on them
// (techInsights.factChecker.checks).
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(import('@costwise/plugin-tech-insights-backend-module-finops'));

backend.start();
