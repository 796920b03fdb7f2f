import type { BillingAccount } from './accounts';
import { Dec, decToString, moneyToString } from './money';

/** Every column of FOCUS 1.2, then the provider-specific ones the demo fills. */
export const FOCUS_1_2_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingAccountType',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'CapacityReservationId',
  'CapacityReservationStatus',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountQuantity',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'CommitmentDiscountUnit',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceId',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingCurrency',
  'PricingCurrencyContractedUnitPrice',
  'PricingCurrencyEffectiveCost',
  'PricingCurrencyListUnitPrice',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'SkuMeter',
  'SkuPriceDetails',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'SubAccountType',
  'Tags',
] as const;

export const DEMO_COLUMNS = [...FOCUS_1_2_COLUMNS, 'x_Model'] as const;

type Column = (typeof DEMO_COLUMNS)[number];

export interface Commitment {
  id: string;
  name: string;
  type: string;
  category: string;
  status?: 'Used' | 'Unused';
}

/** One charge of the demo data, before it is written as CSV. Costs are money units. */
export interface DemoRow {
  /** Day number since 1970-01-01 (UTC). */
  day: number;
  account: BillingAccount;
  chargeCategory: 'Usage' | 'Purchase' | 'Tax' | 'Credit';
  chargeFrequency: string;
  chargeDescription?: string;
  pricingCategory?: string;
  subAccountId?: string;
  subAccountName?: string;
  serviceName: string;
  serviceCategory: string;
  serviceSubcategory?: string;
  regionId?: string;
  regionName?: string;
  resourceId?: string;
  resourceName?: string;
  resourceType?: string;
  skuId?: string;
  skuPriceId?: string;
  skuMeter?: string;
  consumedQuantity?: Dec;
  consumedUnit?: string;
  pricingQuantity?: Dec;
  pricingUnit?: string;
  listUnitPrice?: Dec;
  contractedUnitPrice?: Dec;
  billed: bigint;
  effective: bigint;
  list: bigint;
  contracted: bigint;
  commitment?: Commitment;
  tags?: Record<string, string>;
  model?: string;
}

const DAY_MS = 86_400_000;

export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function parseDay(text: string): number {
  return Math.floor(Date.parse(`${text}T00:00:00Z`) / DAY_MS);
}

const timestamp = (day: number) => `${dayString(day)}T00:00:00Z`;

/** First day of the day's month and of the next month, as day numbers. */
export function monthBounds(day: number): [number, number] {
  const d = new Date(day * DAY_MS);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
  return [start, end];
}

/** RFC 4180 quoting, only where a field needs it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function fields(r: DemoRow): Partial<Record<Column, string>> {
  const [monthStart, monthEnd] = monthBounds(r.day);
  const a = r.account;
  const unitPrices = r.listUnitPrice !== undefined;
  return {
    BilledCost: moneyToString(r.billed),
    BillingAccountId: a.id,
    BillingAccountName: a.name,
    BillingAccountType: a.type,
    BillingCurrency: a.currency,
    BillingPeriodEnd: timestamp(monthEnd),
    BillingPeriodStart: timestamp(monthStart),
    ChargeCategory: r.chargeCategory,
    ChargeDescription: r.chargeDescription,
    ChargeFrequency: r.chargeFrequency,
    ChargePeriodEnd: timestamp(r.day + 1),
    ChargePeriodStart: timestamp(r.day),
    CommitmentDiscountCategory: r.commitment?.category,
    CommitmentDiscountId: r.commitment?.id,
    CommitmentDiscountName: r.commitment?.name,
    CommitmentDiscountStatus: r.commitment?.status,
    CommitmentDiscountType: r.commitment?.type,
    ConsumedQuantity: r.consumedQuantity && decToString(r.consumedQuantity),
    ConsumedUnit: r.consumedUnit,
    ContractedCost: moneyToString(r.contracted),
    ContractedUnitPrice:
      r.contractedUnitPrice && decToString(r.contractedUnitPrice),
    EffectiveCost: moneyToString(r.effective),
    InvoiceId: `${a.invoicePrefix}-${dayString(monthStart)
      .slice(0, 7)
      .replace('-', '')}-${a.currency}`,
    InvoiceIssuerName: a.invoiceIssuer,
    ListCost: moneyToString(r.list),
    ListUnitPrice: r.listUnitPrice && decToString(r.listUnitPrice),
    PricingCategory: r.pricingCategory,
    PricingCurrency: unitPrices ? a.currency : undefined,
    PricingCurrencyContractedUnitPrice:
      r.contractedUnitPrice && decToString(r.contractedUnitPrice),
    PricingCurrencyEffectiveCost: unitPrices
      ? moneyToString(r.effective)
      : undefined,
    PricingCurrencyListUnitPrice:
      r.listUnitPrice && decToString(r.listUnitPrice),
    PricingQuantity: r.pricingQuantity && decToString(r.pricingQuantity),
    PricingUnit: r.pricingUnit,
    ProviderName: a.provider,
    PublisherName: a.publisher,
    RegionId: r.regionId,
    RegionName: r.regionName,
    ResourceId: r.resourceId,
    ResourceName: r.resourceName,
    ResourceType: r.resourceType,
    ServiceCategory: r.serviceCategory,
    ServiceName: r.serviceName,
    ServiceSubcategory: r.serviceSubcategory,
    SkuId: r.skuId,
    SkuMeter: r.skuMeter,
    SkuPriceId: r.skuPriceId,
    SubAccountId: r.subAccountId,
    SubAccountName: r.subAccountName,
    SubAccountType: r.subAccountId ? a.subAccountType : undefined,
    Tags:
      r.tags && Object.keys(r.tags).length > 0
        ? JSON.stringify(r.tags)
        : undefined,
    x_Model: r.model,
  };
}

export const CSV_HEADER = DEMO_COLUMNS.join(',');

/** One CSV line (without line end) for a row, columns in {@link DEMO_COLUMNS} order. */
export function toCsvLine(row: DemoRow): string {
  const record = fields(row);
  return DEMO_COLUMNS.map(c => {
    const v = record[c];
    return v === undefined ? '' : csvField(v);
  }).join(',');
}
