import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ASK_DIMENSIONS,
  ASK_INTENTS,
  AskAnswer,
  COST_MEASURES,
} from '@costwise/plugin-finops-common';
import { MAX_QUESTION_LENGTH } from '@costwise/plugin-finops-engine';
import type { AskAccess } from '../service/ask';
import { dayOf } from '../service/http/validation';

/* The registry hands the schemas its own zod; the shapes are built on it. */

/** A calendar date, checked as the routes check theirs. */
const day = (z: any) => dayOf<any>(z).describe('YYYY-MM-DD');

const period = (z: any) =>
  z
    .object({ from: day(z), to: day(z) })
    .describe('a range of days, both included');

const entityRef = (z: any) =>
  z
    .string()
    .min(1)
    .describe(
      "the entity, kind:namespace/name (e.g. component:default/checkout-api), or an entity's name",
    );

const by = (z: any) =>
  z
    .enum(ASK_DIMENSIONS as unknown as [string, ...string[]])
    .describe(
      'what to break the cost down by: a cost dimension, `entity`, the direct `child` of a rollup, the LLM `model` or the `feature`',
    );

const measure = (z: any) =>
  z
    .enum(COST_MEASURES as unknown as [string, ...string[]])
    .describe('the cost measure; default the configured one (amortized)');

const row = (z: any) =>
  z.object({
    label: z.string(),
    key: z.string().optional(),
    amount: z.string().describe('exact decimal'),
    change: z
      .string()
      .nullable()
      .describe('exact change against the baseline, null when none'),
    previous: z.string().optional(),
    share: z.number().optional().describe('of the total, 0 to 1'),
    note: z.string().optional(),
  });

/** The answer as the actions return it: every key of {@link AskAnswer}. */
const answer = (z: any) =>
  z.object({
    question: z.string(),
    intent: z.enum(ASK_INTENTS as unknown as [string, ...string[]]),
    answer: z.string().describe('a sentence or two stating the conclusion'),
    period: period(z).nullable(),
    figures: z.array(
      z.object({
        label: z.string(),
        entity: z.string().nullable(),
        amount: z.string().describe('exact decimal'),
        currency: z.string().describe('empty for counts and metric values'),
      }),
    ),
    breakdown: z.array(row(z)),
    breakdownBy: z.string().optional(),
    sections: z
      .array(
        z.object({
          title: z.string(),
          dimension: z.string().optional(),
          rows: z.array(row(z)),
        }),
      )
      .optional(),
    chart: z
      .object({
        granularity: z.enum(['day', 'month']),
        unit: z.string(),
        points: z.array(z.object({ date: z.string(), amount: z.string() })),
        highlight: z.string().optional(),
      })
      .optional(),
    freshness: z.array(
      z.object({
        sourceId: z.string(),
        lastDay: z.string(),
        ingestedAt: z.string(),
      }),
    ),
    today: z.string().describe('the day relative dates were read from'),
    lineage: z
      .object({
        measure: z.string(),
        currency: z.string(),
        attributionRunId: z.string().nullable(),
        sources: z.array(z.string()),
        scope: z.object({
          entityRef: z.string().nullable(),
          members: z.number(),
          hiddenMembers: z.number(),
        }),
        evidence: z.array(
          z
            .object({
              label: z.string(),
              entityRef: z.string(),
              method: z.string(),
              annotation: z.string().optional(),
              selector: z.string().optional(),
              confidence: z.number().optional(),
              href: z
                .string()
                .describe("the /explain view, relative to the backend's URL"),
            })
            .passthrough(),
        ),
        query: z
          .object({ intent: z.string() })
          .passthrough()
          .describe('the structured query the engine ran'),
        parsedBy: z.enum(['engine', 'model']),
        phrasedBy: z.enum(['engine', 'model']),
      })
      .nullable()
      .describe('what the figures were computed from; null when unsupported'),
    supported: z
      .boolean()
      .describe('false when the question cannot be answered: never a guess'),
    suggestions: z
      .array(z.string())
      .describe('the closest questions that can be answered'),
    didYouMean: z.array(z.string()).optional(),
  });

