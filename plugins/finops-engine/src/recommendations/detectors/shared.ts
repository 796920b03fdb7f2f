import type { Knex } from 'knex';
import {
  CostMeasure,
  Decimal,
  ImplementationEffort,
  RecommendationEvidence,
  RecommendationRow,
  RecommendationSubcategory,
} from '@costwise/plugin-finops-common';
import { addDays, ExactSum } from '../../model';
import { MEASURE_COLUMNS } from '../../model/measures';

/** Ids per `whereIn`: well within every database's parameter limit. */
export const CHUNK = 500;

/** The items in slices of at most `size`. */
export function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

/** The days a detector reads: `days` days up to and including the as-of day. */
export interface DayWindow {
  from: string;
  to: string;
  days: number;
}

export function windowOf(asOf: string, days: number): DayWindow {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))
    throw new Error(`asOf must be a day (YYYY-MM-DD), got '${asOf}'`);
  return { from: addDays(asOf, -(days - 1)), to: asOf, days };
}

/** The database column of a measure. */
export function measureColumn(measure: CostMeasure): string {
  return MEASURE_COLUMNS[measure];
}

const ONE_CENT_DIGITS = 2;

/**
 * An amount seen over `days` days as an amount per 30 days: the amount
 * itself (exact) when it was seen over 30 days, else scaled and rounded
 * half to even to the cent.
 */
export function perThirtyDays(amount: Decimal, days: number): Decimal {
  if (days === 30) return amount;
  return amount
    .mulInt(30)
    .divide(Decimal.fromUnits(BigInt(days), 0), ONE_CENT_DIGITS);
}

/** The exact product of two decimals. */
export function times(a: Decimal, b: Decimal): Decimal {
  return Decimal.fromUnits(a.units * b.units, a.scale + b.scale);
}

/** The FOCUS EstimatedMonthlyCostImpact of a saving: its negation, `0` for none. */
export function impactOfSaving(saving: Decimal): string {
  return saving.isZero() ? '0' : saving.negate().toString();
}

