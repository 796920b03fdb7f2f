import { createHash, randomUUID } from 'crypto';
import type { Entity } from '@backstage/catalog-model';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  AnnotationWarning,
  AttributionEvidence,
  AttributionMethod,
  COST_MEASURES,
  CostMeasure,
  Decimal,
} from '@costwise/plugin-finops-common';
import type { AttributionSignal } from '@costwise/plugin-finops-node';
import {
  attribute,
  AttributionConfig,
  entityRefOf,
  rollupMembers,
} from '../../attribution';
import type {
  AllocationRow,
  AttributionChange,
  AttributionStore,
  FactRow,
} from '../../database/AttributionStore';
import { MEASURE_FIELDS } from '../../database/measures';

/** What an attribution run found, kept with the run for the coverage and entity views. */
export interface AttributionReport {
  /** Per currency, in the default measure. */
  currencies: Record<
    string,
    { total: string; attributed: string; unattributed: string }
  >;
  measure: CostMeasure;
  warnings: AnnotationWarning[];
  conflicts: {
    groupId: string;
    entities: string[];
    method: AttributionMethod;
    amount: string;
    currency: string;
  }[];
  suggestions: {
    groupId: string;
    entity: string;
    confidence: number;
    amount: string;
    currency: string;
    evidence: AttributionEvidence;
  }[];
  /** Direct cost per entity and currency over all data, in the default measure. */
  entityTotals: Record<string, Record<string, string>>;
  /** A fingerprint of each entity's cost-relevant fields, to explain changes. */
  entityFingerprints: Record<string, string>;
  facts: number;
  allocations: number;
}

/** Where entities come from: the catalog service in the backend, files in tests. */
export type EntitySource = () => Promise<Entity[]>;

/** What backend modules add to attribution. */
export interface AttributionServiceOptions {
  /** Signals added through `attributionSignalsExtensionPoint`. */
  signals?: readonly AttributionSignal[];
}

/** The fields of an entity that attribution reads; a change in them can move cost. */
function entityFingerprint(entity: Entity): string {
  const relevant = {
    annotations: Object.fromEntries(
      Object.entries(entity.metadata.annotations ?? {}).filter(
        ([k]) =>
          k.startsWith('costwise.dev/') ||
          k.startsWith('backstage.io/kubernetes') ||
          k === 'aws.amazon.com/cost-insights-tags',
      ),
    ),
    title: entity.metadata.title,
    spec: {
      owner: (entity.spec as any)?.owner,
      system: (entity.spec as any)?.system,
      domain: (entity.spec as any)?.domain,
      dependsOn: (entity.spec as any)?.dependsOn,
      parent: (entity.spec as any)?.parent,
      children: (entity.spec as any)?.children,
    },
  };
  return createHash('sha1').update(JSON.stringify(relevant)).digest('hex');
}

/** The fingerprint of the whole catalog as attribution sees it. */
export function catalogFingerprint(entities: Entity[]): string {
  const hash = createHash('sha1');
  for (const line of entities
    .map(e => `${entityRefOf(e)}=${entityFingerprint(e)}`)
    .sort())
    hash.update(line);
  return hash.digest('hex');
}

/**
 * Runs attribution over every stored fact and stores the daily allocations,
 * their evidence, rollup membership, and what moved since the last run.
 * Each fact's day is its period: `proportional` shared cost follows the
 * dependents' direct cost of the same day.
 */
export class AttributionService {
  private running: Promise<AttributionRunRecordSummary> | undefined;

  constructor(
    private readonly store: AttributionStore,
    private readonly entities: EntitySource,
    private readonly config: AttributionConfig & { measure: CostMeasure },
    private readonly logger: Pick<LoggerService, 'info' | 'warn' | 'error'>,
    private readonly options: AttributionServiceOptions = {},
  ) {}