const output = (result: AskAnswer) => ({ output: result as any });

const READ_ONLY = { readOnly: true, idempotent: true, destructive: false };

/**
 * Ask Costwise in the actions registry, for MCP clients and other plugins:
 * the question in plain language (`ask-costs`) and the structured queries
 * it runs (`get-entity-cost`, `explain-cost-change`, `top-cost-drivers`),
 * answered with the caller's own credentials and permissions, as the
 * Costs tab answers them.
 */
export function registerAskActions(options: {
  actionsRegistry: ActionsRegistryService;
  ask: AskAccess;
}) {
  const { actionsRegistry, ask } = options;

  actionsRegistry.register({
    name: 'ask-costs',
    title: 'Ask about cloud and AI costs',
    description:
      "Answers a question in plain language about the cost attributed to catalog entities (what an entity, team, system, provider, service or model cost; why cost changed or spiked; what drives it; the top spenders; comparisons; unit cost; the month-end forecast; who owns a resource; unattributed cost; AI spend; open recommendations) from the caller's readable cost. Figures are exact decimal strings with their lineage; a question it cannot answer gets supported: false and the closest questions it can.",
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          question: z
            .string()
            .min(1)
            .max(MAX_QUESTION_LENGTH)
            .describe("e.g. Why did checkout-api's costs spike last week?"),
          entityRef: entityRef(z)
            .optional()
            .describe(
              'the entity the question is asked about when it names none, kind:namespace/name',
            ),
        }),
      output: z => answer(z),
    },
    action: async ({ input, credentials }) =>
      output(await ask.ask(credentials, input.question, input.entityRef)),
  });

  actionsRegistry.register({
    name: 'get-entity-cost',
    title: "Get an entity's cost",
    description:
      'What a catalog entity (with its members, for a System, Domain or Group) cost in a period, broken down by a dimension, as exact decimal strings. The period defaults to the current month up to the last day with data.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRef(z),
          period: period(z).optional(),
          by: by(z).optional(),
          measure: measure(z).optional(),
          currency: z
            .string()
            .optional()
            .describe('an ISO currency code; default the configured one'),
        }),
      output: z => answer(z),
    },
    action: async ({ input, credentials }) =>
      output(await ask.entityCost(credentials, input as any)),
  });

  actionsRegistry.register({
    name: 'explain-cost-change',
    title: 'Explain a cost change',
    description:
      "Why an entity's (or, without entityRef, the organization's) cost changed: on a day against the day before, between a period and its baseline (default the period before), or on the day of the largest spike (spike: true). The change is decomposed by child entity, service, resource, region, SKU and charge category, into usage and price where quantities exist, with new and vanished resources named.",
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRef(z).optional(),
          day: day(z).optional().describe('the day of a spike, YYYY-MM-DD'),
          period: period(z).optional(),
          baseline: period(z)
            .optional()
            .describe('the period compared with; default the one before'),
          spike: z
            .boolean()
            .optional()
            .describe('find the day of the largest spike in the period'),
          by: by(z).optional(),
          measure: measure(z).optional(),
        }),
      output: z => answer(z),
    },
    action: async ({ input, credentials }) =>
      output(await ask.explainCostChange(credentials, input as any)),
  });

  actionsRegistry.register({
    name: 'top-cost-drivers',
    title: 'Top cost drivers',
    description:
      "What drives an entity's cost (with entityRef), or the organization's most expensive services, resources or entities of a kind (without), largest first, as exact decimal strings.",
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRef(z).optional(),
          period: period(z).optional(),
          by: by(z).optional(),
          kind: z
            .string()
            .optional()
            .describe(
              'with by: entity, only entities of this catalog kind (e.g. component)',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe('how many rows; default 5'),
          measure: measure(z).optional(),
        }),
      output: z => answer(z),
    },
    action: async ({ input, credentials }) =>
      output(await ask.topCostDrivers(credentials, input as any)),
  });
}
