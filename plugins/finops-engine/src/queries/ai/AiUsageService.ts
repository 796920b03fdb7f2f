import type { Entity } from '@backstage/catalog-model';
import {
  AI_TOKEN_TYPES,
  AiEmptyReason,
  AiSpendResponse,
  AiTokenType,
  AiUnitCost,
  AiUsageResponse,
  AiWhatIfResponse,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import { AiPriceTable, DEFAULT_AI_PRICES } from '../../config';
import { addDays, monthEnd } from '../../model';
import type { AiUsageStore, AttributionStore } from '../../stores';
import type { UnitCostService } from '../unitEconomics';
import { unitMetricOf } from '../unitEconomics/unitMetric';
import type { CostViewer, CostViewService, ViewCache } from '../views';
import { outsideMessage } from '../views/ranges';
import { hiddenMembers, Scope, scopeOf } from '../views/scope';
import { AiGroupInfo, classifyAiGroup } from './classify';
import { readUsageLines } from './lines';
import { spendByTeam, SpendEntry, spendEntries } from './spend';
import {
  cacheShare,
  costPerUnit,
  dailySpend,
  modelSpend,
  requestCost,
  teamModelSpend,
  tokenTotals,
} from './usage';
import { computeWhatIf, modelKind } from './whatIf';

/** The days the model what-if reads, up to the last day with data. @public */
export const WHAT_IF_DAYS = 30;

/** The team line of spend whose entity has no owner. @public */
export const NO_TEAM = '(no team)';

const ROLLUP_KINDS = ['group', 'system'];

const zeroTokens = () =>
  Object.fromEntries(AI_TOKEN_TYPES.map(t => [t, '0'])) as Record<
    AiTokenType,
    string
  >;

/**
 * The AI spend views: an entity's LLM spend by model and token type, its
 * trend, cache hit share, cost per 1,000 requests and per unit of its unit
 * metric, spend by team and model, the model what-if on the price table,
 * and the organization's AI spend by team and model. The entity's members
 * are included as in every view, less those the viewer may not read.
 * Costs are exact sums of the stored allocations; tokens are the facts'
 * consumed quantities in the proportion of each allocation to its fact.
 *
 * @public
 */
export class AiUsageService {
  private readonly prices: AiPriceTable;

  constructor(
    private readonly deps: {
      store: AiUsageStore;
      attribution: Pick<AttributionStore, 'members' | 'memberKeys'>;
      views: CostViewService;
      unitCosts: UnitCostService;
      /** The price table (`finops.ai.prices`); the built-in one by default. */
      prices?: AiPriceTable;
      /** Where answers are kept per data version; none by default. */
      cache?: ViewCache;
    },
  ) {
    this.prices = deps.prices ?? DEFAULT_AI_PRICES;
  }

  /** The price table the what-if uses. */
  priceTable(): AiPriceTable {
    return this.prices;
  }

  /** The last day with data, which default ranges end on. */
  asOf(): Promise<string> {
    return this.deps.views.asOf();
  }

  private cached<T>(key: unknown[], compute: () => Promise<T>): Promise<T> {
    return this.deps.cache ? this.deps.cache.get(key, compute) : compute();
  }

  /** The fact groups of LLM usage, read once per data version. */
  private async groups(): Promise<Map<string, AiGroupInfo>> {
    const infos = await this.cached(['ai-groups'], async () => {
      const out: AiGroupInfo[] = [];
      for (const group of await this.deps.store.candidateGroups()) {
        const info = classifyAiGroup(group);
        if (info) out.push(info);
      }
      return out;
    });
    return new Map(infos.map(i => [i.groupId, i]));
  }

  private measureOf(measure?: CostMeasure): CostMeasure {
    return measure ?? this.deps.views.defaults.measure;
  }

  private noSpend(scope: Scope): AiEmptyReason {
    return {
      reason: 'no-ai-spend',
      message: `No AI spend is attributed to ${scope.ref}${
        scope.members.size > 1 ? ' or its members' : ''
      } in the period. LLM usage comes from the OpenAI and Anthropic cost sources (or a FOCUS export with token SKUs) and is mapped with costwise.dev/llm, e.g. 'openai:proj_abc, anthropic:wrkspc_01' or an API key id.`,
    };
  }

  /**
   * The entity's AI spend from `from` to `to` (clamped to the days with
   * data), by model and token type, per day, with its cache hit share, cost
   * per 1,000 requests and per unit of its unit metric, and for a Group or
   * System by team line and model. An entity without AI spend gets an
   * answer with `empty`, not an error.
   */
  async usage(
    entity: Entity,
    query: { from: string; to: string; measure?: CostMeasure },
    viewer?: CostViewer,
  ): Promise<AiUsageResponse> {
    const { views } = this.deps;
    const measure = this.measureOf(query.measure);
    const range = await views.limit({ ...query, granularity: 'day' });
    const scope = await scopeOf(this.deps.attribution, entity, viewer);
    const base = {
      entityRef: scope.ref,
      measure,
      total: '0',
      tokens: { total: '0', byType: zeroTokens() },
      models: [],
      daily: [],
      cache: { hitShare: null, cachedInputTokens: '0', inputTokens: '0' },
      requests: { available: false as const, reason: 'No AI spend.' },
      unitCost: { available: false as const, reason: 'No AI spend.' },
      hiddenMembers: hiddenMembers(scope.hidden),
    };
    if (range.outside)
      return {
        ...base,
        from: query.from,
        to: query.to,
        currency: views.defaults.currency ?? 'USD',
        empty: {
          reason: 'range-outside-data',
          message: outsideMessage(range),
        },
      };
    return this.cached(
      [
        'ai-usage',
        scope.ref,
        measure,
        range.from,
        range.to,
        entity.metadata.annotations ?? {},
        [...scope.members.keys()],
      ],
      async () => {
        const read = await readUsageLines(
          this.deps.store,
          await this.groups(),
          {
            entityRefs: [...scope.members.keys()],
            from: range.from,
            to: range.to,
            measure,
            currency: views.defaults.currency,
          },
        );
        if (!read || read.lines.length === 0)
          return {
            ...base,
            from: range.from,
            to: range.to,
            currency: views.defaults.currency ?? 'USD',
            empty: this.noSpend(scope),
          };
        const { lines, currency } = read;
        const total = Decimal.sum(lines.map(l => l.cost));
        const models = modelSpend(lines);
        const kind = entity.kind.toLowerCase();
        let byTeam: AiUsageResponse['byTeam'];
        if (ROLLUP_KINDS.includes(kind)) {
          const keys = await this.deps.attribution.memberKeys(scope.ref);
          byTeam = teamModelSpend(lines, ref => keys.get(ref)?.team ?? NO_TEAM);
        }
        return {
          ...base,
          from: range.from,
          to: range.to,
          currency,
          total: total.toString(),
          tokens: tokenTotals(lines),
          models,
          daily: dailySpend(lines, range.from, range.to),
          cache: cacheShare(
            lines,
            model => modelKind(this.prices, model) === 'embedding',
          ),
          requests: requestCost(models, total),
          unitCost: await this.unitCost(entity, scope, range, total),
          ...(byTeam ? { byTeam } : {}),
        };
      },
    );
  }

  /** The AI spend per unit of the entity's unit metric over the range. */
  private async unitCost(
    entity: Entity,
    scope: Scope,
    range: { from: string; to: string },
    cost: Decimal,
  ): Promise<AiUnitCost> {
    const parsed = unitMetricOf(entity);
    if (parsed === undefined)
      return {
        available: false,
        reason:
          "This entity declares no unit metric. Add costwise.dev/unit-metric (e.g. 'conversations' or 'descriptions') to its catalog-info.yaml to see its AI spend per unit.",
      };
    if ('error' in parsed)
      return {
        available: false,
        reason: `The annotation costwise.dev/unit-metric could not be read: ${parsed.error}.`,
      };
    const series = await this.deps.unitCosts.metricSeries(
      scope.ref,
      scope.members.keys(),
      parsed.metric,
      range,
    );
    const metric = Decimal.sum(series.byDay.values());
    const perUnit = costPerUnit(cost, metric, parsed.per);
    if (!perUnit)
      return {
        available: false,
        unitMetric: parsed,
        reason: `No value of the metric '${parsed.metric}' was recorded in the period, so there is no AI spend per ${parsed.label}.`,
      };
    return {
      available: true,
      unitMetric: parsed,
      metric: metric.toNumber(),
      cost: cost.toString(),
      perUnit,
      metricSources: series.sources,
    };
  }

  /**
   * The model what-if: the entity's token traffic of the last 30 days of
   * data priced on every model of the price table of the same kind (chat
   * or embedding), cheapest first, against what that traffic cost.
   */
  async whatIf(
    entity: Entity,
    query: { measure?: CostMeasure } = {},
    viewer?: CostViewer,
  ): Promise<AiWhatIfResponse> {
    const measure = this.measureOf(query.measure);
    const to = await this.asOf();
    const from = addDays(to, -(WHAT_IF_DAYS - 1));
    const scope = await scopeOf(this.deps.attribution, entity, viewer);
    const priceTable = {
      asOf: this.prices.asOf,
      currency: this.prices.currency,
    };
    return this.cached(
      ['ai-whatif', scope.ref, measure, from, to, [...scope.members.keys()]],
      async () => {
        const read = await readUsageLines(
          this.deps.store,
          await this.groups(),
          {
            entityRefs: [...scope.members.keys()],
            from,
            to,
            measure,
            currency: this.deps.views.defaults.currency,
          },
        );
        const base = {
          entityRef: scope.ref,
          from,
          to,
          measure,
          priceTable,
          hiddenMembers: hiddenMembers(scope.hidden),
        };
        const tokenLines =
          read?.lines.filter(
            l => l.info.line !== 'other' && l.info.line !== 'requests',
          ) ?? [];
        if (!read || tokenLines.length === 0)
          return {
            ...base,
            currency:
              read?.currency ?? this.deps.views.defaults.currency ?? 'USD',
            traffic: [],
            unpriced: [],
            empty: read
              ? {
                  reason: 'no-ai-spend' as const,
                  message: `${scope.ref} has AI spend but no token usage in the last ${WHAT_IF_DAYS} days, so there is nothing to price on other models.`,
                }
              : this.noSpend(scope),
          };
        return {
          ...base,
          currency: read.currency,
          ...computeWhatIf(tokenLines, this.prices, read.currency),
        };
      },
    );
  }

  /**
   * The organization's AI spend of a month (the latest month with data by
   * default) by team and model: each entity's spend under its owner, over
   * the entities whose cost the viewer may read; the others are counted.
   */
  async spend(
    query: { month?: string; measure?: CostMeasure } = {},
    viewer?: CostViewer,
  ): Promise<AiSpendResponse> {
    const measure = this.measureOf(query.measure);
    const asOf = await this.asOf();
    const month = query.month ?? asOf.slice(0, 7);
    const from = `${month}-01`;
    const to = monthEnd(from);
    const { currency, entries } = await this.cached(
      ['ai-spend', month, measure],
      () => this.spendEntries(from, to, measure),
    );
    const refs = [...new Set(entries.map(e => e.entityRef))];
    const readable = viewer ? await viewer.readable(refs) : new Set(refs);
    const teams = await this.deps.store.teamsOf([...readable]);
    const answer = spendByTeam(
      entries.filter(e => readable.has(e.entityRef)),
      ref => teams.get(ref) ?? NO_TEAM,
    );
    // the last day of the month with data: none when the data ends before it
    let covered: string | undefined;
    if (asOf >= from) covered = asOf < to ? asOf : to;
    return {
      month,
      measure,
      currency,
      ...(covered ? { asOf: covered } : {}),
      partial: covered !== undefined && covered < to,
      ...answer,
      hiddenEntities: refs.length - readable.size,
      ...(answer.rows.length === 0
        ? {
            empty: {
              reason: 'no-ai-spend' as const,
              message:
                refs.length > readable.size
                  ? `The AI spend of ${month} is on entities whose cost you may not read.`
                  : `No AI spend is attributed to any entity in ${month}.`,
            },
          }
        : {}),
    };
  }

  /** Every entity's spend of the month per model, as text (kept per data version). */
  private async spendEntries(
    from: string,
    to: string,
    measure: CostMeasure,
  ): Promise<{ currency: string; entries: SpendEntry[] }> {
    const read = await readUsageLines(this.deps.store, await this.groups(), {
      from,
      to,
      measure,
      currency: this.deps.views.defaults.currency,
    });
    return {
      currency: read?.currency ?? this.deps.views.defaults.currency ?? 'USD',
      entries: read ? spendEntries(read.lines) : [],
    };
  }
}
