import type { Entity } from '@backstage/catalog-model';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import type { AttributionSignal } from '@costwise/plugin-finops-node';
import { AttributionConfig, attributeFacts } from '../../attribution';
import type { AttributionStore } from '../../stores';
import { rowsShowbackData, ShowbackData } from './data';
import { monthRange } from './month';

/**
 * The month's stored facts with allocations computed now from a catalog,
 * by the pass the backend's attribution runs make (each day on its own,
 * with the stored overrides and the signals given): for tools that read
 * catalog files rather than the allocations a backend stored.
 *
 * @public
 */
export async function attributedShowbackData(
  store: Pick<AttributionStore, 'listOverrides' | 'loadGroups' | 'loadFacts'>,
  options: {
    month: string;
    entities: Entity[];
    config: AttributionConfig & { measure: CostMeasure };
    signals?: readonly AttributionSignal[];
  },
): Promise<ShowbackData> {
  const range = monthRange(options.month);
  const overrides = await store.listOverrides();
  const groups = await store.loadGroups();
  const facts = await store.loadFacts(range);
  const pass = attributeFacts({
    entities: options.entities,
    overrides,
    groups,
    facts,
    config: options.config,
    signals: options.signals,
  });
  return rowsShowbackData({ facts, allocations: pass.allocations, groups });
}
