import {
  ASK_DIMENSIONS,
  ASK_INTENTS,
  COST_MEASURES,
} from '@costwise/plugin-finops-common';

/** The tool a model calls to run the engine's query. */
export const TOOL_NAME = 'run_cost_query';

const period = {
  type: 'object',
  properties: {
    from: { type: 'string', description: 'First day, YYYY-MM-DD' },
    to: { type: 'string', description: 'Last day, YYYY-MM-DD (inclusive)' },
  },
  required: ['from', 'to'],
};

/** The JSON schema of the tool's input: the engine's structured query. */
export const TOOL_PARAMETERS = {
  type: 'object',
  properties: {
    intent: {
      type: 'string',
      enum: ASK_INTENTS.filter(i => i !== 'unsupported'),
      description:
        'cost: what something cost; change: why cost changed or spiked; drivers: what makes up cost; top: most expensive entities or services; compare: entities or periods side by side; unit-cost: cost per business unit; forecast: month-end forecast; owner: who owns a resource and why; unattributed: cost no rule maps; ai-spend: AI/LLM spend by model; recommendations: open savings',
    },
    entityRef: {
      type: 'string',
      description:
        'The catalog entity asked about, kind:namespace/name (e.g. component:default/checkout-api). Leave out for the whole organization.',
    },
    compareWith: {
      type: 'array',
      items: { type: 'string' },
      description: 'compare: the other entity refs',
    },
    period: { ...period, description: 'The period asked about' },
    baseline: {
      ...period,
      description: 'change/compare: the earlier period compared with',
    },
    day: {
      type: 'string',
      description:
        'change: the day of a spike, YYYY-MM-DD (compared with the day before)',
    },
    spike: {
      type: 'boolean',
      description:
        'change: find the day of the largest spike when no day is named',
    },
    by: {
      type: 'string',
      enum: [...ASK_DIMENSIONS],
      description: 'What to break cost down by',
    },
    kind: {
      type: 'string',
      description:
        'top by entity: the catalog kind ranked (component, system, group, domain, resource, api)',
    },
    limit: { type: 'integer', minimum: 1, maximum: 50 },
    measure: { type: 'string', enum: [...COST_MEASURES] },
    currency: { type: 'string', description: 'ISO 4217 code' },
    filter: {
      type: 'object',
      properties: {
        provider: { type: 'string' },
        service: { type: 'string' },
        account: { type: 'string' },
        region: { type: 'string' },
        model: { type: 'string' },
        resource: { type: 'string' },
        chargeCategory: { type: 'string' },
      },
    },
    resource: {
      type: 'string',
      description: 'owner: the resource id or name',
    },
  },
  required: ['intent'],
};

/** What the tool does, told to the model. */
export const TOOL_DESCRIPTION =
  "Runs a query over the organization's attributed cloud and AI cost and returns exact figures. Call it once with the query the question asks.";
