import {
  AI_TOKEN_TYPES,
  AiDailyPoint,
  AiLineType,
  AiModelSpend,
  AiRequestCost,
  AiTeamModelSpend,
  AiTokenType,
  Decimal,
} from '@costwise/plugin-finops-common';
import { eachDay } from '../../model';
import type { AiUsageLine } from './lines';
import { wholeCount } from './lines';

const LINE_ORDER: AiLineType[] = [...AI_TOKEN_TYPES, 'other'];

/** `part / whole` in binary arithmetic, for shares shown as percentages; 0 for a zero whole. */
export function shareOf(part: Decimal, whole: Decimal): number {
  return whole.isZero() ? 0 : part.toNumber() / whole.toNumber();
}

class Sum {
  cost = Decimal.ZERO;
  quantity = Decimal.ZERO;
  add(line: AiUsageLine) {
    this.cost = this.cost.add(line.cost);
    this.quantity = this.quantity.add(line.quantity);
  }
}

function sumInto<K>(map: Map<K, Sum>, key: K, line: AiUsageLine) {
  let sum = map.get(key);
  if (!sum) map.set(key, (sum = new Sum()));
  sum.add(line);
}

/** The line type a usage line counts in (requests are counted apart; their cost is `other`). */
const lineTypeOf = (line: AiUsageLine): AiLineType =>
  line.info.line === 'requests' ? 'other' : line.info.line;

const isTokens = (line: AiUsageLine) =>
  line.info.line !== 'requests' && line.info.line !== 'other';

/**
 * The key of each line's model: the model, or `model (provider)` where
 * models of the same name come from two providers.
 */
export function modelKeys(lines: AiUsageLine[]): (line: AiUsageLine) => string {
  const providers = new Map<string, Set<string>>();
  for (const { info } of lines) {
    let set = providers.get(info.model);
    if (!set) providers.set(info.model, (set = new Set()));
    set.add(info.provider);
  }
  return ({ info }) =>
    (providers.get(info.model)?.size ?? 0) > 1
      ? `${info.model} (${info.provider})`
      : info.model;
}

/** The spend on each model, largest first, with its token types and requests. */
export function modelSpend(lines: AiUsageLine[]): AiModelSpend[] {
  const keyOf = modelKeys(lines);
  const models = new Map<
    string,
    {
      model: string;
      provider: string;
      key: string;
      total: Sum;
      tokens: Decimal;
      requests: Decimal;
      byType: Map<AiLineType, Sum>;
    }
  >();
  let total = Decimal.ZERO;
  for (const line of lines) {
    const key = `${line.info.provider}\u0000${line.info.model}`;
    let m = models.get(key);
    if (!m)
      models.set(
        key,
        (m = {
          model: line.info.model,
          provider: line.info.provider,
          key: keyOf(line),
          total: new Sum(),
          tokens: Decimal.ZERO,
          requests: Decimal.ZERO,
          byType: new Map(),
        }),
      );
    m.total.cost = m.total.cost.add(line.cost);
    total = total.add(line.cost);
    if (line.info.line === 'requests')
      m.requests = m.requests.add(line.quantity);
    if (isTokens(line)) m.tokens = m.tokens.add(line.quantity);
    sumInto(m.byType, lineTypeOf(line), line);
  }
  return [...models.values()]
    .map(m => {
      const requests = wholeCount(m.requests);
      const out: AiModelSpend = {
        model: m.model,
        provider: m.provider,
        key: m.key,
        cost: m.total.cost.toString(),
        share: shareOf(m.total.cost, total),
        tokens: wholeCount(m.tokens),
        lines: LINE_ORDER.filter(t => m.byType.has(t)).map(t => {
          const s = m.byType.get(t)!;
          return {
            type: t,
            cost: s.cost.toString(),
            tokens: t === 'other' ? '0' : wholeCount(s.quantity),
          };
        }),
      };
      if (requests !== '0') {
        out.requests = requests;
        out.costPerThousandRequests = m.total.cost
          .mulInt(1000)
          .divide(Decimal.parse(requests), 6)
          .toString();
      }
      return out;
    })
    .sort(
      (a, b) =>
        Decimal.parse(b.cost).compare(Decimal.parse(a.cost)) ||
        a.model.localeCompare(b.model),
    );
}

/** Tokens of each type over all models, and their total. */
export function tokenTotals(lines: AiUsageLine[]): {
  total: string;
  byType: Record<AiTokenType, string>;
} {
  const byType = new Map<AiTokenType, Decimal>();
  let total = Decimal.ZERO;
  for (const line of lines) {
    if (!isTokens(line)) continue;
    const type = line.info.line as AiTokenType;
    byType.set(type, (byType.get(type) ?? Decimal.ZERO).add(line.quantity));
    total = total.add(line.quantity);
  }
  return {
    total: wholeCount(total),
    byType: Object.fromEntries(
      AI_TOKEN_TYPES.map(t => [t, wholeCount(byType.get(t) ?? Decimal.ZERO)]),
    ) as Record<AiTokenType, string>,
  };
}

