import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type {
  AskAnswer,
  AskDimension,
  AskPeriod,
  AskQuery,
  CostMeasure,
} from '@costwise/plugin-finops-common';
import { entityRefOf } from '../attribution';
import type { AskConfig } from '../config';
import { Clock, EngineLogger, silentLogger, systemClock } from '../model';
import {
  CostViewer,
  CostViewService,
  lastDayWithData,
  UnitCostService,
  ViewDefaults,
} from '../queries';
import type {
  AnomalyStore,
  AttributionStore,
  RecommendationStore,
} from '../stores';
import { AnswerContext } from './answers/context';
import { CubeReads } from './data/cube';
import { DEFAULT_MODEL_TAG_KEYS } from './data/dimensions';
import { AskGroups } from './data/groups';
import { entityScope, organizationScope } from './data/scope';
import { modelClient, ModelClient } from './llm/client';
import { modelPhrasing, modelReading, ModelReading } from './llm/agent';
import { answerQuery, wrapAnswer } from './run';
import { ParsedQuestion, parseQuestion } from './parse/parseQuestion';
import { cleanQuestion } from './parse/text';
import { buildVocabulary, Vocabulary } from './parse/vocabulary';
import { closestQuestions } from './suggestions';
import { resolveRef, validateQuery } from './validate';

/**
 * What the ask engine reads from and how it is set up.
 *
 * @public
 */
export interface AskEngineOptions {
  /** The database the cost facts and allocations are stored in. */
  knex: Knex;
  attributionStore: AttributionStore;
  views: CostViewService;
  unitCosts?: UnitCostService;
  recommendations?: Pick<RecommendationStore, 'list'>;
  /** The detected anomalies, which answers about a change link to. */
  anomalies?: Pick<AnomalyStore, 'list'>;
  /** Every catalog entity (read with the plugin's own credentials in the backend). */
  catalogEntities: () => Promise<Entity[]>;
  /** The configured measure and currency. */
  defaults: ViewDefaults;
  /** `finops.ask`: the time zone and the optional language model. */
  config?: AskConfig;
  /** Tag keys that name an LLM's model (default `x_ModelId`, `x_Model`, `model`). */
  modelTagKeys?: string[];
  clock?: Clock;
  logger?: EngineLogger;
  /** The HTTP client of the language model (default: the global `fetch`). */
  fetch?: typeof fetch;
}

/**
 * Who asks, and where: the answers use only what the asker may read.
 *
 * @public
 */
export interface AskContext {
  /**
   * Which entities' cost the asker may read; without one, everything (the
   * CLI, the plugin's own jobs). A question about an entity the viewer may
   * not read is refused with the entity page's `NotAllowedError`.
   */
  viewer?: CostViewer;
  /** Whether the asker may see unattributed cost (a FinOps admin). Default: true without a viewer, else false. */
  canReadUnattributed?: boolean;
  /** The asker's groups, for "our" and "my team". */
  userGroups?: string[];
  /** The entity whose page the question is asked on: questions without another entity are about it. */
  entityRef?: string;
  /** The day relative dates are read from, YYYY-MM-DD. Default: the last day with data. */
  today?: string;
  /** The cost measure, unless the question names one. */
  measure?: CostMeasure;
}

/** The day of the clock in a time zone, YYYY-MM-DD. */
function dayIn(clock: Clock, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(clock.now());
}

/**
 * Ask Costwise: answers questions in plain language from the attributed
 * cost, with exact figures and their lineage. The engine reads a question
 * itself (or, where `finops.ask.llm` is configured, has a language model
 * turn it into its structured query and phrase the answer, keeping the
 * model's sentence only when every number in it is the engine's), runs the
 * query over what the asker may read, and refuses what it cannot answer
 * with the closest questions it can.
 *
 * @public
 */
export class AskEngine {
  private readonly groups: AskGroups;
  private readonly clock: Clock;
  private readonly logger: EngineLogger;
  private readonly model?: ModelClient;
  private vocabularyCache?: { key: string; vocabulary: Vocabulary };

