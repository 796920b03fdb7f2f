import {
  AI_TOKEN_TYPES,
  AiModelKind,
  AiTokenType,
  AiWhatIfRow,
  AiWhatIfTraffic,
  Decimal,
} from '@costwise/plugin-finops-common';
import {
  AiModelPrice,
  AiPriceTable,
  findModelPrice,
  priceOfTokenType,
} from '../../config';
import { AiUsageLine, times, wholeCount } from './lines';
import { shareOf } from './usage';

const MILLION_DIGITS = 6;

/** What kind of model an id is: the price table's word, else `embedding` for an id that says so. */
export function modelKind(table: AiPriceTable, model: string): AiModelKind {
  return (
    findModelPrice(table, model)?.kind ??
    (/embed/i.test(model) ? 'embedding' : 'chat')
  );
}

/**
 * What whole tokens of each type cost on a model at its list prices,
 * exact, and how missing prices were filled in; undefined when the model
 * has no price for a type the traffic has (output on an embedding model).
 *
 * @public
 */
export function priceTokens(
  price: AiModelPrice,
  tokens: Record<AiTokenType, Decimal>,
): { cost: Decimal; notes: string[] } | undefined {
  let cost = Decimal.ZERO;
  const notes: string[] = [];
  for (const type of AI_TOKEN_TYPES) {
    const count = tokens[type];
    if (count.isZero()) continue;
    const unit = priceOfTokenType(price, type);
    if (!unit) return undefined;
    if (unit.note) notes.push(unit.note);
    // per million tokens: an exact shift of six places
    const product = times(count, unit.perMillion);
    cost = cost.add(
      Decimal.fromUnits(product.units, product.scale + MILLION_DIGITS),
    );
  }
  return { cost, notes };
}

const emptyTokens = (): Record<AiTokenType, Decimal> =>
  Object.fromEntries(AI_TOKEN_TYPES.map(t => [t, Decimal.ZERO])) as Record<
    AiTokenType,
    Decimal
  >;

/**
 * The model what-if: the token traffic of the lines, by kind of model,
 * priced on every model of the table of that kind, cheapest first, each
 * against what the traffic cost (when the currencies agree). Models of the
 * traffic the table does not list are named in `unpriced`.
 *
 * @public
 */
export function computeWhatIf(
  lines: AiUsageLine[],
  table: AiPriceTable,
  currency: string,
): {
  traffic: AiWhatIfTraffic[];
  unpriced: Array<{ model: string; tokens: string; cost: string }>;
} {
  const byModel = new Map<
    string,
    { tokens: Record<AiTokenType, Decimal>; cost: Decimal }
  >();
  for (const line of lines) {
    const type = line.info.line;
    if (type === 'requests' || type === 'other') continue;
    let m = byModel.get(line.info.model);
    if (!m)
      byModel.set(
        line.info.model,
        (m = { tokens: emptyTokens(), cost: Decimal.ZERO }),
      );
    m.tokens[type] = m.tokens[type].add(line.quantity);
    m.cost = m.cost.add(line.cost);
  }
  const unpriced: Array<{ model: string; tokens: string; cost: string }> = [];
  const kinds = new Map<
    AiModelKind,
    {
      tokens: Record<AiTokenType, Decimal>;
      actual: Decimal;
      models: Set<string>;
      prices: Set<AiModelPrice>;
    }
  >();
  for (const [model, m] of [...byModel].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const price = findModelPrice(table, model);
    if (!price)
      unpriced.push({
        model,
        tokens: wholeCount(Decimal.sum(Object.values(m.tokens))),
        cost: m.cost.toString(),
      });
    const kind = modelKind(table, model);
    let k = kinds.get(kind);
    if (!k)
      kinds.set(
        kind,
        (k = {
          tokens: emptyTokens(),
          actual: Decimal.ZERO,
          models: new Set(),
          prices: new Set(),
        }),
      );
    for (const type of AI_TOKEN_TYPES)
      k.tokens[type] = k.tokens[type].add(m.tokens[type]);
    k.actual = k.actual.add(m.cost);
    k.models.add(model);
    if (price) k.prices.add(price);
  }
  const sameCurrency = currency === table.currency;
  const traffic: AiWhatIfTraffic[] = [];
  for (const kind of ['chat', 'embedding'] as const) {
    const k = kinds.get(kind);
    if (!k) continue;
    // whole tokens, as the answer shows them
    const tokens = Object.fromEntries(
      AI_TOKEN_TYPES.map(t => [t, Decimal.parse(wholeCount(k.tokens[t]))]),
    ) as Record<AiTokenType, Decimal>;
    const rows: AiWhatIfRow[] = [];
    for (const price of table.models) {
      if (price.kind !== kind) continue;
      const priced = priceTokens(price, tokens);
      if (!priced) continue;
      const cost = priced.cost.divide(Decimal.fromUnits(1n, 0), 6);
      rows.push({
        model: price.model,
        provider: price.provider,
        kind,
        asOf: price.asOf,
        cost: cost.toString(),
        difference: sameCurrency ? cost.sub(k.actual).toString() : null,
        ratio:
          sameCurrency && !k.actual.isZero() ? shareOf(cost, k.actual) : null,
        inUse: k.prices.has(price),
        notes: priced.notes,
      });
    }
    rows.sort(
      (a, b) =>
        Decimal.parse(a.cost).compare(Decimal.parse(b.cost)) ||
        a.model.localeCompare(b.model),
    );
    traffic.push({
      kind,
      tokens: Object.fromEntries(
        AI_TOKEN_TYPES.map(t => [t, tokens[t].toString()]),
      ) as Record<AiTokenType, string>,
      actual: k.actual.toString(),
      models: [...k.models].sort(),
      rows,
    });
  }
  return { traffic, unpriced };
}