/**
 * Input read from a prompt cache as a share of all input of the chat
 * models (uncached, cache reads and cache writes); embeddings, which no
 * cache serves, are left out.
 */
export function cacheShare(
  lines: AiUsageLine[],
  isEmbedding: (model: string) => boolean,
): { hitShare: number | null; cachedInputTokens: string; inputTokens: string } {
  let cached = Decimal.ZERO;
  let input = Decimal.ZERO;
  for (const line of lines) {
    const type = line.info.line;
    if (type !== 'input' && type !== 'cachedInput' && type !== 'cacheWrite')
      continue;
    if (isEmbedding(line.info.model)) continue;
    input = input.add(line.quantity);
    if (type === 'cachedInput') cached = cached.add(line.quantity);
  }
  const inputTokens = wholeCount(input);
  return {
    hitShare: inputTokens === '0' ? null : shareOf(cached, input),
    cachedInputTokens: wholeCount(cached),
    inputTokens,
  };
}

/** Every day of the range with its cost, tokens and cost per model. */
export function dailySpend(
  lines: AiUsageLine[],
  from: string,
  to: string,
): AiDailyPoint[] {
  const keyOf = modelKeys(lines);
  const days = new Map<
    string,
    { total: Sum; tokens: Decimal; byModel: Map<string, Decimal> }
  >();
  for (const line of lines) {
    let d = days.get(line.day);
    if (!d)
      days.set(
        line.day,
        (d = { total: new Sum(), tokens: Decimal.ZERO, byModel: new Map() }),
      );
    d.total.cost = d.total.cost.add(line.cost);
    if (isTokens(line)) d.tokens = d.tokens.add(line.quantity);
    const key = keyOf(line);
    d.byModel.set(key, (d.byModel.get(key) ?? Decimal.ZERO).add(line.cost));
  }
  return eachDay(from, to).map(date => {
    const d = days.get(date);
    return {
      date,
      cost: d ? d.total.cost.toString() : '0',
      tokens: d ? wholeCount(d.tokens) : '0',
      byModel: d
        ? Object.fromEntries(
            [...d.byModel]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([m, v]) => [m, v.toString()]),
          )
        : {},
    };
  });
}

/** Cost per 1,000 requests over the models whose usage counts requests. */
export function requestCost(
  models: AiModelSpend[],
  total: Decimal,
): AiRequestCost {
  const counted = models.filter(m => m.requests);
  if (counted.length === 0)
    return {
      available: false,
      reason:
        "Not available: the usage data has no request counts for these models (OpenAI's usage reports them; Anthropic's does not).",
    };
  const requests = Decimal.sum(counted.map(m => Decimal.parse(m.requests!)));
  const cost = Decimal.sum(counted.map(m => Decimal.parse(m.cost)));
  return {
    available: true,
    requests: requests.toString(),
    cost: cost.toString(),
    perThousand: cost.mulInt(1000).divide(requests, 6).toString(),
    coveredShare: shareOf(cost, total),
    models: counted.map(m => m.model).sort(),
  };
}

/** Spend by team line and model, largest first. */
export function teamModelSpend(
  lines: AiUsageLine[],
  teamOf: (entityRef: string) => string,
): AiTeamModelSpend[] {
  const sums = new Map<
    string,
    { team: string; model: string; provider: string; sum: Sum }
  >();
  for (const line of lines) {
    const team = teamOf(line.entityRef);
    const key = `${team}\u0000${line.info.provider}\u0000${line.info.model}`;
    let s = sums.get(key);
    if (!s)
      sums.set(
        key,
        (s = {
          team,
          model: line.info.model,
          provider: line.info.provider,
          sum: new Sum(),
        }),
      );
    s.sum.cost = s.sum.cost.add(line.cost);
    if (isTokens(line)) s.sum.quantity = s.sum.quantity.add(line.quantity);
  }
  return [...sums.values()]
    .map(s => ({
      team: s.team,
      model: s.model,
      provider: s.provider,
      cost: s.sum.cost.toString(),
      tokens: wholeCount(s.sum.quantity),
    }))
    .sort(
      (a, b) =>
        Decimal.parse(b.cost).compare(Decimal.parse(a.cost)) ||
        a.team.localeCompare(b.team) ||
        a.model.localeCompare(b.model),
    );
}

/** A cost per displayed unit: `cost / (metric / per)`, 6 decimals; undefined without usage. */
export function costPerUnit(
  cost: Decimal,
  metric: Decimal,
  per: number,
): string | undefined {
  if (metric.isZero() || metric.isNegative()) return undefined;
  return cost.mulInt(per).divide(metric, 6).toString();
}
