import { Decimal } from '@costwise/plugin-finops-common';
import type { DemoLlmUsage } from '@costwise/plugin-finops-engine';
import {
  FakeOpenAiProject,
  FakeOpenAiServer,
  startFakeOpenAiServer,
} from '@costwise/plugin-finops-backend-module-openai/testUtils';
import {
  FakeAnthropicServer,
  FakeAnthropicWorkspace,
  startFakeAnthropicServer,
} from '@costwise/plugin-finops-backend-module-anthropic/testUtils';

/** The admin keys the demo's fake APIs accept: demo values, not secrets. */
export const DEMO_OPENAI_ADMIN_KEY = 'sk-admin-costwise-demo';
export const DEMO_ANTHROPIC_ADMIN_KEY = 'sk-ant-admin01-costwise-demo';

const isProvider = (u: DemoLlmUsage, name: string) =>
  u.provider.toLowerCase() === name;

/** The usage of one provider, grouped by project (or workspace) in order. */
function byProject(
  usage: DemoLlmUsage[],
  provider: string,
): Map<string, DemoLlmUsage[]> {
  const projects = new Map<string, DemoLlmUsage[]>();
  for (const u of usage.filter(x => isProvider(x, provider)))
    projects.set(u.project, [...(projects.get(u.project) ?? []), u]);
  return projects;
}

/**
 * The demo's OpenAI projects with the volumes of the demo data. The fake
 * counts cached tokens inside the input tokens (as the Usage API does);
 * the demo data counts them on top of the uncached input.
 */
export function openAiProjectsOf(usage: DemoLlmUsage[]): FakeOpenAiProject[] {
  return [...byProject(usage, 'openai')].map(([id, models]) => ({
    id,
    models: models.map(u => {
      const input = u.dailyTokens.input + u.dailyTokens.cachedInput;
      return {
        model: u.model,
        dailyInputTokens: input,
        cachedShare: input > 0 ? u.dailyTokens.cachedInput / input : 0,
        outputRatio: input > 0 ? u.dailyTokens.output / input : 0,
      };
    }),
  }));
}

/** The demo's Anthropic workspaces with the volumes of the demo data. */
export function anthropicWorkspacesOf(
  usage: DemoLlmUsage[],
): FakeAnthropicWorkspace[] {
  return [...byProject(usage, 'anthropic')].map(([id, models]) => ({
    id,
    models: models.map(u => {
      const input = u.dailyTokens.input;
      return {
        model: u.model,
        dailyInputTokens: input,
        cacheReadRatio: input > 0 ? u.dailyTokens.cachedInput / input : 0,
        outputRatio: input > 0 ? u.dailyTokens.output / input : 0,
      };
    }),
  }));
}

const times = (amount: string, factor: number) =>
  Decimal.parse(amount).mulInt(factor).toString();

/**
 * Multiplies a project's usage of a model on the demo's spike days, and its
 * billed amounts with it exactly (the fakes bill tokens × price), so that the
 * demo's LLM burst is in the API data too.
 */
function applyOpenAiSpikes(fake: FakeOpenAiServer, usage: DemoLlmUsage[]) {
  for (const u of usage.filter(x => isProvider(x, 'openai')))
    for (const { day, factor } of u.spikes) {
      const f = Math.round(factor);
      for (const r of fake.dataset.usage)
        if (r.projectId === u.project && r.model === u.model && r.day === day) {
          r.inputTokens *= f;
          r.inputCachedTokens *= f;
          r.outputTokens *= f;
          r.requests *= f;
        }
      for (const c of fake.dataset.costs)
        if (
          c.projectId === u.project &&
          c.day === day &&
          c.lineItem.startsWith(`${u.model}, `)
        ) {
          c.amount = times(c.amount, f);
          if (c.quantity !== undefined) c.quantity *= f;
        }
    }
}

function applyAnthropicSpikes(
  fake: FakeAnthropicServer,
  usage: DemoLlmUsage[],
) {
  for (const u of usage.filter(x => isProvider(x, 'anthropic')))
    for (const { day, factor } of u.spikes) {
      const f = Math.round(factor);
      for (const r of fake.dataset.usage)
        if (
          r.workspaceId === u.project &&
          r.model === u.model &&
          r.day === day
        ) {
          r.uncachedInputTokens *= f;
          r.cacheReadInputTokens *= f;
          r.cacheCreation5mInputTokens *= f;
          r.cacheCreation1hInputTokens *= f;
          r.outputTokens *= f;
          r.webSearchRequests *= f;
          r.requests *= f;
        }
      for (const c of fake.dataset.costs)
        if (
          c.workspaceId === u.project &&
          c.model === u.model &&
          c.day === day
        ) {
          c.listCents = times(c.listCents, f);
          c.cents = times(c.cents, f);
        }
    }
}

/** The running fakes of the demo (either absent when not asked for). */
export interface DemoLlmApis {
  openai?: FakeOpenAiServer;
  anthropic?: FakeAnthropicServer;
  close(): Promise<void>;
}

/**
 * Starts local fakes of the OpenAI Costs and Usage APIs and of the
 * Anthropic Admin API reports on 127.0.0.1 (any free port), serving the
 * demo's projects and workspaces with the demo data's volumes, models and
 * spikes for the `days` up to `end`, every day billed.
 */
export async function startDemoLlmApis(options: {
  usage: DemoLlmUsage[];
  end: string;
  days: number;
  openai: boolean;
  anthropic: boolean;
}): Promise<DemoLlmApis> {
  const { usage, end, days } = options;
  const apis: DemoLlmApis = {
    close: async () => {
      await Promise.all([apis.openai?.close(), apis.anthropic?.close()]);
    },
  };
  try {
    const projects = openAiProjectsOf(usage);
    if (options.openai && projects.length > 0) {
      apis.openai = await startFakeOpenAiServer({
        projects,
        end,
        days,
        adminKey: DEMO_OPENAI_ADMIN_KEY,
        // the demo's last day is billed, as the generated data's is
        costLagDays: 0,
      });
      applyOpenAiSpikes(apis.openai, usage);
    }
    const workspaces = anthropicWorkspacesOf(usage);
    if (options.anthropic && workspaces.length > 0) {
      apis.anthropic = await startFakeAnthropicServer({
        workspaces,
        end,
        days,
        adminKey: DEMO_ANTHROPIC_ADMIN_KEY,
        costLagDays: 0,
      });
      applyAnthropicSpikes(apis.anthropic, usage);
    }
  } catch (error) {
    await apis.close();
    throw error;
  }
  return apis;
}
