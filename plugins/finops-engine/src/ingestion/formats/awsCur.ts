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
  quantityCell,
  truncate,
} from '../values';
import { parseTimestamp, utcDay, instantOf } from '../instants';
import { CostFileFormat, RowMapper } from './types';

/** Columns that identify a legacy AWS Cost and Usage Report (a FOCUS export has none of them). */
const CUR_DETECT = [
  'bill/PayerAccountId',
  'lineItem/LineItemType',
  'lineItem/UsageStartDate',
  'lineItem/UnblendedCost',
];

/** Columns without which its rows cannot be read. */
const CUR_REQUIRED = [
  'lineItem/UsageStartDate',
  'lineItem/UsageEndDate',
  'lineItem/UnblendedCost',
  'lineItem/LineItemType',
];

/**
 * lineItem/LineItemType to FOCUS ChargeCategory. Discount line items are
 * price reductions shown as separate rows after the usage they reduce, which
 * FOCUS files as Credit. SavingsPlanNegation is not a Credit: it only cancels
 * the on-demand cost of covered usage, and its EffectiveCost is 0 while a
 * Credit's must equal its BilledCost, so it is an Adjustment.
 */
const CHARGE_CATEGORY = new Map<string, string>([
  ...['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'].map(
    t => [t, 'Usage'] as const,
  ),
  ['Tax', 'Tax'],
  ...[
    'Credit',
    'Refund',
    'Discount',
    'BundledDiscount',
    'EdpDiscount',
    'PrivateRateDiscount',
  ].map(t => [t, 'Credit'] as const),
  ...['SppDiscount', 'DistributorDiscount'].map(t => [t, 'Credit'] as const),
  ...['Fee', 'RIFee', 'SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee'].map(
    t => [t, 'Purchase'] as const,
  ),
  ['SavingsPlanNegation', 'Adjustment'],
]);

/** Line item types whose cost is a price times an amount of usage. */
const USAGE_TYPES = new Set([
  'Usage',
  'DiscountedUsage',
  'SavingsPlanCoveredUsage',
]);

const ZERO: MoneyCell = { ok: true, value: '0' };

