import {
  Decimal,
  type NormalizedCostRow,
} from '@costwise/plugin-finops-common';
import {
  cell,
  currencyCell,
  timestampCell,
  MoneyCell,
  moneyCell,
  parseTags,
  quantityCell,
  truncate,
} from '../values';
import { parseTimestamp, utcDay, instantOf } from '../instants';
import { CostFileFormat, RowMapper } from './types';

/**
 * Names of each column in the EA (PascalCase), MCA (camelCase) and older
 * pay-as-you-go exports; the first one present wins. Matching ignores case.
 */
const COLUMNS = {
  cost: ['CostInBillingCurrency', 'Cost', 'PreTaxCost'],
  currency: ['BillingCurrencyCode', 'BillingCurrency', 'Currency'],
  date: ['Date', 'UsageDateTime'],
  subscription: ['SubscriptionId', 'SubscriptionGuid'],
  subscriptionName: ['SubscriptionName'],
  billingAccount: ['BillingAccountId'],
  billingAccountName: ['BillingAccountName'],
  billingStart: ['BillingPeriodStartDate'],
  resourceId: ['ResourceId', 'InstanceId', 'InstanceName'],
  resourceName: ['ResourceName'],
  resourceType: ['ResourceType'],
  location: ['ResourceLocation'],
  service: [
    'MeterCategory',
    'ConsumedService',
    'ProductName',
    'Product',
    'ServiceName',
  ],
  chargeType: ['ChargeType'],
  pricingModel: ['PricingModel'],
  tags: ['Tags'],
  quantity: ['Quantity', 'UsageQuantity'],
  unit: ['UnitOfMeasure'],
  unitPrice: ['UnitPrice', 'ResourceRate'],
  paygPrice: ['PayGPrice'],
  paygCost: ['PaygCostInBillingCurrency'],
  exchangeRate: ['ExchangeRatePricingToBilling'],
  sku: ['ProductId', 'MeterId'],
  benefitId: ['BenefitId'],
  reservationId: ['ReservationId'],
};
type Column = keyof typeof COLUMNS;

/** ChargeType to FOCUS ChargeCategory; unused commitment is usage in FOCUS. */
const CHARGE_CATEGORY: Record<string, string> = {
  usage: 'Usage',
  unusedreservation: 'Usage',
  unusedsavingsplan: 'Usage',
  purchase: 'Purchase',
  refund: 'Purchase', // a reversed purchase; FOCUS marks it with ChargeClass Correction
  tax: 'Tax',
  credit: 'Credit',
  roundingadjustment: 'Adjustment',
};

