import type { Entity } from '@backstage/catalog-model';
import {
  AttributionEvidence,
  AttributionMethod,
  COST_MEASURES,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import type { AttributionSignal } from '@costwise/plugin-finops-node';
import { MEASURE_FIELDS } from '../../model/measures';
import type { AllocationRow, AttributionStore, FactRow } from '../../stores';
import { attribute } from '../engine';
import { entityRefOf } from '../relations';
import { MemberKeys, rollupMemberKeys, rollupMembers } from '../rollups';
import type {
  AttributionConfig,
  AttributionOverride,
  AttributionGroup,
  AttributionResult,
} from '../types';
import { entityFingerprint } from './fingerprint';
import type { AttributionRunReport } from './report';

/**
 * What one attribution pass works on: the catalog, the administrators'
 * overrides, the fact groups and the daily facts to attribute.
 *
 * @public
 */
export interface AttributionPassInput {
  entities: Entity[];
  overrides: AttributionOverride[];
  groups: AttributionGroup[];
  facts: FactRow[];
  /** The settings, and the measure the report and the results are in. */
  config: AttributionConfig & { measure: CostMeasure };
  /** Signals of backend modules. */
  signals?: readonly AttributionSignal[];
}

/**
 * One allocation's evidence, once per fact group, entity and method.
 *
 * @public
 */
export interface AllocationEvidence {
  groupId: string;
  entityRef: string;
  method: AttributionMethod;
  evidence: AttributionEvidence;
}

/**
 * Everything an attribution pass found: the daily allocations in every
 * measure, their evidence, the rollup membership, the run's report and, per
 * currency, the engine's result in the report's measure (summed over the
 * days), which `costwise attribute` prints.
 *
 * @public
 */
export interface AttributionPass {
  report: AttributionRunReport;
  allocations: AllocationRow[];
  evidence: AllocationEvidence[];
  members: Map<string, Map<string, string>>;
  /** The team and system line of each rollup member. */
  memberKeys: Map<string, Map<string, MemberKeys>>;
  /** Per currency, the result in `config.measure`. */
  results: Map<string, AttributionResult>;
  /** The result with no amounts: every entity, its warnings, no cost. */
  empty: AttributionResult;
}

/** Sums per-day findings over all days, per key. */
function sumByKey<T extends { amount: Decimal }>(
  items: T[],
  key: (t: T) => string,
): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const known = byKey.get(k);
    if (known)
      byKey.set(k, { ...known, amount: known.amount.add(item.amount) });
    else byKey.set(k, { ...item });
  }
  return [...byKey.values()];
}

/**
 * Attributes every fact, each day as its own period (`proportional` shared
 * cost follows the dependents' direct cost of the same day), in every
 * currency and measure. Pure: the backend's runs and `costwise attribute`
 * both call it, on facts read from the same store.
 *
 * @public
 */