function mapper(header: string[], options: { currency?: string }): RowMapper {
  // CUR names are fixed-case, but exports re-saved by other tools change the case.
  const idx = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.trim().toLowerCase();
    if (!idx.has(key)) idx.set(key, i);
  });
  const col = (name: string) => idx.get(name.toLowerCase()) ?? -1;
  const missing = CUR_REQUIRED.filter(name => col(name) < 0);
  if (col('product/ProductName') < 0 && col('lineItem/ProductCode') < 0)
    missing.push('product/ProductName');
  if (missing.length > 0)
    throw new Error(`missing AWS CUR column(s) ${missing.join(', ')}`);

  // `resourceTags/user:team` is the user tag `team`; AWS-generated tags keep
  // their `aws:` prefix, as FOCUS asks of provider-defined keys.
  const tagColumns: Array<[number, string]> = [];
  header.forEach((name, i) => {
    const m = /^resourceTags\/(.+)$/i.exec(name.trim());
    if (m) tagColumns.push([i, m[1].replace(/^user:/, '')]);
  });

  const c = {
    start: col('lineItem/UsageStartDate'),
    end: col('lineItem/UsageEndDate'),
    billingStart: col('bill/BillingPeriodStartDate'),
    unblended: col('lineItem/UnblendedCost'),
    type: col('lineItem/LineItemType'),
    currency: col('lineItem/CurrencyCode'),
    payer: col('bill/PayerAccountId'),
    account: col('lineItem/UsageAccountId'),
    accountName: col('lineItem/UsageAccountName'),
    productName: col('product/ProductName'),
    productCode: col('lineItem/ProductCode'),
    region: col('product/region'),
    regionCode: col('product/regionCode'),
    resourceId: col('lineItem/ResourceId'),
    usageType: col('lineItem/UsageType'),
    sku: col('product/sku'),
    usageAmount: col('lineItem/UsageAmount'),
    pricingUnit: col('pricing/unit'),
    publicOnDemand: col('pricing/publicOnDemandCost'),
    riEffective: col('reservation/EffectiveCost'),
    riArn: col('reservation/ReservationARN'),
    riUnusedUpfront: col(
      'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
    ),
    riUnusedRecurring: col('reservation/UnusedRecurringFee'),
    spEffective: col('savingsPlan/SavingsPlanEffectiveCost'),
    spArn: col('savingsPlan/SavingsPlanARN'),
    spTotalCommitment: col('savingsPlan/TotalCommitmentToDate'),
    spUsedCommitment: col('savingsPlan/UsedCommitment'),
  };
  const get = (fields: string[], i: number) =>
    i >= 0 ? cell(fields[i]) : undefined;
  /**
   * An amortization column: undefined when the report does not have it; an
   * empty cell is 0, which is how CUR writes "nothing unused" on fee rows.
   */
  const amount = (
    fields: string[],
    i: number,
    name: string,
  ): MoneyCell | undefined => {
    if (i < 0) return undefined;
    return get(fields, i) === undefined ? ZERO : moneyCell(name, fields[i]);
  };

  return fields => {
    if (fields.length !== header.length) {
      return `row has ${fields.length} fields, the header has ${header.length}`;
    }
    const type = get(fields, c.type) ?? '';
    if (!type) return 'lineItem/LineItemType is empty';
    // UnblendedCost, not NetUnblendedCost: discounts arrive as their own line
    // items, so the net columns would count them twice. The sum matches the invoice.
    const billed = moneyCell('lineItem/UnblendedCost', fields[c.unblended]);
    if (!billed.ok) return billed.reason;

    // Amortized cost as in the AWS CUR query library: covered usage carries its
    // share of the commitment, fees carry only their unused part, and the
    // upfront fees and the negation rows carry nothing.
    let effective: MoneyCell | undefined;
    if (type === 'SavingsPlanCoveredUsage') {
      effective = amount(
        fields,
        c.spEffective,
        'savingsPlan/SavingsPlanEffectiveCost',
      );
    } else if (type === 'DiscountedUsage') {
      effective = amount(fields, c.riEffective, 'reservation/EffectiveCost');
    } else if (
      type === 'SavingsPlanNegation' ||
      type === 'SavingsPlanUpfrontFee'
    ) {
      effective = ZERO;
    } else if (type === 'SavingsPlanRecurringFee') {
      const total = amount(
        fields,
        c.spTotalCommitment,
        'savingsPlan/TotalCommitmentToDate',
      );
      const used = amount(
        fields,
        c.spUsedCommitment,
        'savingsPlan/UsedCommitment',
      );
      if (total && !total.ok) return total.reason;
      if (used && !used.ok) return used.reason;
      if (total?.ok && used?.ok)
        effective = combine(total.value, used.value, -1);
    } else if (type === 'RIFee') {
      const upfront = amount(
        fields,
        c.riUnusedUpfront,
        'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
      );
      const recurring = amount(
        fields,
        c.riUnusedRecurring,
        'reservation/UnusedRecurringFee',
      );
      if (upfront && !upfront.ok) return upfront.reason;
      if (recurring && !recurring.ok) return recurring.reason;
      if (upfront?.ok && recurring?.ok)
        effective = combine(upfront.value, recurring.value, 1);
    } else if (type === 'Fee' && get(fields, c.riArn)) {
      effective = ZERO; // the upfront payment of a reservation, spread over DiscountedUsage
    }
    effective ??= billed;
    if (!effective.ok) return effective.reason;

    // publicOnDemandCost is the list price times the usage; it is only that on
    // usage rows (tax rows carry 0 there). Elsewhere there is no unit price and
    // FOCUS makes ListCost equal BilledCost. Negation rows only cancel a covered
    // usage row's cost, so they add nothing to list or contracted cost.
    let list = billed.value;
    if (type === 'SavingsPlanNegation') {
      list = '0';
    } else if (
      USAGE_TYPES.has(type) &&
      get(fields, c.publicOnDemand) !== undefined
    ) {
      const onDemand = moneyCell(
        'pricing/publicOnDemandCost',
        fields[c.publicOnDemand],
      );
      if (!onDemand.ok) return onDemand.reason;
      list = onDemand.value;
    }
    // On Usage and SavingsPlanCoveredUsage rows UnblendedCost is the account's
    // own rate times the usage, i.e. the contracted cost before discount rows;
    // on RI-covered usage it is 0, so the list cost stands in.
    const contracted =
      type === 'Usage' || type === 'SavingsPlanCoveredUsage'
        ? billed.value
        : list;

    const checkedCurrency = currencyCell(
      'lineItem/CurrencyCode',
      get(fields, c.currency),
      options.currency,
    );
    if (!checkedCurrency.ok) return checkedCurrency.reason;
    const currency = checkedCurrency.value;

    const startText = get(fields, c.start);
    const checkedStart = timestampCell('lineItem/UsageStartDate', startText);
    if (!checkedStart.ok) return checkedStart.reason;
    const start = checkedStart.value;
    const endText = get(fields, c.end);
    const checkedEnd = timestampCell('lineItem/UsageEndDate', endText);
    if (!checkedEnd.ok) return checkedEnd.reason;
    const end = checkedEnd.value;
    if (end < start)
      return `lineItem/UsageEndDate (${endText}) is before lineItem/UsageStartDate (${startText})`;

    let billingPeriodStart = `${utcDay(start).slice(0, 8)}01`;
    const billingText = get(fields, c.billingStart);
    if (billingText) {
      const b = parseTimestamp(billingText);
      if (b === undefined)
        return `bill/BillingPeriodStartDate is not a date: '${truncate(
          billingText,
        )}'`;
      billingPeriodStart = utcDay(b);
    }

    const service = get(fields, c.productName) ?? get(fields, c.productCode);
    if (!service)
      return 'product/ProductName and lineItem/ProductCode are empty';

    let consumedQuantity: string | undefined;
    if (USAGE_TYPES.has(type) && c.usageAmount >= 0) {
      const q = quantityCell('lineItem/UsageAmount', fields[c.usageAmount]);
      if (q && !q.ok) return q.reason;
      consumedQuantity = q?.value;
    }

    const tags: Record<string, string> = {};
    for (const [i, key] of tagColumns) {
      const value = get(fields, i);
      if (value !== undefined) tags[key] = value;
    }

    let commitmentId: string | undefined;
    if (type === 'DiscountedUsage' || type === 'RIFee')
      commitmentId = get(fields, c.riArn);
    else if (type.startsWith('SavingsPlan'))
      commitmentId = get(fields, c.spArn);
    const spot = /SpotUsage/i.test(get(fields, c.usageType) ?? '');
    let pricingCategory: string | undefined;
    if (type === 'DiscountedUsage' || type === 'SavingsPlanCoveredUsage')
      pricingCategory = 'Committed';
    else if (type === 'Usage') pricingCategory = spot ? 'Dynamic' : 'Standard';

    const row: NormalizedCostRow = {
      chargePeriodStart: instantOf(start).iso,
      chargePeriodEnd: instantOf(end).iso,
      billingPeriodStart,
      billingAccountId: get(fields, c.payer) ?? 'unknown',
      subAccountId: get(fields, c.account),
      subAccountName: get(fields, c.accountName),
      providerName: 'AWS',
      serviceName: service,
      regionId: get(fields, c.region) ?? get(fields, c.regionCode),
      resourceId: get(fields, c.resourceId),
      chargeCategory: CHARGE_CATEGORY.get(type) ?? 'Adjustment',
      pricingCategory,
      skuId: get(fields, c.sku),
      commitmentDiscountId: commitmentId,
      commitmentDiscountStatus:
        pricingCategory === 'Committed' ? 'Used' : undefined,
      consumedQuantity,
      consumedUnit:
        consumedQuantity !== undefined ? get(fields, c.pricingUnit) : undefined,
      billingCurrency: currency,
      tags,
      billedCost: billed.value,
      effectiveCost: effective.value,
      listCost: list,
      contractedCost: contracted,
    };
    return row;
  };
}

/** a + sign × b, exactly, of two checked money values. */
function combine(a: string, b: string, sign: 1 | -1): MoneyCell {
  const y = sign < 0 ? Decimal.parse(b).negate() : Decimal.parse(b);
  return { ok: true, value: Decimal.parse(a).add(y).toString() };
}

/** Legacy AWS Cost and Usage Report (CUR) CSV, `category/Column` headers. */
export const awsCurFormat: CostFileFormat = {
  sourceType: 'aws-cur',
  label: 'AWS Cost and Usage Report',
  requiredColumns: CUR_DETECT,
  detect: header => {
    const names = new Set(header.map(h => h.trim().toLowerCase()));
    return CUR_DETECT.every(n => names.has(n.toLowerCase()));
  },
  createMapper: mapper,
};
