/*
 * Fills a migrated Costwise database with what ingestion and attribution
 * would have stored for the synthetic catalog: fact groups, daily facts and
 * allocations over `days` days, evidence, rollup membership, source periods
 * and one attribution run with its report.
 *
 * Every Component has a compute group (tags, a few inferred), half of them a
 * database (resource id; one in ten shared by up to three Components of the
 * System), one in ten an LLM project; every System an account-wide group;
 * and some groups stay unattributed. Rows are written day by day, as
 * ingestion and attribution order them, so an entity's rows are spread over
 * the table as they are in a real store.
 */
import { createHash } from 'crypto';
import type { Knex } from 'knex';
import { rollupMembers } from '@costwise/plugin-finops-engine';
import {
  RollupAccumulator,
  rollupRecord,
} from '@costwise/plugin-finops-engine';
import { catalogFingerprint } from '@costwise/plugin-finops-engine';
import { addDays } from '@costwise/plugin-finops-engine';
import { prng, SyntheticCatalog } from './apiCatalog';
import { evidence, GroupSpec, groupSpecs, money, split } from './apiGroups';
import { openSinks, Sink, withoutSecondaryIndexes } from './apiSinks';

const BATCH = 20_000;

const ALLOCATION_COLUMNS: [string, string][] = [
  ['currency', 'text'],
  ['day', 'text'],
  ['billing_period', 'text'],
  ['group_id', 'bigint'],
  ['entity_ref', 'text'],
  ['method', 'text'],
  ['confidence', 'real'],
  ['billed_cost', 'numeric'],
  ['effective_cost', 'numeric'],
  ['list_cost', 'numeric'],
  ['contracted_cost', 'numeric'],
];

const FACT_COLUMNS: [string, string][] = [
  ['source_id', 'text'],
  ['billing_period', 'text'],
  ['day', 'text'],
  ['group_id', 'bigint'],
  ['billed_cost', 'numeric'],
  ['effective_cost', 'numeric'],
  ['list_cost', 'numeric'],
  ['contracted_cost', 'numeric'],
  ['consumed_quantity', 'numeric'],
  ['row_count', 'integer'],
];

const GROUP_COLUMNS: [string, string][] = [
  ['id', 'bigint'],
  ['key_hash', 'text'],
  ['billing_account_id', 'text'],
  ['sub_account_id', 'text'],
  ['provider', 'text'],
  ['service_name', 'text'],
  ['service_category', 'text'],
  ['region', 'text'],
  ['resource_id', 'text'],
  ['resource_name', 'text'],
  ['charge_category', 'text'],
  ['pricing_category', 'text'],
  ['consumed_unit', 'text'],
  ['currency', 'text'],
  ['tags', 'text'],
];

/** Row counts per table after filling. */
export type FillCounts = Record<string, number>;

/**
 * Writes the synthetic store for `days` days ending on `asOf` into a
 * migrated, empty database.
 */
export async function fillDatabase(
  knex: Knex,
  catalog: SyntheticCatalog,
  options: { days: number; asOf: string },
): Promise<FillCounts> {
  return withoutSecondaryIndexes(
    knex,
    ['finops_cost_facts', 'finops_allocations'],
    () => fill(knex, catalog, options),
  );
}