const PRICING_CATEGORY: Record<string, string> = {
  ondemand: 'Standard',
  spot: 'Dynamic',
  reservation: 'Committed',
  savingsplan: 'Committed',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** Localized exports name columns `Abonnement-GUID (SubscriptionGuid)`: the English name is in parentheses. */
function columnKey(name: string): string {
  const m = /\(([A-Za-z0-9]+)\)\s*$/.exec(name.trim());
  return (m ? m[1] : name.trim()).toLowerCase();
}

/** The exact product of decimal strings. */
function product(values: string[]): string {
  let units = 1n;
  let scale = 0;
  for (const v of values) {
    const d = Decimal.parse(v);
    units *= d.units;
    scale += d.scale;
  }
  return Decimal.fromUnits(units, scale).toString();
}

function mapper(header: string[], options: { currency?: string }): RowMapper {
  const idx = new Map<string, number>();
  header.forEach((name, i) => {
    const key = columnKey(name);
    if (!idx.has(key)) idx.set(key, i);
  });
  const find = (column: Column) =>
    COLUMNS[column]
      .map(name => idx.get(name.toLowerCase()))
      .find(i => i !== undefined) ?? -1;
  const c = Object.fromEntries(
    Object.keys(COLUMNS).map(k => [k, find(k as Column)]),
  ) as Record<Column, number>;
  const missing = (['cost', 'date'] as Column[])
    .filter(k => c[k] < 0)
    .map(k => COLUMNS[k][0]);
  if (missing.length > 0)
    throw new Error(
      `missing Azure cost export column(s) ${missing.join(', ')}`,
    );

  const get = (fields: string[], i: number) =>
    i >= 0 ? cell(fields[i]) : undefined;
  /** The column's name in this file, for rejection reasons. */
  const nameOf = (column: Column) =>
    c[column] >= 0 ? header[c[column]].trim() : COLUMNS[column][0];
  /** An optional numeric cell: undefined when absent or empty. */
  const number = (fields: string[], column: Column): MoneyCell | undefined =>
    quantityCell(
      nameOf(column),
      c[column] >= 0 ? fields[c[column]] : undefined,
    );

  return fields => {
    if (fields.length !== header.length) {
      return `row has ${fields.length} fields, the header has ${header.length}`;
    }
    const cost = moneyCell(nameOf('cost'), fields[c.cost]);
    if (!cost.ok) return cost.reason;
    const chargeType = (get(fields, c.chargeType) ?? 'Usage').toLowerCase();
    const model = (get(fields, c.pricingModel) ?? '').toLowerCase();
    const commitment = model === 'reservation' || model === 'savingsplan';
    const unused =
      chargeType === 'unusedreservation' || chargeType === 'unusedsavingsplan';

    // One export is either "actual" (cash) or "amortized" cost, and a row does
    // not say which; these rules give the same FOCUS costs from either file.
    // Commitment purchases (and their refunds) are billed but amortized over
    // the covered usage, so their EffectiveCost is 0. Covered usage and unused
    // commitment (amortized exports only) carry amortized cost but are not
    // billed: the purchase was. In actual exports covered usage costs 0 anyway.
    let billed = cost.value;
    let effective = cost.value;
    if (commitment && (chargeType === 'purchase' || chargeType === 'refund'))
      effective = '0';
    else if (unused || (commitment && chargeType === 'usage')) billed = '0';

    // Prices times quantity, in billing currency (MCA prices are in pricing
    // currency). UnitPrice is the negotiated price and PayGPrice the retail one,
    // which EA leaves 0 on reservation rows; rows without prices (tax, credits)
    // take the cost itself, as FOCUS asks.
    const quantity = number(fields, 'quantity');
    const unitPrice = number(fields, 'unitPrice');
    const paygPrice = number(fields, 'paygPrice');
    const paygCost = number(fields, 'paygCost');
    const rate = number(fields, 'exchangeRate');
    for (const v of [quantity, unitPrice, paygPrice, paygCost, rate])
      if (v && !v.ok) return v.reason;
    const priced = (price: MoneyCell | undefined) =>
      price?.ok && quantity?.ok
        ? product([
            price.value,
            quantity.value,
            ...(rate?.ok ? [rate.value] : []),
          ])
        : undefined;
    const contracted = priced(unitPrice) ?? cost.value;
    let list = contracted;
    if (paygCost?.ok) list = paygCost.value;
    else if (paygPrice?.ok && paygPrice.value !== '0')
      list = priced(paygPrice) ?? list;

    const checkedCurrency = currencyCell(
      nameOf('currency'),
      get(fields, c.currency),
      options.currency,
    );
    if (!checkedCurrency.ok) return checkedCurrency.reason;
    const currency = checkedCurrency.value;

    // Exports have one row per day; the charge period is that day.
    const dateText = get(fields, c.date);
    const checkedDay = timestampCell(nameOf('date'), dateText);
    if (!checkedDay.ok) return checkedDay.reason;
    const day = checkedDay.value;
    const start = Date.parse(`${utcDay(day)}T00:00:00Z`);

    let billingPeriodStart = `${utcDay(start).slice(0, 8)}01`;
    const billingText = get(fields, c.billingStart);
    if (billingText) {
      const b = parseTimestamp(billingText);
      if (b === undefined)
        return `BillingPeriodStartDate is not a date: '${truncate(
          billingText,
        )}'`;
      billingPeriodStart = utcDay(b);
    }

    const tags = c.tags >= 0 ? parseTags(fields[c.tags]) : {};
    if (!tags)
      return `${nameOf('tags')} is not a JSON object: '${truncate(
        fields[c.tags] ?? '',
      )}'`;

    const chargeCategory = CHARGE_CATEGORY[chargeType] ?? 'Adjustment';
    let consumedQuantity: string | undefined;
    if (chargeCategory === 'Usage' && !unused && quantity?.ok)
      consumedQuantity = quantity.value;
    let status: string | undefined;
    if (unused) status = 'Unused';
    else if (commitment && chargeType === 'usage') status = 'Used';
    const commitmentId = commitment
      ? get(fields, c.benefitId) ?? get(fields, c.reservationId)
      : undefined;
    // Azure location names are spelled several ways (`EastUS`, `eastus`, `East US`).
    const location = get(fields, c.location)?.toLowerCase().replace(/\s+/g, '');

    const row: NormalizedCostRow = {
      chargePeriodStart: instantOf(start).iso,
      chargePeriodEnd: instantOf(start + DAY_MS).iso,
      billingPeriodStart,
      billingAccountId: get(fields, c.billingAccount) ?? 'unknown',
      billingAccountName: get(fields, c.billingAccountName),
      subAccountId: get(fields, c.subscription),
      subAccountName: get(fields, c.subscriptionName),
      providerName: 'Microsoft',
      // Tax and rounding rows may have no meter; they still belong in the totals.
      serviceName: get(fields, c.service) ?? 'Azure',
      regionId: location,
      // FOCUS puts the commitment's id on its unused rows.
      resourceId:
        get(fields, c.resourceId) ?? (unused ? commitmentId : undefined),
      resourceName: get(fields, c.resourceName),
      resourceType: get(fields, c.resourceType),
      chargeCategory,
      chargeClass: chargeType === 'refund' ? 'Correction' : undefined,
      pricingCategory: PRICING_CATEGORY[model],
      skuId: get(fields, c.sku),
      commitmentDiscountId: commitmentId,
      commitmentDiscountStatus: status,
      consumedQuantity,
      consumedUnit:
        consumedQuantity !== undefined ? get(fields, c.unit) : undefined,
      billingCurrency: currency,
      tags,
      billedCost: billed,
      effectiveCost: effective,
      listCost: list,
      contractedCost: contracted,
    };
    return row;
  };
}

/** Azure cost details export CSV (EA, MCA and older pay-as-you-go column sets; actual or amortized). */
export const azureExportFormat: CostFileFormat = {
  sourceType: 'azure-export',
  label: 'Azure cost export',
  requiredColumns: [
    'Date',
    'CostInBillingCurrency',
    'SubscriptionId',
    'MeterCategory',
  ],
  detect: header => {
    const names = new Set(header.map(columnKey));
    const has = (column: Column) =>
      COLUMNS[column].some(name => names.has(name.toLowerCase()));
    return (
      has('cost') &&
      has('date') &&
      has('subscription') &&
      (names.has('metercategory') ||
        names.has('consumedservice') ||
        names.has('chargetype')) &&
      !names.has('billedcost')
    );
  },
  createMapper: mapper,
};
