import { addDays, ExactSum, monthEnd } from '../../model';
import type { MeasureTexts } from '../../stores';
import type { ShowbackCatalog } from './catalog';
import type { Cell } from './csv';
import type { ShowbackGroup, ShowbackRow, ShowbackSink } from './data';

/**
 * The FOCUS 1.2 columns of the FOCUS-shaped allocated export: every
 * dimension Costwise stores of a fact group, the billing and charge
 * periods, and the four cost columns. Usage quantities are left out: an
 * allocation splits a charge's cost, not its quantity.
 */
const FOCUS_COLUMNS = [
  'BillingAccountId',
  'SubAccountId',
  'SubAccountName',
  'ProviderName',
  'ServiceName',
  'ServiceCategory',
  'RegionId',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ChargeCategory',
  'PricingCategory',
  'SkuId',
  'CommitmentDiscountId',
  'CommitmentDiscountStatus',
  'Tags',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BilledCost',
  'ListCost',
  'ContractedCost',
  'EffectiveCost',
] as const;

/**
 * The columns Costwise adds to the FOCUS columns: the entity the row's cost
 * is attributed to, how, its owner's statement and its System (all empty on
 * the unattributed rest of a fact group).
 *
 * @public
 */
export const FOCUS_EXPORT_EXTRA_COLUMNS = [
  'x_CostwiseEntity',
  'x_CostwiseMethod',
  'x_CostwiseOwner',
  'x_CostwiseSystem',
] as const;

/** The header of the FOCUS-shaped export. */
export const FOCUS_EXPORT_HEADER: string[] = [
  ...FOCUS_COLUMNS,
  ...FOCUS_EXPORT_EXTRA_COLUMNS,
];

const MEASURES = [
  'billedCost',
  'listCost',
  'contractedCost',
  'effectiveCost',
] as const satisfies ReadonlyArray<keyof MeasureTexts>;

interface ExportEntry {
  groupId: string;
  period: string;
  currency: string;
  sums: ExactSum[];
}

interface ExportAllocation extends ExportEntry {
  entityRef: string;
  method: string;
}

const SEP = '\u0000';

/**
 * The month summed as the export needs it: per fact group and billing
 * period its facts, and its allocations per entity, method and currency,
 * in every measure, exactly; with the days each has cost on.
 */
export class ExportLedger implements ShowbackSink {
  readonly facts = new Map<string, ExportEntry>();
  readonly allocations = new Map<string, ExportAllocation>();
  readonly days = new Map<string, { first: string; last: string }>();

  fact(row: ShowbackRow): void {
    const key = this.key(row);
    let entry = this.facts.get(key);
    if (!entry) {
      entry = this.entry(row);
      this.facts.set(key, entry);
    }
    this.add(entry, row);
  }

  allocation(row: ShowbackRow & { entityRef: string; method: string }): void {
    const key = `${this.key(row)}${SEP}${row.entityRef}${SEP}${
      row.method
    }${SEP}${row.currency}`;
    let entry = this.allocations.get(key);
    if (!entry) {
      entry = {
        ...this.entry(row),
        entityRef: row.entityRef,
        method: row.method,
      };
      this.allocations.set(key, entry);
    }
    this.add(entry, row);
  }

  /** The group ids with cost in the month. */
  groupIds(): string[] {
    return [
      ...new Set(
        [...this.facts.values(), ...this.allocations.values()].map(
          e => e.groupId,
        ),
      ),
    ];
  }

  private key(row: ShowbackRow): string {
    if (!row.billingPeriod || !row.amounts)
      throw new TypeError('The export reads every measure of each row');
    return `${row.groupId}${SEP}${row.billingPeriod}`;
  }

  private entry(row: ShowbackRow): ExportEntry {
    return {
      groupId: row.groupId,
      period: row.billingPeriod!,
      currency: row.currency,
      sums: MEASURES.map(() => new ExactSum()),
    };
  }