async function fill(
  knex: Knex,
  catalog: SyntheticCatalog,
  options: { days: number; asOf: string },
): Promise<FillCounts> {
  const { days, asOf } = options;
  const specs = groupSpecs(catalog, days);
  const rand = prng(11);
  const sinks = await openSinks(knex);
  const all: Sink[] = [];
  const open = (table: string, columns: [string, string][]) => {
    const s = sinks.sink(table, columns);
    all.push(s);
    return s;
  };
  const groups = open('finops_fact_groups', GROUP_COLUMNS);
  const tags = open('finops_fact_group_tags', [
    ['group_id', 'bigint'],
    ['tag_key', 'text'],
    ['tag_value', 'text'],
  ]);
  const facts = open('finops_cost_facts', FACT_COLUMNS);
  const allocations = open('finops_allocations', ALLOCATION_COLUMNS);
  const evidenceRows = open('finops_allocation_evidence', [
    ['group_id', 'bigint'],
    ['entity_ref', 'text'],
    ['method', 'text'],
    ['evidence', 'text'],
  ]);
  const members = open('finops_entity_members', [
    ['entity_ref', 'text'],
    ['member_ref', 'text'],
    ['via_ref', 'text'],
  ]);
  const measureColumns: [string, string][] = [
    ['billed_cost', 'numeric'],
    ['effective_cost', 'numeric'],
    ['list_cost', 'numeric'],
    ['contracted_cost', 'numeric'],
    ['billed_negative', 'numeric'],
    ['effective_negative', 'numeric'],
    ['list_negative', 'numeric'],
    ['contracted_negative', 'numeric'],
  ];
  const rollupDailyColumns: [string, string][] = [
    ['entity_ref', 'text'],
    ['day', 'text'],
    ['currency', 'text'],
    ['method', 'text'],
    ...measureColumns,
    ['rows', 'integer'],
  ];
  const rollupGroupColumns: [string, string][] = [
    ['entity_ref', 'text'],
    ['from_day', 'text'],
    ['to_day', 'text'],
    ['currency', 'text'],
    ['group_id', 'bigint'],
    ['method', 'text'],
    ...measureColumns,
    ['rows', 'integer'],
  ];
  const rollupDaily = open('finops_rollup_daily', rollupDailyColumns);
  const rollupGroups = open('finops_rollup_groups', rollupGroupColumns);
  // the store's own row shape, in the order of the sink's columns
  const inOrder = (
    columns: [string, string][],
    record: Record<string, unknown>,
  ) => columns.map(([name]) => record[name]);
  const periods = open('finops_source_periods', [
    ['source_id', 'text'],
    ['billing_period', 'text'],
    ['run_id', 'text'],
    ['ingested_at', 'text'],
    ['facts', 'integer'],
    ['rows', 'integer'],
    ['last_day', 'text'],
  ]);
  const runs = open('finops_attribution_runs', [
    ['id', 'text'],
    ['trigger', 'text'],
    ['status', 'text'],
    ['started_at', 'text'],
    ['finished_at', 'text'],
    ['catalog_fingerprint', 'text'],
    ['report', 'text'],
  ]);
  const flushIfFull = async () => {
    for (const s of all) if (s.pending >= BATCH) await s.flush();
  };

  try {
    for (const g of specs) {
      groups.push([
        g.id,
        createHash('sha256').update(String(g.id)).digest('hex'),
        g.provider === 'AWS' ? '999999999999' : `billing-${g.provider}`,
        g.subAccount,
        g.provider,
        g.service,
        g.category,
        g.region ?? null,
        g.resourceId ?? null,
        g.resourceId ? g.resourceId.split(/[/:]/).pop() : null,
        'Usage',
        'Standard',
        g.category === 'AI and Machine Learning' ? 'Tokens' : 'Hours',
        g.currency,
        JSON.stringify(g.tags),
      ]);
      for (const [k, v] of Object.entries(g.tags)) tags.push([g.id, k, v]);
      for (const t of g.targets)
        evidenceRows.push([g.id, t.ref, t.method, JSON.stringify(t.evidence)]);
      await flushIfFull();
    }
    // facts reference the groups
    for (const s of [groups, tags, evidenceRows]) await s.flush();

    // default measure (EffectiveCost) totals, for the run report
    const direct = new Map<string, Map<string, number>>();
    const currencyTotals = new Map<string, { total: number; attr: number }>();
    const periodStats = new Map<
      string,
      { facts: number; rows: number; lastDay: string }
    >();
    const first = addDays(asOf, -(days - 1));
    const memberMap = rollupMembers(catalog.entities);
    const rollups = new RollupAccumulator(memberMap, addDays(first, days - 1));
    for (let d = 0; d < days; d++) {
      const day = addDays(first, d);
      const period = day.slice(0, 7);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      for (const g of specs) {
        if (d < g.start || d > g.end) continue;
        const billed = Math.round(
          g.base * (0.85 + 0.3 * rand()) * (g.weekly && weekend ? 0.7 : 1),
        );
        const amounts = [
          billed,
          Math.round(billed * g.discount),
          Math.round(billed * 1.15),
          billed,
        ];
        const rowCount = 1 + Math.floor(rand() * 24);
        facts.push([
          g.source,
          period,
          day,
          g.id,
          ...amounts.map(money),
          String(rowCount),
          rowCount,
        ]);
        const stats = periodStats.get(`${g.source}|${period}`) ?? {
          facts: 0,
          rows: 0,
          lastDay: day,
        };
        stats.facts++;
        stats.rows += rowCount;
        stats.lastDay = day;
        periodStats.set(`${g.source}|${period}`, stats);
        const totals = currencyTotals.get(g.currency) ?? { total: 0, attr: 0 };
        totals.total += amounts[1];
        if (g.targets.length) totals.attr += amounts[1];
        currencyTotals.set(g.currency, totals);

        const parts = amounts.map(a => split(a, g.targets.length));
        g.targets.forEach((t, i) => {
          const texts = parts.map(p => money(p[i]));
          allocations.push([
            g.currency,
            day,
            period,
            g.id,
            t.ref,
            t.method,
            t.confidence,
            ...texts,
          ]);
          rollups.add({
            entityRef: t.ref,
            day,
            currency: g.currency,
            method: t.method,
            groupId: String(g.id),
            billedCost: texts[0],
            effectiveCost: texts[1],
            listCost: texts[2],
            contractedCost: texts[3],
          });
          const byCurrency = direct.get(t.ref) ?? new Map<string, number>();
          byCurrency.set(
            g.currency,
            (byCurrency.get(g.currency) ?? 0) + parts[1][i],
          );
          direct.set(t.ref, byCurrency);
        });
      }
      await flushIfFull();
    }

    for (const [entity, map] of memberMap) {
      for (const [member, via] of map) members.push([entity, member, via]);
    }
    for (const r of rollups.dailyRows())
      rollupDaily.push(inOrder(rollupDailyColumns, rollupRecord(r)));
    for (const r of rollups.groupRows())
      rollupGroups.push(inOrder(rollupGroupColumns, rollupRecord(r)));
    const ingestedAt = `${asOf}T06:00:00.000Z`;
    for (const [key, stats] of periodStats) {
      const [source, period] = key.split('|');
      periods.push([
        source,
        period,
        `ingest-${source}-${period}`,
        ingestedAt,
        stats.facts,
        stats.rows,
        stats.lastDay,
      ]);
    }
    const report = runReport(catalog, specs, direct, currencyTotals, {
      facts: facts.written + facts.pending,
      allocations: allocations.written + allocations.pending,
    });
    runs.push([
      'bench-run',
      'ingestion of source aws-cur',
      'succeeded',
      `${asOf}T06:05:00.000Z`,
      `${asOf}T06:07:00.000Z`,
      catalogFingerprint(catalog.entities),
      JSON.stringify(report),
    ]);
    for (const s of all) await s.flush();
  } finally {
    await sinks.release();
  }
  if (!String(knex.client.config.client).includes('sqlite')) {
    // explicit ids leave the sequence behind; later inserts must not collide
    await knex.raw(
      `SELECT setval(pg_get_serial_sequence('finops_fact_groups', 'id'), ?)`,
      [specs.length],
    );
  }
  return Object.fromEntries(all.map(s => [s.table, s.written]));
}

