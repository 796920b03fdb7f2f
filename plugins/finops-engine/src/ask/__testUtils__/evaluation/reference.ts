import type { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';

/**
 * The evaluation's own reading of the stored data, written apart from the
 * engine's queries: plain SQL over the facts, allocations, rollup
 * membership, metrics and recommendations, summed exactly here. The
 * expected figures of every question are computed from it.
 */

const COLUMNS: Record<string, string> = {
  EffectiveCost: 'effective_cost',
  BilledCost: 'billed_cost',
  ListCost: 'list_cost',
  ContractedCost: 'contracted_cost',
};

/** A day of a fact group's cost, attributed to an entity or (null) to none. */
export interface RefRow {
  day: string;
  groupId: string;
  entity: string | null;
  currency: string;
  amount: Decimal;
  provider: string;
  service: string;
  category: string | null;
  region: string | null;
  account: string;
  accountName: string | null;
  resourceId: string | null;
  resourceName: string | null;
  sku: string | null;
  unit: string | null;
  charge: string;
  tags: Record<string, string>;
}

const GROUP_COLUMNS = [
  'g.provider',
  'g.service_name',
  'g.service_category',
  'g.region',
  'g.billing_account_id',
  'g.sub_account_id',
  'g.sub_account_name',
  'g.resource_id',
  'g.resource_name',
  'g.sku_id',
  'g.consumed_unit',
  'g.charge_category',
  'g.currency',
  'g.tags',
];

function toRow(r: any, entity: string | null): RefRow {
  return {
    day: r.day,
    groupId: String(r.group_id),
    entity,
    currency: r.currency,
    amount: Decimal.parse(String(r.amount)),
    provider: r.provider,
    service: r.service_name,
    category: r.service_category ?? null,
    region: r.region ?? null,
    account: r.sub_account_id ?? r.billing_account_id,
    accountName: r.sub_account_name ?? null,
    resourceId: r.resource_id ?? null,
    resourceName: r.resource_name ?? null,
    sku: r.sku_id ?? null,
    unit: r.consumed_unit ?? null,
    charge: r.charge_category ?? 'Usage',
    tags: JSON.parse(r.tags || '{}'),
  };
}

export class Reference {
  constructor(
    readonly knex: Knex,
    readonly entities: Entity[],
    readonly measure = 'EffectiveCost',
  ) {}

  ref(e: Entity): string {
    return `${e.kind}:${e.metadata.namespace ?? 'default'}/${
      e.metadata.name
    }`.toLowerCase();
  }

  /** The rollup members of an entity as stored (itself when it has none). */
  async members(ref: string): Promise<Map<string, string>> {
    const rows = await this.knex('finops_entity_members')
      .where({ entity_ref: ref })
      .select('member_ref', 'via_ref');
    if (rows.length === 0) return new Map([[ref, ref]]);
    return new Map(rows.map(r => [r.member_ref, r.via_ref]));
  }

  /** The allocations of some entities in a range, with their fact group's dimensions. */
  async allocations(
    refs: string[],
    from: string,
    to: string,
    measure = this.measure,
  ): Promise<RefRow[]> {
    const rows = await this.knex('finops_allocations as a')
      .join('finops_fact_groups as g', 'g.id', 'a.group_id')
      .whereIn('a.entity_ref', refs)
      .where('a.day', '>=', from)
      .where('a.day', '<=', to)
      .select(
        'a.day',
        'a.group_id',
        'a.entity_ref',
        { amount: `a.${COLUMNS[measure]}` },
        ...GROUP_COLUMNS,
      );
    return rows.map(r => toRow(r, r.entity_ref));
  }

  /** An entity's cost rows: its rollup members' allocations. */
  async entityRows(
    ref: string,
    from: string,
    to: string,
    measure = this.measure,
  ) {
    return this.allocations(
      [...(await this.members(ref)).keys()],
      from,
      to,
      measure,
    );
  }

  /** Every fact in a range (all the cost, attributed or not). */
  async facts(
    from: string,
    to: string,
    measure = this.measure,
  ): Promise<RefRow[]> {
    const rows = await this.knex('finops_cost_facts as f')
      .join('finops_fact_groups as g', 'g.id', 'f.group_id')
      .where('f.day', '>=', from)
      .where('f.day', '<=', to)
      .select(
        'f.day',
        'f.group_id',
        { amount: `f.${COLUMNS[measure]}` },
        ...GROUP_COLUMNS,
      );
    return rows.map(r => toRow(r, null));
  }

  /** The cost no rule attributed, per fact and day: facts less every allocation. */
  async unattributed(
    from: string,
    to: string,
    measure = this.measure,
  ): Promise<RefRow[]> {
    const facts = await this.facts(from, to, measure);
    const all = await this.knex('finops_allocations')
      .where('day', '>=', from)
      .where('day', '<=', to)
      .select('day', 'group_id', 'currency', { amount: COLUMNS[measure] });
    const attributed = new Map<string, Decimal>();
    for (const a of all) {
      const k = `${a.currency}|${a.day}|${a.group_id}`;
      attributed.set(
        k,
        (attributed.get(k) ?? Decimal.ZERO).add(
          Decimal.parse(String(a.amount)),
        ),
      );
    }
    const byFact = new Map<string, RefRow>();
    for (const f of facts) {
      const k = `${f.currency}|${f.day}|${f.groupId}`;
      const known = byFact.get(k);
      if (known) known.amount = known.amount.add(f.amount);
      else byFact.set(k, { ...f });
    }
    return [...byFact.entries()]
      .map(([k, f]) => ({
        ...f,
        amount: f.amount.sub(attributed.get(k) ?? Decimal.ZERO),
      }))
      .filter(f => !f.amount.isZero());
  }

  /** The currency with the largest absolute total (the engine's choice when none is configured). */
  currency(rows: RefRow[], asked?: string): string {
    if (asked) return asked;
    const totals = new Map<string, Decimal>();
    for (const r of rows)
      totals.set(
        r.currency,
        (totals.get(r.currency) ?? Decimal.ZERO).add(r.amount.abs()),
      );
    let best = 'USD';
    let amount: Decimal | undefined;
    for (const [c, a] of totals)
      if (!amount || a.compare(amount) > 0) [best, amount] = [c, a];
    return best;
  }

  /** The total of rows in a currency (the largest unless given), with an optional condition. */
  total(
    rows: RefRow[],
    where: (r: RefRow) => boolean = () => true,
    asked?: string,
  ): Decimal {
    const c = this.currency(rows, asked);
    return Decimal.sum(
      rows.filter(r => r.currency === c && where(r)).map(r => r.amount),
    );
  }

  /** Sums by a key, largest first (ties by key), in the rows' currency. */
  ranked(
    rows: RefRow[],
    key: (r: RefRow) => string,
    where: (r: RefRow) => boolean = () => true,
  ): Array<[string, Decimal]> {
    const c = this.currency(rows);
    const sums = new Map<string, Decimal>();
    for (const r of rows)
      if (r.currency === c && where(r)) {
        const k = key(r);
        sums.set(k, (sums.get(k) ?? Decimal.ZERO).add(r.amount));
      }
    return [...sums].sort(
      (a, b) => b[1].compare(a[1]) || a[0].localeCompare(b[0]),
    );
  }

  /** Keys ranked by the absolute change from `before` to `after`. */
  rankedChange(
    after: RefRow[],
    before: RefRow[],
    key: (r: RefRow) => string,
    currency: string,
  ): Array<[string, Decimal]> {
    const sums = new Map<string, Decimal>();
    for (const r of after)
      if (r.currency === currency)
        sums.set(key(r), (sums.get(key(r)) ?? Decimal.ZERO).add(r.amount));
    for (const r of before)
      if (r.currency === currency)
        sums.set(key(r), (sums.get(key(r)) ?? Decimal.ZERO).sub(r.amount));
    return [...sums].sort(
      (a, b) => b[1].abs().compare(a[1].abs()) || a[0].localeCompare(b[0]),
    );
  }

  /** Daily totals of rows in a currency. */
  daily(rows: RefRow[], currency: string): Map<string, Decimal> {
    const out = new Map<string, Decimal>();
    for (const r of rows)
      if (r.currency === currency)
        out.set(r.day, (out.get(r.day) ?? Decimal.ZERO).add(r.amount));
    return out;
  }

  /** The sum of a metric's recorded values of some entities in a range (each value as it prints). */
  async metric(
    refs: string[],
    metric: string,
    from: string,
    to: string,
  ): Promise<Decimal> {
    const rows = await this.knex('finops_metrics')
      .whereIn('entity_ref', refs)
      .where({ metric })
      .where('day', '>=', from)
      .where('day', '<=', to)
      .select('value');
    return Decimal.sum(rows.map(r => Decimal.fromNumber(Number(r.value))));
  }

  /** Which entities among some have recorded a metric at all. */
  async withMetric(refs: string[], metric: string): Promise<string[]> {
    const rows = await this.knex('finops_metrics')
      .whereIn('entity_ref', refs)
      .where({ metric })
      .distinct('entity_ref');
    return rows.map(r => r.entity_ref).sort();
  }

  /** Open (open, acknowledged, deferred) recommendations shown to some entities, or all. */
  async openRecommendations(refs?: string[]) {
    const q = this.knex('finops_recommendations').whereIn('status', [
      'open',
      'acknowledged',
      'deferred',
    ]);
    if (refs)
      q.whereIn(
        'id',
        this.knex('finops_recommendation_entities')
          .select('recommendation')
          .whereIn('entity_ref', refs),
      );
    return (
      await q.select('id', 'estimated_monthly_savings', 'currency', 'owner_ref')
    ).map(r => ({
      id: r.id as string,
      savings: Decimal.parse(String(r.estimated_monthly_savings)),
      currency: r.currency as string,
      owner: r.owner_ref as string | null,
    }));
  }

  entity(ref: string): Entity | undefined {
    return this.entities.find(e => this.ref(e) === ref);
  }
}

/** Whether a row is AI spend, by the rule the README states: a model tag, token-priced usage, or an AI and ML service. */
export function isAi(r: RefRow): boolean {
  return (
    modelOfRow(r) !== undefined || r.category === 'AI and Machine Learning'
  );
}

/** The model a row was spent on, by the README's rule. */
export function modelOfRow(r: RefRow): string | undefined {
  for (const [k, v] of Object.entries(r.tags))
    if (
      ['x_modelid', 'x_model', 'model'].includes(k.trim().toLowerCase()) &&
      String(v).trim()
    )
      return String(v).trim();
  if (r.sku && /token/i.test(r.unit ?? '')) return r.sku;
  return undefined;
}

/** Day arithmetic for expectations. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
