import { AiSpendResponse, Decimal } from '@costwise/plugin-finops-common';
import { AiUsageLine, wholeCount } from './lines';
import { shareOf } from './usage';

/**
 * An entity's spend on one model over a period: cost exact, tokens with
 * their fractions (summed before they are rounded).
 *
 * @public
 */
export interface SpendEntry {
  entityRef: string;
  model: string;
  provider: string;
  cost: string;
  tokens: string;
}

const isTokens = (line: AiUsageLine) =>
  line.info.line !== 'requests' && line.info.line !== 'other';

/** The lines summed per entity and model, as text that a cache can keep. */
export function spendEntries(lines: AiUsageLine[]): SpendEntry[] {
  const sums = new Map<
    string,
    {
      entityRef: string;
      model: string;
      provider: string;
      cost: Decimal;
      tokens: Decimal;
    }
  >();
  for (const line of lines) {
    const key = `${line.entityRef}\u0000${line.info.provider}\u0000${line.info.model}`;
    let s = sums.get(key);
    if (!s)
      sums.set(
        key,
        (s = {
          entityRef: line.entityRef,
          model: line.info.model,
          provider: line.info.provider,
          cost: Decimal.ZERO,
          tokens: Decimal.ZERO,
        }),
      );
    s.cost = s.cost.add(line.cost);
    if (isTokens(line)) s.tokens = s.tokens.add(line.quantity);
  }
  return [...sums.values()].map(s => ({
    entityRef: s.entityRef,
    model: s.model,
    provider: s.provider,
    cost: s.cost.toString(),
    tokens: s.tokens.toString(),
  }));
}

class Totals {
  cost = Decimal.ZERO;
  tokens = Decimal.ZERO;
  add(entry: SpendEntry) {
    this.cost = this.cost.add(Decimal.parse(entry.cost));
    this.tokens = this.tokens.add(Decimal.parse(entry.tokens));
  }
}

function totalsBy<K>(
  entries: SpendEntry[],
  key: (e: SpendEntry) => K,
): Map<K, Totals> {
  const out = new Map<K, Totals>();
  for (const entry of entries) {
    const k = key(entry);
    let t = out.get(k);
    if (!t) out.set(k, (t = new Totals()));
    t.add(entry);
  }
  return out;
}

const byCost = (a: { cost: string }, b: { cost: string }) =>
  Decimal.parse(b.cost).compare(Decimal.parse(a.cost));

/** The entries by team and model, by team and by model, each largest first, and their exact total. */
export function spendByTeam(
  entries: SpendEntry[],
  teamOf: (entityRef: string) => string,
): Pick<AiSpendResponse, 'total' | 'rows' | 'teams' | 'models'> {
  const total = Decimal.sum(entries.map(e => Decimal.parse(e.cost)));
  const rows = [
    ...totalsBy(
      entries,
      e => `${teamOf(e.entityRef)}\u0000${e.provider}\u0000${e.model}`,
    ),
  ]
    .map(([key, t]) => {
      const [team, provider, model] = key.split('\u0000');
      return {
        team,
        model,
        provider,
        cost: t.cost.toString(),
        tokens: wholeCount(t.tokens),
      };
    })
    .sort(
      (a, b) =>
        byCost(a, b) ||
        a.team.localeCompare(b.team) ||
        a.model.localeCompare(b.model),
    );
  const teams = [...totalsBy(entries, e => teamOf(e.entityRef))]
    .map(([team, t]) => ({
      team,
      cost: t.cost.toString(),
      tokens: wholeCount(t.tokens),
    }))
    .sort((a, b) => byCost(a, b) || a.team.localeCompare(b.team));
  const models = [...totalsBy(entries, e => `${e.provider}\u0000${e.model}`)]
    .map(([key, t]) => {
      const [provider, model] = key.split('\u0000');
      return {
        model,
        provider,
        cost: t.cost.toString(),
        tokens: wholeCount(t.tokens),
        share: shareOf(t.cost, total),
      };
    })
    .sort((a, b) => byCost(a, b) || a.model.localeCompare(b.model));
  return { total: total.toString(), rows, teams, models };
}