/** The report an attribution run would have stored: totals per entity, fingerprints, findings. */
function runReport(
  catalog: SyntheticCatalog,
  specs: GroupSpec[],
  direct: Map<string, Map<string, number>>,
  currencyTotals: Map<string, { total: number; attr: number }>,
  counts: { facts: number; allocations: number },
) {
  const fingerprint = (s: string) => createHash('sha1').update(s).digest('hex');
  const unattributed = specs.filter(g => g.targets.length === 0);
  return {
    currencies: Object.fromEntries(
      [...currencyTotals].map(([currency, t]) => [
        currency,
        {
          total: money(t.total),
          attributed: money(t.attr),
          unattributed: money(t.total - t.attr),
        },
      ]),
    ),
    measure: 'EffectiveCost',
    warnings: catalog.components
      .filter((_, i) => i % 400 === 7)
      .map(entity => ({
        entity,
        annotation: 'costwise.dev/resource-ids',
        message: 'the pattern matches no stored resource id',
      })),
    conflicts: [],
    suggestions: unattributed.slice(0, 200).map((g, i) => {
      const entity = catalog.components[(i * 37) % catalog.components.length];
      return {
        groupId: String(g.id),
        entity,
        confidence: 0.42,
        amount: money(g.base * 30),
        currency: g.currency,
        evidence: evidence(entity, 'inference', 'metadata.name', 'name~', {
          ResourceId: g.resourceId ?? '',
        }),
      };
    }),
    entityTotals: Object.fromEntries(
      [...direct].map(([ref, byCurrency]) => [
        ref,
        Object.fromEntries([...byCurrency].map(([c, v]) => [c, money(v)])),
      ]),
    ),
    entityFingerprints: Object.fromEntries(
      catalog.entities.map(e => [
        `${e.kind}:default/${e.metadata.name}`.toLowerCase(),
        fingerprint(JSON.stringify([e.metadata.annotations, e.spec])),
      ]),
    ),
    facts: counts.facts,
    allocations: counts.allocations,
  };
}
