import type { Knex } from 'knex';
import type { AskGroup } from './dimensions';

const optional = (value: unknown) =>
  value === null || value === undefined ? undefined : String(value);

function fromRow(r: any): AskGroup {
  return {
    id: String(r.id),
    provider: r.provider,
    billingAccountId: r.billing_account_id,
    subAccountId: optional(r.sub_account_id),
    subAccountName: optional(r.sub_account_name),
    serviceName: r.service_name,
    serviceCategory: optional(r.service_category),
    region: optional(r.region),
    resourceId: optional(r.resource_id),
    resourceName: optional(r.resource_name),
    resourceType: optional(r.resource_type),
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
 * Every fact group with all its dimensions, kept in memory: groups are only
 * ever inserted (a group is a distinct set of dimensions), so a new read
 * fetches only those with a larger id than the largest known.
 */
export class AskGroups {
  private readonly groups = new Map<string, AskGroup>();
  private maxId = 0;
  private loading?: Promise<void>;

  constructor(private readonly knex: Knex) {}

  private async loadNew(): Promise<void> {
    const rows = await this.knex('finops_fact_groups')
      .where('id', '>', this.maxId)
      .orderBy('id');
    for (const r of rows) {
      const g = fromRow(r);
      this.groups.set(g.id, g);
      this.maxId = Math.max(this.maxId, Number(r.id));
    }
  }

  /** Reads the groups stored since the last read. */
  refresh(): Promise<void> {
    if (!this.loading)
      this.loading = this.loadNew().finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Every group, read up to date. */
  async all(): Promise<AskGroup[]> {
    await this.refresh();
    return [...this.groups.values()];
  }

  /** The groups of some ids, read again when one is not known yet. */
  async byIds(ids: Iterable<string>): Promise<Map<string, AskGroup>> {
    const wanted = [...new Set(ids)];
    if (wanted.some(id => !this.groups.has(id))) await this.refresh();
    const out = new Map<string, AskGroup>();
    for (const id of wanted) {
      const g = this.groups.get(id);
      if (g) out.set(id, g);
    }
    return out;
  }

  /** A group already read. */
  get(id: string): AskGroup | undefined {
    return this.groups.get(id);
  }
}
