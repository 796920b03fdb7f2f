import {
  COST_MEASURES,
  Decimal,
  MeasureTotals,
} from '@costwise/plugin-finops-common';
import { ExactSum } from './exactSum';

/** The dimensions of a fact group, as stored.
 *
 * @public
 */
export interface FactGroup {
  keyHash: string;
  billingAccountId: string;
  subAccountId?: string;
  subAccountName?: string;
  provider: string;
  serviceName: string;
  serviceCategory?: string;
  region?: string;
  resourceId?: string;
  resourceName?: string;
  resourceType?: string;
  chargeCategory: string;
  pricingCategory?: string;
  skuId?: string;
  commitmentId?: string;
  commitmentStatus?: string;
  consumedUnit?: string;
  currency: string;
  /** Canonical JSON of the tags (keys sorted). */
  tags: string;
}

/** Exact sums of one day of one fact group.
 *
 * @public
 */
export interface DailyFact {
  billingPeriod: string;
  day: string;
  keyHash: string;
  billedCost: ExactSum;
  effectiveCost: ExactSum;
  listCost: ExactSum;
  contractedCost: ExactSum;
  consumedQuantity: ExactSum;
  rowCount: number;
}

/**
 * Running sums per currency and measure.
 *
 * @public
 */
export class CurrencyTotals {
  private readonly sums = new Map<string, ExactSum[]>();

  /** The running sums of one currency, one per cost measure. */
  of(currency: string): ExactSum[] {
    let sums = this.sums.get(currency);
    if (!sums) {
      sums = COST_MEASURES.map(() => new ExactSum());
      this.sums.set(currency, sums);
    }
    return sums;
  }

  add(currency: string, values: Decimal[]) {
    const sums = this.of(currency);
    for (let i = 0; i < values.length; i++) sums[i].addDecimal(values[i]);
  }

  toJSON(): Record<string, MeasureTotals> {
    const out: Record<string, MeasureTotals> = {};
    for (const currency of [...this.sums.keys()].sort()) {
      const sums = this.sums.get(currency)!;
      out[currency] = Object.fromEntries(
        COST_MEASURES.map((m, i) => [m, sums[i].toString()]),
      ) as MeasureTotals;
    }
    return out;
  }
}
