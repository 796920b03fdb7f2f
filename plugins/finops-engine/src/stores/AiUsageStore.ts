import type { Knex } from 'knex';
import { ExactSum } from '../model';
import { GroupDetails, optional } from './attribution/types';

/** Ids per `whereIn`: well within every database's parameter limit. */
const CHUNK = 500;

/** Tag keys (as stored: trimmed, lower case) that mark a fact group as LLM usage. */
const LLM_TAG_KEYS = [
  'x_modelid',
  'x_model',
  'x_tokendirection',
  'x_tokencacheaction',
  'x_credentialid',
];

/** The four cost measures of a row, as exact decimal strings. @public */
export interface MeasureAmounts {
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  contractedCost: string;
}

/** One stored allocation of a fact group's day to an entity. @public */
export interface AiAllocationRow extends MeasureAmounts {
  day: string;
  groupId: string;
  entityRef: string;
  currency: string;
}

/** A fact group's day, summed over the sources that hold it. @public */
export interface AiFactRow extends MeasureAmounts {
  day: string;
  groupId: string;
  /** ConsumedQuantity, in the group's ConsumedUnit. */
  quantity: string;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(items.slice(i, i + CHUNK));
  return out;
}

const text = (value: unknown) => String(value ?? '0');

function groupFromRow(r: any): GroupDetails {
  return {
    id: String(r.id),
    provider: r.provider,
    billingAccountId: r.billing_account_id,
    subAccountId: optional(r.sub_account_id),
    serviceName: r.service_name,
    serviceCategory: optional(r.service_category),
    region: optional(r.region),
    resourceId: optional(r.resource_id),
    resourceName: optional(r.resource_name),
    chargeCategory: optional(r.charge_category),
    commitmentStatus: optional(r.commitment_status),
    pricingCategory: optional(r.pricing_category),
    skuId: optional(r.sku_id),
    consumedUnit: optional(r.consumed_unit),
    currency: r.currency,
    tags: JSON.parse(r.tags || '{}'),
  };
}

/**
 * Reads what the AI spend views need: the fact groups that may be LLM
 * usage, their allocations and their daily facts (with the consumed
 * quantity, which allocations do not carry), and the team line of
 * entities. Amounts are read as text and summed exactly.
 *
 * @public
 */
export class AiUsageStore {
  constructor(private readonly db: Knex) {}

  /**
   * The fact groups that may be LLM usage: measured in tokens or requests
   * (unit or SKU), tagged with a model, token type or credential
   * (`x_ModelId`, `x_TokenDirection`, ...), or billed by OpenAI or
   * Anthropic. Which of them are is decided by the caller.
   */
  async candidateGroups(): Promise<GroupDetails[]> {
    const tagged = this.db('finops_fact_group_tags')
      .whereIn('tag_key', LLM_TAG_KEYS)
      .select('group_id');
    const rows = await this.db('finops_fact_groups')
      .where(q =>
        q
          .whereRaw("lower(consumed_unit) like '%token%'")
          .orWhereRaw("lower(consumed_unit) like '%request%'")
          .orWhereRaw("lower(sku_id) like '%token%'")
          .orWhereRaw("lower(provider) like '%openai%'")
          .orWhereRaw("lower(provider) like '%anthropic%'")
          .orWhereRaw("lower(service_name) like '%openai%'")
          .orWhereIn('id', tagged),
      )
      .orderBy('id');
    return rows.map(groupFromRow);
  }

  /**
   * The allocations of the groups from `from` to `to` (days included), of
   * the given entities or of all.
   */
  async allocations(query: {
    groupIds: string[];
    entityRefs?: string[];
    from: string;
    to: string;
  }): Promise<AiAllocationRow[]> {
    const out: AiAllocationRow[] = [];
    const refChunks = query.entityRefs
      ? chunks([...new Set(query.entityRefs)])
      : [undefined];
    for (const ids of chunks([...new Set(query.groupIds)])) {
      for (const refs of refChunks) {
        if (refs && refs.length === 0) continue;
        const select = this.db('finops_allocations')
          .whereIn('group_id', ids.map(Number))
          .where('day', '>=', query.from)
          .where('day', '<=', query.to)
          .select(
            'day',
            'group_id',
            'entity_ref',
            'currency',
            'billed_cost',
            'effective_cost',
            'list_cost',
            'contracted_cost',
          );
        if (refs) select.whereIn('entity_ref', refs);
        for (const r of await select)
          out.push({
            day: String(r.day),
            groupId: String(r.group_id),
            entityRef: String(r.entity_ref),
            currency: String(r.currency),
            billedCost: text(r.billed_cost),
            effectiveCost: text(r.effective_cost),
            listCost: text(r.list_cost),
            contractedCost: text(r.contracted_cost),
          });
      }
    }
    return out;
  }

  /** The groups' daily facts from `from` to `to`, each day summed exactly over the sources. */
  async facts(query: {
    groupIds: string[];
    from: string;
    to: string;
  }): Promise<AiFactRow[]> {
    const sums = new Map<
      string,
      { day: string; groupId: string; sums: ExactSum[] }
    >();
    for (const ids of chunks([...new Set(query.groupIds)])) {
      const rows = await this.db('finops_cost_facts')
        .whereIn('group_id', ids.map(Number))
        .where('day', '>=', query.from)
        .where('day', '<=', query.to)
        .select(
          'day',
          'group_id',
          'billed_cost',
          'effective_cost',
          'list_cost',
          'contracted_cost',
          'consumed_quantity',
        );
      for (const r of rows) {
        const key = `${r.group_id}|${r.day}`;
        let entry = sums.get(key);
        if (!entry) {
          entry = {
            day: String(r.day),
            groupId: String(r.group_id),
            sums: Array.from({ length: 5 }, () => new ExactSum()),
          };
          sums.set(key, entry);
        }
        const values = [
          r.billed_cost,
          r.effective_cost,
          r.list_cost,
          r.contracted_cost,
          r.consumed_quantity,
        ];
        values.forEach((v, i) => {
          if (!entry!.sums[i].addText(text(v)))
            throw new Error(`a stored amount is not a number: '${text(v)}'`);
        });
      }
    }
    return [...sums.values()].map(({ day, groupId, sums: s }) => ({
      day,
      groupId,
      billedCost: s[0].toString(),
      effectiveCost: s[1].toString(),
      listCost: s[2].toString(),
      contractedCost: s[3].toString(),
      quantity: s[4].toString(),
    }));
  }

  /**
   * The team line of each entity as the latest attribution run stored it:
   * its owner (a Group is its own), or nothing when it has none.
   */
  async teamsOf(entityRefs: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const refs of chunks([...new Set(entityRefs)])) {
      const rows = await this.db('finops_entity_members')
        .whereIn('entity_ref', refs)
        .whereRaw('entity_ref = member_ref')
        .select('entity_ref', 'team_ref');
      for (const r of rows)
        if (r.team_ref) out.set(String(r.entity_ref), String(r.team_ref));
    }
    return out;
  }
}