  /** Runs attribution; concurrent calls share one run. */
  run(trigger: string): Promise<AttributionRunRecordSummary> {
    if (!this.running) {
      this.running = this.runOnce(trigger).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Recomputes when the catalog changed since the last successful run. */
  async runIfCatalogChanged(): Promise<boolean> {
    const entities = await this.entities();
    const latest = await this.store.latestRun();
    if (latest && latest.catalogFingerprint === catalogFingerprint(entities))
      return false;
    await this.run('catalog changed');
    return true;
  }

  private async runOnce(trigger: string): Promise<AttributionRunRecordSummary> {
    const id = randomUUID();
    const startedAt = new Date().toISOString();
    const run = {
      id,
      trigger,
      status: 'running' as const,
      startedAt,
      report: {},
    };
    await this.store.createRun(run);
    try {
      const entities = await this.entities();
      const overrides = await this.store.listOverrides();
      const groups = await this.store.loadGroups();
      const facts = await this.store.loadFacts();
      const previous = await this.store.latestRun();
      const report = this.attributeAll(entities, overrides, groups, facts);
      await this.store.replaceResults(report.results);
      const changes = this.changes(
        id,
        previous?.report as AttributionReport | undefined,
        report.report,
        entities,
        trigger,
      );
      await this.store.addChanges(changes);
      await this.store.finishRun({
        ...run,
        status: 'succeeded',
        finishedAt: new Date().toISOString(),
        catalogFingerprint: catalogFingerprint(entities),
        report: report.report as unknown as Record<string, unknown>,
      });
      this.logger.info('Attributed cost to catalog entities', {
        trigger,
        facts: facts.length,
        allocations: report.results.allocations.length,
        warnings: report.report.warnings.length,
        changes: changes.length,
      });
      return { id, trigger, report: report.report, changes: changes.length };
    } catch (error) {
      await this.store.finishRun({
        ...run,
        status: 'failed',
        error: (error as Error).message.slice(0, 1000),
        finishedAt: new Date().toISOString(),
      });
      throw error;
    }
  }

  private attributeAll(
    entities: Entity[],
    overrides: Awaited<ReturnType<AttributionStore['listOverrides']>>,
    groups: Awaited<ReturnType<AttributionStore['loadGroups']>>,
    facts: FactRow[],
  ) {
    const periodOfDay = new Map<string, string>();
    for (const f of facts) periodOfDay.set(f.day, f.billingPeriod);
    const currencies = [...new Set(facts.map(f => f.currency))].sort();
    const rows = new Map<string, AllocationRow>();
    const evidence = new Map<
      string,
      {
        groupId: string;
        entityRef: string;
        method: AttributionMethod;
        evidence: AttributionEvidence;
      }
    >();
    const report: AttributionReport = {
      currencies: {},
      measure: this.config.measure,
      warnings: [],
      conflicts: [],
      suggestions: [],
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
          config: this.config,
          signals: this.options.signals,
          amounts: inCurrency.map(f => ({
            groupId: f.groupId,
            period: f.day,
            amount: Decimal.parse(f[field]),
          })),
        });
        for (const ga of result.attributed) {
          for (const a of ga.allocations) {
            const key = `${currency}|${ga.period}|${ga.groupId}|${a.entity}|${a.method}`;
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
              };
              rows.set(key, row);
            }
            row[MEASURE_FIELDS[measure]] = Decimal.parse(
              row[MEASURE_FIELDS[measure]],
            )
              .add(a.amount)
              .toString();
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
        if (measure !== this.config.measure) continue;
        report.currencies[currency] = {
          total: result.total.toString(),
          attributed: result.attributedTotal.toString(),
          unattributed: result.unattributedTotal.toString(),
        };
        if (report.warnings.length === 0) report.warnings = result.warnings;
        report.conflicts.push(
          ...sumByGroup(result.conflicts, c => `${c.groupId}`, currency).map(
            c => ({
              groupId: c.groupId,
              entities: c.entities,
              method: c.method,
              amount: c.amount.toString(),
              currency,
            }),
          ),
        );
        report.suggestions.push(
          ...sumByGroup(
            result.suggestions,
            s => `${s.groupId}|${s.entity}`,
            currency,
          ).map(s => ({
            groupId: s.groupId,
            entity: s.entity,
            confidence: s.confidence,
            amount: s.amount.toString(),
            currency,
            evidence: s.evidence,
          })),
        );
        for (const e of result.entities) {
          if (e.direct.isZero()) continue;
          (report.entityTotals[e.entity] ??= {})[currency] =
            e.direct.toString();
        }
      }
    }
    const members = rollupMembers(entities, this.config);
    const allocations = [...rows.values()];
    report.allocations = allocations.length;
    if (currencies.length === 0) {
      report.warnings = attribute({
        entities,
        groups: [],
        amounts: new Map(),
        config: this.config,
        overrides,
        signals: this.options.signals,
      }).warnings;
    }
    return {
      report,
      results: { allocations, evidence: [...evidence.values()], members },
    };
  }

  private changes(
    runId: string,
    previous: AttributionReport | undefined,
    current: AttributionReport,
    entities: Entity[],
    trigger: string,
  ): AttributionChange[] {
    if (!previous?.entityTotals) return [];
    const createdAt = new Date().toISOString();
    const changedEntities = new Set<string>();
    for (const e of entities) {
      const ref = entityRefOf(e);
      if (
        previous.entityFingerprints?.[ref] !== current.entityFingerprints[ref]
      )
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
        const after = Decimal.parse(
          current.entityTotals[ref]?.[currency] ?? '0',
        );
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
}

/** A finished run, as returned to callers. */
export interface AttributionRunRecordSummary {
  id: string;
  trigger: string;
  report: AttributionReport;
  changes: number;
}

/** Sums per-day findings over all days, per key. */
function sumByGroup<T extends { amount: Decimal }>(
  items: T[],
  key: (t: T) => string,
  _currency: string,
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