/** An amount for a sentence, e.g. `1,234.50 USD`. */
export function shownAmount(amount: Decimal, currency: string): string {
  const [whole, fraction] = amount.toFixed(2).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction} ${currency}`;
}

/** `30` days, as a sentence says it. */
export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * The RecommendationId of a finding: its key, with the currency appended
 * when the cost is not in the configured one (a resource billed in two
 * currencies is two findings).
 */
export function findingId(
  key: string,
  currency: string,
  contextCurrency: string,
): string {
  return currency === contextCurrency || !contextCurrency
    ? key
    : `${key} (${currency})`;
}

/** Sorts rows by RecommendationId, so that runs return them in the same order. */
export function sortRows(rows: RecommendationRow[]): RecommendationRow[] {
  return rows.sort((a, b) => {
    if (a.RecommendationId === b.RecommendationId) return 0;
    return a.RecommendationId < b.RecommendationId ? -1 : 1;
  });
}

/** Adds a database money value to a running sum; throws on a value that is not a number. */
export function addMoney(sum: ExactSum, value: unknown): void {
  const text = String(value ?? '0');
  if (!sum.addText(text))
    throw new Error(`a stored amount is not a number: '${text}'`);
}

/** Whether a stored quantity is zero (a missing one counts as zero). */
export function isZeroQuantity(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  const parsed = Decimal.tryParse(String(value));
  return parsed ? parsed.isZero() : false;
}

/** A fact group's dimensions as the detectors read them. */
export interface DetectorGroup {
  id: string;
  provider: string;
  billingAccountId: string;
  subAccountId?: string;
  subAccountName?: string;
  serviceName: string;
  region?: string;
  resourceId?: string;
  resourceName?: string;
  resourceType?: string;
  chargeCategory: string;
  skuId?: string;
  commitmentId?: string;
  commitmentStatus?: string;
  currency: string;
}

export const GROUP_COLUMNS = [
  'id',
  'provider',
  'billing_account_id',
  'sub_account_id',
  'sub_account_name',
  'service_name',
  'region',
  'resource_id',
  'resource_name',
  'resource_type',
  'charge_category',
  'sku_id',
  'commitment_id',
  'commitment_status',
  'currency',
];

const text = (v: unknown) =>
  v === null || v === undefined || v === '' ? undefined : String(v);

export function groupOf(r: Record<string, unknown>): DetectorGroup {
  return {
    id: String(r.id),
    provider: String(r.provider),
    billingAccountId: String(r.billing_account_id),
    subAccountId: text(r.sub_account_id),
    subAccountName: text(r.sub_account_name),
    serviceName: String(r.service_name),
    region: text(r.region),
    resourceId: text(r.resource_id),
    resourceName: text(r.resource_name),
    resourceType: text(r.resource_type),
    chargeCategory: String(r.charge_category),
    skuId: text(r.sku_id),
    commitmentId: text(r.commitment_id),
    commitmentStatus: text(r.commitment_status),
    currency: String(r.currency),
  };
}

/** Fact groups by id, in id order, read `CHUNK` ids per query. */
export async function groupsById(
  knex: Knex,
  ids: Iterable<string>,
): Promise<DetectorGroup[]> {
  const out: DetectorGroup[] = [];
  for (const slice of chunked([...new Set(ids)])) {
    const rows = await knex('finops_fact_groups')
      .whereIn('id', slice.map(Number))
      .select(GROUP_COLUMNS);
    out.push(...rows.map(groupOf));
  }
  return out.sort(byGroupId);
}

export function byGroupId(a: { id: string }, b: { id: string }): number {
  return Number(a.id) - Number(b.id);
}

/**
 * Whether a group's cost is the cost of running its resource: not a
 * purchase (a commitment bought is not refunded by changing the resource),
 * not an unused commitment (the unused-commitment detector's finding).
 */
export function isRunningCost(g: DetectorGroup): boolean {
  return (
    g.chargeCategory.toLowerCase() !== 'purchase' &&
    g.commitmentStatus?.toLowerCase() !== 'unused'
  );
}

/** One daily fact of a group: its day, the measure and the consumed quantity. */
export interface DetectorFact {
  groupId: string;
  day: string;
  cost: unknown;
  quantity: unknown;
}

/** The daily facts of the groups within the window, `CHUNK` groups per query. */
export async function factsOf(
  knex: Knex,
  groupIds: Iterable<string>,
  window: DayWindow,
  measure: CostMeasure,
): Promise<DetectorFact[]> {
  const column = measureColumn(measure);
  const out: DetectorFact[] = [];
  for (const slice of chunked([...new Set(groupIds)])) {
    const rows = await knex('finops_cost_facts')
      .whereIn('group_id', slice.map(Number))
      .where('day', '>=', window.from)
      .where('day', '<=', window.to)
      .select(
        'group_id',
        'day',
        `${column} as cost`,
        'consumed_quantity as quantity',
      );
    for (const r of rows)
      out.push({
        groupId: String(r.group_id),
        day: String(r.day),
        cost: r.cost,
        quantity: r.quantity,
      });
  }
  return out;
}

/** The dimensions of a finding taken from the first of its groups (in id order). */
export function resourceColumns(
  groups: DetectorGroup[],
): Pick<
  RecommendationRow,
  | 'ResourceName'
  | 'ResourceType'
  | 'BillingAccountId'
  | 'SubAccountId'
  | 'RegionId'
  | 'ServiceName'
  | 'ServiceProviderName'
> {
  const sorted = [...groups].sort(byGroupId);
  const pick = <K extends keyof DetectorGroup>(k: K) =>
    sorted.find(g => g[k] !== undefined)?.[k] as string | undefined;
  const out: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) out[name] = value;
  };
  set('ResourceName', pick('resourceName'));
  set('ResourceType', pick('resourceType'));
  set('BillingAccountId', pick('billingAccountId'));
  set('SubAccountId', pick('subAccountId'));
  set('RegionId', pick('region'));
  set('ServiceName', pick('serviceName'));
  set('ServiceProviderName', pick('provider'));
  return out;
}

/** The most fact group ids a finding's evidence lists. */
const MAX_LISTED_GROUPS = 100;

/** The ids of the groups a finding added up, for its evidence (the first 100, then how many in all). */
export function groupIdsFigure(ids: Iterable<string>): string {
  const sorted = [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
  const listed = sorted.slice(0, MAX_LISTED_GROUPS).join(',');
  return sorted.length > MAX_LISTED_GROUPS
    ? `${listed},… (${sorted.length} in all)`
    : listed;
}

/** A detector's recommendation, with the columns every detector fills. */
export function detectorRow(options: {
  id: string;
  detector: string;
  subcategory: RecommendationSubcategory;
  description: string;
  saving: Decimal;
  currency: string;
  effort: ImplementationEffort;
  evidence: RecommendationEvidence;
  resourceId?: string;
  columns?: Partial<RecommendationRow>;
}): RecommendationRow {
  return {
    RecommendationId: options.id,
    RecommendationCategory: 'Cost',
    RecommendationSubcategory: options.subcategory,
    RecommendationDescription: options.description,
    EstimatedMonthlyCostImpact: impactOfSaving(options.saving),
    Currency: options.currency,
    ...(options.resourceId !== undefined
      ? { ResourceId: options.resourceId }
      : {}),
    ...options.columns,
    ImplementationEffort: options.effort,
    DataGeneratorName: `Costwise ${options.detector} detector`,
    x_Evidence: options.evidence,
  };
}

/** A running sum per key. */
export class SumsByKey<K> {
  readonly sums = new Map<K, ExactSum>();

  add(key: K, value: unknown): void {
    let sum = this.sums.get(key);
    if (!sum) this.sums.set(key, (sum = new ExactSum()));
    addMoney(sum, value);
  }

  get(key: K): Decimal {
    return this.sums.get(key)?.toDecimal() ?? Decimal.ZERO;
  }
}
