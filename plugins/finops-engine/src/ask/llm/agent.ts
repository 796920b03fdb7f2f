import type { Entity } from '@backstage/catalog-model';
import type { AskAnswer, AskQuery } from '@costwise/plugin-finops-common';
import { entityRefOf } from '../../attribution';
import type { EngineLogger } from '../../model';
import { validateQuery } from '../validate';
import type { ModelClient, ModelTurn } from './client';
import { unknownNumbers } from './numbers';

/** The most catalog entities named to the model. */
const MAX_ENTITIES_LISTED = 300;

/** What the model is told besides the question. */
export interface ModelContext {
  today: string;
  scopeRef?: string;
  userGroups: string[];
  entities: Entity[];
  measure: string;
}

function whoAsks(ctx: ModelContext): string {
  if (ctx.scopeRef)
    return `The question is asked on the page of ${ctx.scopeRef}: "our", "this" and questions without an entity mean it.`;
  if (ctx.userGroups.length > 0)
    return `The asker belongs to ${ctx.userGroups.join(
      ', ',
    )}: "our" and "my team" mean ${ctx.userGroups[0]}.`;
  return 'Questions without an entity are about the whole organization.';
}

function systemPrompt(ctx: ModelContext): string {
  const listed = ctx.entities
    .slice(0, MAX_ENTITIES_LISTED)
    .map(e => {
      const ref = entityRefOf(e);
      return e.metadata.title ? `${ref} (${e.metadata.title})` : ref;
    })
    .join('\n');
  return [
    "You turn questions about an organization's cloud and AI cost into one call of the tool run_cost_query.",
    `Today is ${ctx.today}; resolve relative dates ("yesterday", "last week", "in October", "Q3") against it, weeks start on Monday.`,
    whoAsks(ctx),
    `Costs are ${ctx.measure} unless the question names another measure.`,
    'If the question is not about this cost data, do not call the tool.',
    'Catalog entities:',
    listed,
  ].join('\n');
}

/** The instruction for phrasing the tool's result. */
export const PHRASE_INSTRUCTION =
  'Answer the question in one or two sentences from the tool result only. Use only numbers that appear in the result, written as they appear there (amounts to the cent are fine). Do not add estimates, totals or percentages of your own.';

/** The model's reading of a question, validated, with the turn to phrase the answer in. */
export interface ModelReading {
  query: AskQuery;
  turn: ModelTurn;
}

/**
 * Asks the model to turn a question into the engine's query. Undefined
 * when it cannot be reached, calls no tool, or writes a query the engine
 * refuses: the engine then reads the question itself.
 */
export async function modelReading(
  client: ModelClient,
  question: string,
  ctx: ModelContext,
  entities: Map<string, Entity>,
  logger: EngineLogger,
): Promise<ModelReading | undefined> {
  let turn: ModelTurn;
  try {
    turn = await client.start(systemPrompt(ctx), question);
  } catch (error) {
    logger.warn(
      `The language model for questions could not be reached; answering without it: ${
        (error as Error).message
      }`,
    );
    return undefined;
  }
  if (turn.toolInput === undefined) return undefined;
  try {
    return { query: validateQuery(turn.toolInput, entities), turn };
  } catch (error) {
    logger.warn(
      `The language model wrote a query the engine refuses; answering without it: ${
        (error as Error).message
      }`,
    );
    return undefined;
  }
}

/**
 * The model's phrasing of an answer, kept only when every number in it is
 * one the engine returned; undefined otherwise (the engine's own sentence
 * is used).
 */
export async function modelPhrasing(
  reading: ModelReading,
  answer: AskAnswer,
  logger: EngineLogger,
): Promise<string | undefined> {
  const result = {
    answer: answer.answer,
    period: answer.period,
    figures: answer.figures,
    breakdown: answer.breakdown.slice(0, 10),
  };
  let text: string | undefined;
  try {
    text = await reading.turn.answer(result, PHRASE_INSTRUCTION);
  } catch (error) {
    logger.warn(
      `The language model could not phrase the answer; using the engine's: ${
        (error as Error).message
      }`,
    );
    return undefined;
  }
  if (!text) return undefined;
  const unknown = unknownNumbers(text, answer);
  if (unknown.length > 0) {
    logger.warn(
      `The language model's answer has numbers the engine did not return (${unknown
        .slice(0, 5)
        .join(', ')}); using the engine's answer`,
    );
    return undefined;
  }
  return text.slice(0, 2000);
}
