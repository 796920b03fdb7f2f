import type { Knex } from 'knex';
import type { ModelRule, SuccessorRule } from './config';
import { chunked, DetectorGroup, GROUP_COLUMNS, groupOf } from './shared';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A successor rule ready to match SKUs. */
export interface CompiledSuccessor {
  rule: SuccessorRule;
  pattern: RegExp;
  provider?: string;
  services?: Set<string>;
}

export function compileSuccessors(rules: SuccessorRule[]): CompiledSuccessor[] {
  return rules.map(rule => ({
    rule,
    pattern: new RegExp(
      rule.pattern ?? `(?<![a-z0-9.])${escapeRegExp(rule.from)}\\.[a-z0-9]`,
      'i',
    ),
    provider: rule.provider?.toLowerCase(),
    services: rule.services
      ? new Set(rule.services.map(s => s.toLowerCase()))
      : undefined,
  }));
}

/** The first successor rule a SKU of a provider's service matches. */
export function successorFor(
  rules: CompiledSuccessor[],
  provider: string,
  service: string,
  sku: string,
): CompiledSuccessor | undefined {
  return rules.find(
    r =>
      (!r.provider || r.provider === provider.toLowerCase()) &&
      (!r.services || r.services.has(service.toLowerCase())) &&
      r.pattern.test(sku),
  );
}

/** A model rule ready to match SKUs and model tags. */
export interface CompiledModel {
  rule: ModelRule;
  pattern: RegExp;
}

export function compileModels(rules: ModelRule[]): CompiledModel[] {
  return rules.map(rule => ({
    rule,
    pattern: new RegExp(
      rule.pattern ??
        `(?<![a-z0-9.-])${escapeRegExp(rule.model)}(?![a-z0-9.-])`,
      'i',
    ),
  }));
}

export function modelFor(
  rules: CompiledModel[],
  text: string,
): CompiledModel | undefined {
  return rules.find(r => r.pattern.test(text));
}

/** The distinct provider, service and SKU of the fact groups (with a resource id, if asked). */
export async function distinctSkus(
  knex: Knex,
  options: { withResourceId: boolean },
): Promise<Array<{ provider: string; service: string; sku: string }>> {
  const query = knex('finops_fact_groups').whereNotNull('sku_id');
  if (options.withResourceId) query.whereNotNull('resource_id');
  const rows = await query.distinct('provider', 'service_name', 'sku_id');
  return rows.map(r => ({
    provider: String(r.provider),
    service: String(r.service_name),
    sku: String(r.sku_id),
  }));
}

/** The fact groups of some SKUs, `CHUNK` SKUs per query. */
export async function groupsOfSkus(
  knex: Knex,
  skus: string[],
  options: { withResourceId: boolean },
): Promise<DetectorGroup[]> {
  const out: DetectorGroup[] = [];
  for (const slice of chunked([...new Set(skus)].sort())) {
    const query = knex('finops_fact_groups').whereIn('sku_id', slice);
    if (options.withResourceId) query.whereNotNull('resource_id');
    out.push(...(await query.select(GROUP_COLUMNS)).map(groupOf));
  }
  return out;
}