  constructor(private readonly options: AskEngineOptions) {
    this.groups = new AskGroups(options.knex);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    if (options.config?.llm)
      this.model = modelClient(options.config.llm, options.fetch);
  }

  /** The day relative dates are read from: the one given, else the last day with data. */
  async today(context: AskContext = {}): Promise<string> {
    if (context.today !== undefined) {
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(context.today) ||
        Number.isNaN(Date.parse(context.today))
      )
        throw new InputError(
          `today must be a day YYYY-MM-DD, got '${context.today}'`,
        );
      return context.today;
    }
    const freshness = await this.options.attributionStore.freshness();
    return lastDayWithData(
      freshness,
      dayIn(this.clock, this.options.config?.timeZone ?? 'UTC'),
    );
  }

  private async catalog(): Promise<Map<string, Entity>> {
    const entities = new Map<string, Entity>();
    for (const e of await this.options.catalogEntities())
      entities.set(entityRefOf(e), e);
    return entities;
  }

  private async vocabulary(entities: Map<string, Entity>): Promise<Vocabulary> {
    const groups = await this.groups.all();
    const key = `${groups.length}|${[...entities.keys()].join(',')}|${[
      ...entities.values(),
    ]
      .map(e => e.metadata.title ?? '')
      .join(',')}`;
    if (this.vocabularyCache?.key !== key)
      this.vocabularyCache = {
        key,
        vocabulary: buildVocabulary([...entities.values()], groups, {
          modelTagKeys: this.modelTagKeys(),
        }),
      };
    return this.vocabularyCache.vocabulary;
  }

  private modelTagKeys(): string[] {
    return (this.options.modelTagKeys ?? DEFAULT_MODEL_TAG_KEYS).map(k =>
      k.toLowerCase(),
    );
  }

  private answerContext(
    context: AskContext,
    entities: Map<string, Entity>,
    today: string,
    measure: CostMeasure,
  ): AnswerContext {
    const { viewer } = context;
    const reads: CubeReads = {
      store: this.options.attributionStore,
      groups: this.groups,
      viewer,
      canReadUnattributed: context.canReadUnattributed ?? !viewer,
      currency: this.options.defaults.currency,
    };
    return {
      knex: this.options.knex,
      store: this.options.attributionStore,
      views: this.options.views,
      unitCosts: this.options.unitCosts,
      recommendations: this.options.recommendations,
      anomalies: this.options.anomalies,
      reads,
      entities,
      viewer,
      today,
      measure,
      modelTagKeys: this.modelTagKeys(),
      scopeOf: async ref =>
        ref
          ? entityScope(this.options.attributionStore, entities, ref, viewer)
          : organizationScope(),
    };
  }

  /**
   * Runs a structured query (an action's input, a model's tool call) for
   * the asker: validated first (an `InputError` names a bad field), then
   * answered as a question of its kind would be.
   */
  async run(
    input: AskQuery,
    context: AskContext = {},
    question?: string,
  ): Promise<AskAnswer> {
    const entities = await this.catalog();
    const query = validateQuery(input, entities);
    const today = await this.today(context);
    const measure =
      query.measure ?? context.measure ?? this.options.defaults.measure;
    const ctx = this.answerContext(context, entities, today, measure);
    const parts = await answerQuery(ctx, query);
    return wrapAnswer(ctx, parts, {
      question: question ?? JSON.stringify(query),
      intent: query.intent,
      measure,
      parsedBy: 'engine',
    });
  }

  /**
   * Answers a question in plain language for the asker. Questions about an
   * entity the asker may not read are refused as its page refuses them
   * (`NotAllowedError`); questions the engine cannot answer get
   * `supported: false` with the closest questions it can answer.
   */
  async ask(question: string, context: AskContext = {}): Promise<AskAnswer> {
    const cleaned = cleanQuestion(question);
    const entities = await this.catalog();
    const scopeRef = context.entityRef
      ? resolveRef(context.entityRef, entities)
      : undefined;
    const userGroups = (context.userGroups ?? []).map(g => g.toLowerCase());
    const today = await this.today(context);
    const vocabulary = await this.vocabulary(entities);

    let reading: ModelReading | undefined;
    if (this.model)
      reading = await modelReading(
        this.model,
        cleaned,
        {
          today,
          scopeRef,
          userGroups,
          entities: [...entities.values()],
          measure: context.measure ?? this.options.defaults.measure,
        },
        entities,
        this.logger,
      );
    const parsed: ParsedQuestion = reading
      ? { supported: true, query: reading.query, notes: [] }
      : parseQuestion(cleaned, { today, vocabulary, scopeRef, userGroups });

    if (!parsed.supported) {
      const subject = parsed.entityRef ?? scopeRef;
      const entity = subject ? entities.get(subject) : undefined;
      return {
        question: cleaned,
        intent: 'unsupported',
        answer: `I can't answer that yet. ${
          parsed.reason === "I can't answer that yet." ? '' : parsed.reason
        }`.trim(),
        period: null,
        figures: [],
        breakdown: [],
        freshness: await this.options.attributionStore.freshness(),
        today,
        lineage: null,
        supported: false,
        suggestions: closestQuestions(cleaned, parsed.intent, {
          entity: entity ? entity.metadata.name : undefined,
          unitMetric:
            !!entity?.metadata.annotations?.['costwise.dev/unit-metric'],
          admin: context.canReadUnattributed ?? !context.viewer,
        }),
        ...(parsed.didYouMean?.length ? { didYouMean: parsed.didYouMean } : {}),
      };
    }
    const measure =
      parsed.query.measure ?? context.measure ?? this.options.defaults.measure;
    const ctx = this.answerContext(context, entities, today, measure);
    const parts = await answerQuery(ctx, parsed.query);
    const answer = await wrapAnswer(ctx, parts, {
      question: cleaned,
      intent: parsed.query.intent,
      measure,
      parsedBy: reading ? 'model' : 'engine',
      notes: parsed.notes,
      didYouMean: parsed.didYouMean,
    });
    if (!reading) return answer;
    const phrased = await modelPhrasing(reading, answer, this.logger);
    if (!phrased) return answer;
    return {
      ...answer,
      answer: phrased,
      lineage: answer.lineage && { ...answer.lineage, phrasedBy: 'model' },
    };
  }

  /** The `get-entity-cost` query: what an entity cost in a period, by a dimension. */
  entityCost(
    params: {
      entityRef: string;
      period?: AskPeriod;
      by?: AskDimension;
      measure?: CostMeasure;
      currency?: string;
    },
    context: AskContext = {},
  ): Promise<AskAnswer> {
    return this.run({ intent: 'cost', ...params }, context);
  }

  /**
   * The `explain-cost-change` query: why an entity's (or the
   * organization's) cost changed between two periods, or on a day against
   * the day before, or on the day of its largest spike.
   */
  explainCostChange(
    params: {
      entityRef?: string;
      day?: string;
      period?: AskPeriod;
      baseline?: AskPeriod;
      spike?: boolean;
      by?: AskDimension;
      measure?: CostMeasure;
    },
    context: AskContext = {},
  ): Promise<AskAnswer> {
    return this.run({ intent: 'change', ...params }, context);
  }

  /**
   * The `top-cost-drivers` query: what drives an entity's cost, or the most
   * expensive services (or entities of a kind, ...) of the organization.
   */
  topCostDrivers(
    params: {
      entityRef?: string;
      period?: AskPeriod;
      by?: AskDimension;
      kind?: string;
      limit?: number;
      measure?: CostMeasure;
    },
    context: AskContext = {},
  ): Promise<AskAnswer> {
    return this.run(
      { intent: params.entityRef ? 'drivers' : 'top', ...params },
      context,
    );
  }
}