export function attributeFacts(input: AttributionPassInput): AttributionPass {
  const { entities, overrides, groups, facts, config, signals } = input;
  const periodOfDay = new Map<string, string>();
  for (const f of facts) periodOfDay.set(f.day, f.billingPeriod);
  const currencies = [...new Set(facts.map(f => f.currency))].sort();
  const rows = new Map<string, AllocationRow>();
  const evidence = new Map<string, AllocationEvidence>();
  const results = new Map<string, AttributionResult>();
  const report: AttributionRunReport = {
    currencies: {},
    measure: config.measure,
    warnings: [],
    conflicts: [],
    suggestions: [],
    contested: [],
    entityTotals: {},
    entityFingerprints: Object.fromEntries(
      entities.map(e => [entityRefOf(e), entityFingerprint(e)]),
    ),
    facts: facts.length,
    allocations: 0,
  };
  for (const currency of currencies) {
    const inCurrency = facts.filter(f => f.currency === currency);
    for (const measure of COST_MEASURES) {
      const field = MEASURE_FIELDS[measure];
      const result = attribute({
        entities,
        groups,
        overrides,
        config,
        signals,
        amounts: inCurrency.map(f => ({
          groupId: f.groupId,
          period: f.day,
          amount: Decimal.parse(f[field]),
        })),
      });
      for (const ga of result.attributed) {
        for (const a of ga.allocations) {
          const sharedFrom =
            a.method === 'shared' ? a.evidence.entityRef : undefined;
          const key = `${currency}|${ga.period}|${ga.groupId}|${a.entity}|${
            a.method
          }|${sharedFrom ?? ''}`;
          let row = rows.get(key);
          if (!row) {
            row = {
              currency,
              day: ga.period!,
              billingPeriod:
                periodOfDay.get(ga.period!) ?? ga.period!.slice(0, 7),
              groupId: ga.groupId,
              entityRef: a.entity,
              method: a.method,
              confidence: a.confidence,
              billedCost: '0',
              effectiveCost: '0',
              listCost: '0',
              contractedCost: '0',
              ...(sharedFrom ? { sharedFrom } : {}),
            };
            rows.set(key, row);
          }
          row[field] = Decimal.parse(row[field]).add(a.amount).toString();
          const evidenceKey = `${ga.groupId}|${a.entity}|${a.method}`;
          if (!evidence.has(evidenceKey)) {
            evidence.set(evidenceKey, {
              groupId: ga.groupId,
              entityRef: a.entity,
              method: a.method,
              evidence: a.evidence,
            });
          }
        }
      }
      if (measure !== config.measure) continue;
      results.set(currency, result);
      report.currencies[currency] = {
        total: result.total.toString(),
        attributed: result.attributedTotal.toString(),
        unattributed: result.unattributedTotal.toString(),
      };
      if (report.warnings.length === 0) report.warnings = result.warnings;
      report.conflicts.push(
        ...sumByKey(result.conflicts, c => `${c.groupId}`).map(c => ({
          groupId: c.groupId,
          entities: c.entities,
          method: c.method,
          amount: c.amount.toString(),
          currency,
        })),
      );
      report.suggestions.push(
        ...sumByKey(result.suggestions, s => `${s.groupId}|${s.entity}`).map(
          s => ({
            groupId: s.groupId,
            entity: s.entity,
            confidence: s.confidence,
            amount: s.amount.toString(),
            currency,
            evidence: s.evidence,
          }),
        ),
      );
      report.contested!.push(
        ...sumByKey(result.contested, c => `${c.groupId}|${c.entity}`).map(
          ({ period: _period, amount, ...c }) => ({
            ...c,
            amount: amount.toString(),
            currency,
          }),
        ),
      );
      for (const e of result.entities) {
        if (e.direct.isZero()) continue;
        (report.entityTotals[e.entity] ??= {})[currency] = e.direct.toString();
      }
    }
  }
  const allocations = [...rows.values()];
  report.allocations = allocations.length;
  const empty = attribute({
    entities,
    groups: [],
    amounts: new Map(),
    config,
    overrides,
    signals,
  });
  if (currencies.length === 0) report.warnings = empty.warnings;
  const members = rollupMembers(entities, config);
  return {
    report,
    allocations,
    evidence: [...evidence.values()],
    members,
    memberKeys: rollupMemberKeys(entities, members),
    results,
    empty,
  };
}

/**
 * Which days of facts to attribute: a billing period (`YYYY-MM`) and/or
 * days from and to (`YYYY-MM-DD`, both inclusive); all when empty.
 *
 * @public
 */
export interface FactRange {
  period?: string;
  from?: string;
  to?: string;
}

/**
 * Reads the overrides, fact groups and facts (those in `range`) of the store
 * and attributes them with {@link attributeFacts}: what a backend run does
 * before it stores the result, and all that `costwise attribute` does.
 *
 * @public
 */
export async function attributeStoredFacts(
  store: Pick<AttributionStore, 'listOverrides' | 'loadGroups' | 'loadFacts'>,
  options: Omit<AttributionPassInput, 'overrides' | 'groups' | 'facts'> & {
    range?: FactRange;
  },
): Promise<AttributionPass> {
  const overrides = await store.listOverrides();
  const groups = await store.loadGroups();
  const facts = await store.loadFacts(options.range);
  return attributeFacts({
    entities: options.entities,
    overrides,
    groups,
    facts,
    config: options.config,
    signals: options.signals,
  });
}
