/**
 * Shared Resources: cost that landed on a Resource with a
 * `costwise.dev/shared-cost` policy is passed on to the entities that depend
 * on it (or the weighted ones), each part computed with `Decimal.allocate`
 * so the parts add up exactly to what the Resource received.
 */
import {
  ANNOTATION_SHARED_COST,
  AnnotationWarning,
  AttributionAllocation,
  Decimal,
} from '@costwise/plugin-finops-common';
import type { SharedCostPolicy } from './annotations';
import type { CompiledCatalog } from './catalog';
import { addToSum, ExactSum } from '../model';
import type { GroupAttribution } from './types';

interface Sharing {
  resource: string;
  policy: SharedCostPolicy;
  recipients: string[];
  /** Fixed weights (even, weights); proportional ones are per period. */
  weights?: Weights;
}

/** Integer weights for `allocate`, and how to show each in evidence. */
interface Weights {
  units: bigint[];
  labels: string[];
  note?: string;
}

/** Integer units of decimals at their largest scale, for `allocate`. */
function toUnits(values: Decimal[]): bigint[] {
  const scale = Math.max(0, ...values.map(v => v.scale));
  return values.map(v => v.units * 10n ** BigInt(scale - v.scale));
}

function sharings(catalog: CompiledCatalog, warnings: AnnotationWarning[]) {
  const dependents = new Map<string, string[]>();
  for (const r of catalog.relations.values()) {
    for (const target of r.dependsOn) {
      if (!catalog.shared.has(target)) continue;
      dependents.set(target, [...(dependents.get(target) ?? []), r.ref]);
    }
  }
  const out = new Map<string, Sharing>();
  for (const [resource, policy] of catalog.shared) {
    const warn = (message: string) =>
      warnings.push({
        entity: resource,
        annotation: ANNOTATION_SHARED_COST,
        message,
      });
    if (policy.kind === 'weights') {
      const known = policy.weights.filter(w => {
        if (catalog.relations.has(w.entity)) return true;
        warn(`'${w.entity}' is not in the catalog; its weight is ignored`);
        return false;
      });
      if (!known.some(w => !w.weight.isZero())) {
        warn(
          'no weighted entity is in the catalog; the cost stays on the Resource',
        );
        continue;
      }
      out.set(resource, {
        resource,
        policy,
        recipients: known.map(w => w.entity),
        weights: {
          units: toUnits(known.map(w => w.weight)),
          labels: known.map(w => w.weight.toString()),
        },
      });
      continue;
    }
    const recipients = [...new Set(dependents.get(resource) ?? [])].sort();
    if (recipients.length === 0) {
      warn('no entity dependsOn this Resource; its cost stays on it');
      continue;
    }
    out.set(resource, {
      resource,
      policy,
      recipients,
      weights:
        policy.kind === 'even'
          ? {
              units: recipients.map(() => 1n),
              labels: recipients.map(() => '1'),
            }
          : undefined,
    });
  }
  return out;
}

/** Shared resources in an order where each comes after those passing cost to it. */
function ordered(
  all: Map<string, Sharing>,
  warnings: AnnotationWarning[],
): Sharing[] {
  const incoming = new Map<string, number>();
  for (const s of all.values())
    incoming.set(s.resource, incoming.get(s.resource) ?? 0);
  for (const s of all.values()) {
    for (const r of s.recipients)
      if (all.has(r)) incoming.set(r, incoming.get(r)! + 1);
  }
  const ready = [...all.keys()].filter(r => incoming.get(r) === 0).sort();
  const out: Sharing[] = [];
  while (ready.length > 0) {
    const s = all.get(ready.shift()!)!;
    out.push(s);
    for (const r of s.recipients) {
      if (!all.has(r)) continue;
      incoming.set(r, incoming.get(r)! - 1);
      if (incoming.get(r) === 0) ready.push(r);
    }
  }
  for (const s of all.values()) {
    if (!out.includes(s)) {
      warnings.push({
        entity: s.resource,
        annotation: ANNOTATION_SHARED_COST,
        message:
          'shares cost in a cycle of shared Resources; its cost stays on it',
      });
    }
  }
  return out;
}

/** What each entity received from matching rules, per period (proportional's basis). */
function directByPeriod(attributed: GroupAttribution[]) {
  const sums = new Map<string, Map<string, ExactSum>>();
  for (const ga of attributed) {
    const period = ga.period ?? '';
    let byEntity = sums.get(period);
    if (!byEntity) sums.set(period, (byEntity = new Map()));
    for (const a of ga.allocations) addToSum(byEntity, a.entity, a.amount);
  }
  const out = new Map<string, Map<string, Decimal>>();
  for (const [period, byEntity] of sums) {
    out.set(
      period,
      new Map([...byEntity].map(([e, sum]) => [e, sum.toDecimal()])),
    );
  }
  return out;
}

function splitAllocation(
  s: Sharing,
  a: AttributionAllocation<Decimal>,
  weights: Weights,
): AttributionAllocation<Decimal>[] {
  const used = s.recipients.flatMap((_, i) =>
    weights.units[i] > 0n ? [i] : [],
  );
  const parts = a.amount.allocate(used.map(i => weights.units[i]));
  return used.map((r, i) => {
    const entity = s.recipients[r];
    const evidence: AttributionAllocation<Decimal>['evidence'] = {
      method: 'shared',
      entityRef: s.resource,
      annotation: ANNOTATION_SHARED_COST,
      selector: s.policy.text,
      matched: { dependent: entity, weight: weights.labels[r] },
      confidence: a.confidence,
      source: a.evidence,
    };
    if (weights.note) evidence.note = weights.note;
    return {
      entity,
      amount: parts[i],
      method: 'shared',
      confidence: a.confidence,
      evidence,
    };
  });
}

/** Passes the cost of shared Resources on to their dependents, in place. */
export function applySharedCost(
  catalog: CompiledCatalog,
  attributed: GroupAttribution[],
  warnings: AnnotationWarning[],
) {
  const all = sharings(catalog, warnings);
  if (all.size === 0) return;
  const order = ordered(all, warnings);
  const landing = new Map<string, Set<GroupAttribution>>();
  for (const s of order) landing.set(s.resource, new Set());
  for (const ga of attributed) {
    for (const a of ga.allocations) landing.get(a.entity)?.add(ga);
  }
  const direct = order.some(s => !s.weights)
    ? directByPeriod(attributed)
    : undefined;
  for (const s of order) {
    const byPeriod = new Map<string, Weights>();
    const weightsFor = (period: string): Weights => {
      if (s.weights) return s.weights;
      let found = byPeriod.get(period);
      if (!found) {
        const costs = s.recipients.map(
          r => direct!.get(period)?.get(r) ?? Decimal.ZERO,
        );
        // credits can leave a dependent negative; it then takes no share
        const units = toUnits(costs).map(u => (u > 0n ? u : 0n));
        found = units.some(u => u > 0n)
          ? { units, labels: costs.map(c => c.toString()) }
          : {
              units: units.map(() => 1n),
              labels: units.map(() => '1'),
              note: 'split evenly: no dependent had direct cost in the period',
            };
        byPeriod.set(period, found);
      }
      return found;
    };
    for (const ga of landing.get(s.resource)!) {
      const weights = weightsFor(ga.period ?? '');
      ga.allocations = ga.allocations.flatMap(a => {
        if (a.entity !== s.resource || a.amount.isZero()) return [a];
        const parts = splitAllocation(s, a, weights);
        for (const p of parts) landing.get(p.entity)?.add(ga);
        return parts;
      });
    }
  }
}
