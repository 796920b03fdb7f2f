import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { Decimal } from '@costwise/plugin-finops-common';
import { attribute } from '../engine';
import type {
  AttributionConfig,
  AttributionGroup,
  AttributionOverride,
  AttributionResult,
} from '../types';

/** A catalog entity of any kind, in the default namespace. */
export function entity(
  kind: string,
  name: string,
  annotations: Record<string, string> = {},
  spec: JsonObject = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
    spec,
  };
}

let nextId = 0;

/** A fact group with defaults for the dimensions a test does not care about. */
export function group(dims: Partial<AttributionGroup> = {}): AttributionGroup {
  nextId += 1;
  return {
    id: `g${nextId}`,
    provider: 'AWS',
    billingAccountId: '111111111111',
    serviceName: 'Amazon Elastic Compute Cloud',
    tags: {},
    ...dims,
  };
}

/** Attributes `[group, amount]` pairs over one period. */
export function run(
  entities: Entity[],
  facts: Array<[AttributionGroup, string]>,
  config: Partial<AttributionConfig> = {},
  overrides: AttributionOverride[] = [],
): AttributionResult {
  return attribute({
    entities,
    groups: facts.map(([g]) => g),
    amounts: new Map(facts.map(([g, amount]) => [g.id, Decimal.parse(amount)])),
    config,
    overrides,
  });
}

/** The entities an amount went to, as `{ ref: amount }`. */
export function allocationsOf(result: AttributionResult, groupId: string) {
  const out: Record<string, string> = {};
  for (const ga of result.attributed.filter(a => a.groupId === groupId)) {
    for (const a of ga.allocations) {
      out[a.entity] = (
        out[a.entity] ? Decimal.parse(out[a.entity]).add(a.amount) : a.amount
      ).toString();
    }
  }
  return out;
}

/** `direct` and `total` of an entity as strings. */
export function costOf(result: AttributionResult, ref: string) {
  const cost = result.entities.find(e => e.entity === ref);
  return cost
    ? { direct: cost.direct.toString(), total: cost.total.toString() }
    : undefined;
}

/** The method an amount of a group reached its (first) entity by. */
export function methodOf(result: AttributionResult, groupId: string) {
  return result.attributed.find(a => a.groupId === groupId)?.allocations[0]
    ?.method;
}