  private add(entry: ExportEntry, row: ShowbackRow) {
    MEASURES.forEach((m, i) => {
      const text = row.amounts![m];
      if (!entry.sums[i].addText(text))
        throw new TypeError(`A stored amount is not a number: '${text}'`);
    });
    const key = this.key(row);
    const known = this.days.get(key);
    if (!known) this.days.set(key, { first: row.day, last: row.day });
    else {
      if (row.day < known.first) known.first = row.day;
      if (row.day > known.last) known.last = row.day;
    }
  }
}

const instant = (day: string) => `${day}T00:00:00Z`;

/**
 * The month's cost in FOCUS columns, one row per fact group, billing
 * period, entity and method (the allocations over the month), and per
 * fact group and billing period one row with its unattributed rest,
 * entity columns empty; rows whose every cost is zero are left out. The
 * charge period of a row is the days of the month its group and billing
 * period have cost on. Each cost column adds up to the ingested total of
 * its measure per currency.
 */
export function focusExportRows(
  ledger: ExportLedger,
  catalog: ShowbackCatalog,
  groups: Map<string, ShowbackGroup>,
): Cell[][] {
  const byKey = new Map<string, Cell[][]>();
  const push = (key: string, row: Cell[]) => {
    let rows = byKey.get(key);
    if (!rows) byKey.set(key, (rows = []));
    rows.push(row);
  };
  const dimensions = (e: ExportEntry, key: string): Cell[] => {
    const g = groups.get(e.groupId);
    const days = ledger.days.get(key)!;
    const tags =
      g && Object.keys(g.tags).length ? JSON.stringify(g.tags) : undefined;
    return [
      g?.billingAccountId,
      g?.subAccountId,
      g?.subAccountName,
      g?.provider,
      g?.serviceName,
      g?.serviceCategory,
      g?.region,
      g?.resourceId,
      g?.resourceName,
      g?.resourceType,
      g?.chargeCategory,
      g?.pricingCategory,
      g?.skuId,
      g?.commitmentId,
      g?.commitmentStatus,
      tags,
      e.currency,
      instant(`${e.period}-01`),
      instant(addDays(monthEnd(`${e.period}-01`), 1)),
      instant(days.first),
      instant(addDays(days.last, 1)),
    ];
  };
  const costs = (sums: ExactSum[]) => sums.map(s => s.toDecimal());
  const allocations = [...ledger.allocations.entries()].sort(
    ([, a], [, b]) =>
      a.entityRef.localeCompare(b.entityRef) ||
      a.method.localeCompare(b.method),
  );
  // the rest of each group and period: its facts less its allocations
  const rest = new Map<string, { entry: ExportEntry; sums: ExactSum[] }>();
  const restOf = (key: string, entry: ExportEntry) => {
    let r = rest.get(key);
    if (!r)
      rest.set(key, (r = { entry, sums: MEASURES.map(() => new ExactSum()) }));
    return r;
  };
  for (const [key, f] of ledger.facts)
    restOf(key, f).sums.forEach((s, i) => s.addSum(f.sums[i]));
  for (const [, a] of allocations) {
    const groupKey = `${a.groupId}${SEP}${a.period}`;
    // allocations of a group with no facts left (restated since the last run)
    const r = restOf(groupKey, a);
    a.sums.forEach((s, i) => r.sums[i].addDecimal(s.toDecimal().negate()));
    const amounts = costs(a.sums);
    if (amounts.every(d => d.isZero())) continue;
    push(groupKey, [
      ...dimensions(a, groupKey),
      ...amounts.map(d => d.toString()),
      a.entityRef,
      a.method,
      catalog.ownerOf(a.entityRef),
      catalog.systemOf(a.entityRef),
    ]);
  }
  for (const [key, r] of rest) {
    const amounts = costs(r.sums);
    if (amounts.every(d => d.isZero())) continue;
    push(key, [
      ...dimensions(r.entry, key),
      ...amounts.map(d => d.toString()),
      '',
      '',
      '',
      '',
    ]);
  }
  return [...byKey.keys()]
    .sort((a, b) => {
      const [ga, pa] = a.split(SEP);
      const [gb, pb] = b.split(SEP);
      return (
        Number(ga) - Number(gb) || ga.localeCompare(gb) || pa.localeCompare(pb)
      );
    })
    .flatMap(key => byKey.get(key)!);
}
