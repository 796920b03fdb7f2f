import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import type { AttributionChange } from '../../stores';
import { entityRefOf } from '../relations';
import type { AttributionRunReport } from './report';

/**
 * How much cost moved to or from each entity between two runs, per currency,
 * and why: its own catalog entry changed, another entry changed, or the cost
 * data did.
 */
export function attributionChanges(options: {
  runId: string;
  createdAt: string;
  previous: AttributionRunReport | undefined;
  current: AttributionRunReport;
  entities: Entity[];
  trigger: string;
}): AttributionChange[] {
  const { runId, createdAt, previous, current, entities, trigger } = options;
  if (!previous?.entityTotals) return [];
  const changedEntities = new Set<string>();
  for (const e of entities) {
    const ref = entityRefOf(e);
    if (previous.entityFingerprints?.[ref] !== current.entityFingerprints[ref])
      changedEntities.add(ref);
  }
  for (const ref of Object.keys(previous.entityFingerprints ?? {})) {
    if (!(ref in current.entityFingerprints)) changedEntities.add(ref);
  }
  const reasonFor = (ref: string) => {
    if (changedEntities.has(ref))
      return `the catalog entry of ${ref} changed (annotations or relations)`;
    if (changedEntities.size > 0) {
      const names = [...changedEntities].slice(0, 3).join(', ');
      return `catalog changes elsewhere moved cost (${names}${
        changedEntities.size > 3 ? ', …' : ''
      })`;
    }
    return trigger.startsWith('ingestion')
      ? `new or restated cost data (${trigger})`
      : trigger;
  };
  const out: AttributionChange[] = [];
  const refs = new Set([
    ...Object.keys(previous.entityTotals),
    ...Object.keys(current.entityTotals),
  ]);
  for (const ref of refs) {
    const currencies = new Set([
      ...Object.keys(previous.entityTotals[ref] ?? {}),
      ...Object.keys(current.entityTotals[ref] ?? {}),
    ]);
    for (const currency of currencies) {
      const before = Decimal.parse(
        previous.entityTotals[ref]?.[currency] ?? '0',
      );
      const after = Decimal.parse(current.entityTotals[ref]?.[currency] ?? '0');
      if (before.equals(after)) continue;
      out.push({
        runId,
        createdAt,
        currency,
        entityRef: ref,
        previous: before.toString(),
        current: after.toString(),
        delta: after.sub(before).toString(),
        reason: reasonFor(ref),
      });
    }
  }
  return out;
}
