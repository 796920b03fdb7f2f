import type { NormalizedCostRow } from '@costwise/plugin-finops-common';
import {
  cell,
  currencyCell,
  timestampCell,
  moneyCell,
  quantityCell,
} from '../values';
import { utcDay, instantOf } from '../instants';
import { columnIndex, CostFileFormat, RowMapper } from './types';

/** Columns that identify an OCI cost report. */
const OCI_DETECT = [
  'lineItem/tenantId',
  'lineItem/intervalUsageStart',
  'product/service',
  'cost/myCost',
];

/** Columns without which its rows cannot be read. */
const OCI_REQUIRED = [
  'lineItem/intervalUsageStart',
  'lineItem/intervalUsageEnd',
  'cost/myCost',
  'product/service',
];

function mapper(header: string[], options: { currency?: string }): RowMapper {
  const idx = columnIndex(header);
  const missing = OCI_REQUIRED.filter(name => !idx.has(name));
  if (missing.length > 0)
    throw new Error(`missing OCI cost report column(s) ${missing.join(', ')}`);
  const col = (name: string) => idx.get(name) ?? -1;
  const c = {
    start: col('lineItem/intervalUsageStart'),
    end: col('lineItem/intervalUsageEnd'),
    cost: col('cost/myCost'),
    currency: col('cost/currencyCode'),
    tenant: col('lineItem/tenantId'),
    compartmentId: col('product/compartmentId'),
    compartmentName: col('product/compartmentName'),
    service: col('product/service'),
    region: col('product/region'),
    resourceId: col('product/resourceId'),
    sku: col('cost/productSku'),
    quantity: col('usage/billedQuantity'),
    unit: col('cost/skuUnitDescription'),
    correction: col('lineItem/isCorrection'),
  };
  // One column per defined tag, `tags/<namespace>.<key>`; the tag keeps its
  // namespace, since the same key may exist in several namespaces.
  const tagColumns: Array<[number, string]> = [];
  header.forEach((name, i) => {
    const key = name.trim();
    if (key.startsWith('tags/') && key.length > 5)
      tagColumns.push([i, key.slice(5)]);
  });
  const get = (fields: string[], i: number) =>
    i >= 0 ? cell(fields[i]) : undefined;

  return fields => {
    if (fields.length !== header.length) {
      return `row has ${fields.length} fields, the header has ${header.length}`;
    }
    // The report has one cost: what the tenancy pays at its own unit prices,
    // after discounts. It has no list prices and no amortization (Universal
    // Credits are drawn down as usage), so all four measures are that cost.
    const cost = moneyCell('cost/myCost', fields[c.cost]);
    if (!cost.ok) return cost.reason;

    const checkedCurrency = currencyCell(
      'cost/currencyCode',
      get(fields, c.currency),
      options.currency,
    );
    if (!checkedCurrency.ok) return checkedCurrency.reason;
    const currency = checkedCurrency.value;

    const startText = get(fields, c.start);
    const checkedStart = timestampCell(
      'lineItem/intervalUsageStart',
      startText,
    );
    if (!checkedStart.ok) return checkedStart.reason;
    const start = checkedStart.value;
    const endText = get(fields, c.end);
    const checkedEnd = timestampCell('lineItem/intervalUsageEnd', endText);
    if (!checkedEnd.ok) return checkedEnd.reason;
    const end = checkedEnd.value;
    if (end < start) {
      return `lineItem/intervalUsageEnd (${endText}) is before lineItem/intervalUsageStart (${startText})`;
    }

    const service = get(fields, c.service);
    if (!service) return 'product/service is empty';

    let consumedQuantity: string | undefined;
    if (c.quantity >= 0) {
      const q = quantityCell('usage/billedQuantity', fields[c.quantity]);
      if (q && !q.ok) return q.reason;
      consumedQuantity = q?.value;
    }

    const tags: Record<string, string> = {};
    for (const [i, key] of tagColumns) {
      const value = get(fields, i);
      if (value !== undefined) tags[key] = value;
    }

    const row: NormalizedCostRow = {
      chargePeriodStart: instantOf(start).iso,
      chargePeriodEnd: instantOf(end).iso,
      // OCI bills by calendar month and the report has no billing period column.
      billingPeriodStart: `${utcDay(start).slice(0, 8)}01`,
      billingAccountId: get(fields, c.tenant) ?? 'unknown',
      subAccountId: get(fields, c.compartmentId),
      subAccountName: get(fields, c.compartmentName),
      providerName: 'Oracle',
      serviceName: service,
      regionId: get(fields, c.region),
      resourceId: get(fields, c.resourceId),
      // Cost reports hold usage only; corrections re-state earlier usage rows.
      chargeCategory: 'Usage',
      chargeClass:
        get(fields, c.correction)?.toLowerCase() === 'true'
          ? 'Correction'
          : undefined,
      skuId: get(fields, c.sku),
      consumedQuantity,
      consumedUnit:
        consumedQuantity !== undefined ? get(fields, c.unit) : undefined,
      billingCurrency: currency,
      tags,
      billedCost: cost.value,
      effectiveCost: cost.value,
      listCost: cost.value,
      contractedCost: cost.value,
    };
    return row;
  };
}

/** Oracle Cloud Infrastructure cost report CSV. */
export const ociFormat: CostFileFormat = {
  sourceType: 'oci',
  label: 'OCI cost report',
  requiredColumns: OCI_DETECT,
  detect: header => {
    const names = new Set(header.map(h => h.trim()));
    return OCI_DETECT.every(n => names.has(n));
  },
  createMapper: mapper,
};
