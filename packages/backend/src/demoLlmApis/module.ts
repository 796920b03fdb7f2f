import { promises as fs } from 'fs';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { costSourcesExtensionPoint } from '@costwise/plugin-finops-node';
import {
  addDays,
  daysBetween,
  demoDataEnd,
  demoDataLlmUsage,
  monthStart,
  readFinopsConfig,
} from '@costwise/plugin-finops-engine';
import type { DemoMapping } from '@costwise/plugin-finops-engine';
import {
  createOpenAiSourceType,
  OPENAI_USAGE_ENDPOINTS,
} from '@costwise/plugin-finops-backend-module-openai';
import { createAnthropicSourceType } from '@costwise/plugin-finops-backend-module-anthropic';
import { startDemoLlmApis } from './fakes';

/** The demo data's days (the generator's default), up to its last day. */
export const DEMO_DAYS = 90;

/**
 * The days the fakes serve: the demo data's, from the first day of the
 * month it starts in. A pull replaces whole months, and ingestion refuses
 * a replacement that loses more than half of a stored month, so the first
 * month is served whole: as the demo's days move on from one start to the
 * next, it stays the same until it leaves the pull.
 */
export function demoApiDays(end: string): { first: string; days: number } {
  const first = monthStart(addDays(end, 1 - DEMO_DAYS));
  return { first, days: daysBetween(first, end) + 1 };
}

/**
 * The demo's OpenAI and Anthropic spend, through the connectors: in demo
 * mode (`finops.demo`), starts local fakes of the OpenAI Costs and Usage
 * APIs and of the Anthropic Admin API reports (127.0.0.1, free ports,
 * closed on shutdown) that serve the demo mapping's projects and workspaces
 * over the demo data's days (from the first of its first month), and adds the `openai` and `anthropic` cost
 * source types pulling from them. `finops.sources` entries of those types
 * with `location: default` are then pulled at start-up and on their
 * schedule like any source, each pull an ingestion run, and the demo
 * dataset leaves those providers' rows out.
 *
 * A provider whose block (`finops.openai`, `finops.anthropic`) is
 * configured is left to its connector module and the real API.
 */
export const finopsModuleDemoLlmApis = createBackendModule({
  pluginId: 'finops',
  moduleId: 'demo-llm-apis',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        sources: costSourcesExtensionPoint,
      },
      async init({ config, logger, lifecycle, sources }) {
        const finops = readFinopsConfig(config);
        if (!finops.demo) return;
        const openai = !config.has('finops.openai');
        const anthropic = !config.has('finops.anthropic');
        if (!openai && !anthropic) return;

        let mapping: DemoMapping;
        try {
          mapping = JSON.parse(await fs.readFile(finops.demoMapping, 'utf8'));
        } catch (error) {
          logger.error(
            `The demo's LLM APIs were not started: the demo mapping ${
              finops.demoMapping
            } could not be read (${(error as Error).message})`,
          );
          return;
        }
        // the same last day as the demo data job's file
        const end = demoDataEnd({});
        const usage = demoDataLlmUsage({ mapping, end, days: DEMO_DAYS });
        const { days } = demoApiDays(end);
        const apis = await startDemoLlmApis({
          usage,
          end,
          days,
          openai,
          anthropic,
        });
        lifecycle.addShutdownHook(() => apis.close());

        // a pull reads whole months from the month of today − lookbackDays:
        // every day the fakes serve
        const lookbackDays = DEMO_DAYS;
        const organization = (provider: string) =>
          usage.find(u => u.provider.toLowerCase() === provider)
            ?.billingAccount;
        if (apis.openai) {
          const account = organization('openai');
          sources.addSourceType(
            createOpenAiSourceType({
              adminKey: apis.openai.adminKey,
              baseUrl: apis.openai.url,
              organizationId: account?.id ?? 'openai',
              organizationName: account?.name,
              lookbackDays,
              usageEndpoints: [...OPENAI_USAGE_ENDPOINTS],
              logger,
            }),
          );
        }
        if (apis.anthropic) {
          const account = organization('anthropic');
          sources.addSourceType(
            createAnthropicSourceType({
              adminKey: apis.anthropic.adminKey,
              baseUrl: apis.anthropic.url,
              organizationId: account?.id ?? 'anthropic',
              organizationName: account?.name,
              lookbackDays,
              analytics: false,
              logger,
            }),
          );
        }
        logger.info("Started the demo's fake OpenAI and Anthropic APIs", {
          openai: apis.openai?.url ?? 'not started',
          anthropic: apis.anthropic?.url ?? 'not started',
          end,
          days,
        });
      },
    });
  },
});
