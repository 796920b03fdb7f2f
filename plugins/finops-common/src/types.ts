/** The four FOCUS cost measures Costwise stores. @public */
export const COST_MEASURES = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
] as const;

/** One of the FOCUS cost measures. @public */
export type CostMeasure = (typeof COST_MEASURES)[number];

/** Source types built into the backend; modules may add more. @public */
export const BUILTIN_SOURCE_TYPES = [
  'focus',
  'aws-cur',
  'azure-export',
  'oci',
] as const;

/**
 * One cost line normalized to FOCUS, as every reader produces it.
 * Money is carried as exact decimal strings.
 *
 * @public
 */
export interface NormalizedCostRow {
  chargePeriodStart: string; // ISO-8601 UTC instant
  chargePeriodEnd: string;
  billingPeriodStart: string; // YYYY-MM-DD
  billingAccountId: string;
  billingAccountName?: string;
  subAccountId?: string;
  subAccountName?: string;
  providerName: string;
  serviceName: string;
  serviceCategory?: string;
  regionId?: string;
  resourceId?: string;
  resourceName?: string;
  resourceType?: string;
  chargeCategory: string;
  chargeClass?: string;
  pricingCategory?: string;
  skuId?: string;
  commitmentDiscountId?: string;
  commitmentDiscountStatus?: string;
  consumedQuantity?: string;
  consumedUnit?: string;
  billingCurrency: string;
  tags: Record<string, string>;
  billedCost: string;
  effectiveCost: string;
  listCost: string;
  contractedCost: string;
}

/** A row a reader could not accept, with where and why. @public */
export interface RejectedRow {
  file: string;
  line: number;
  reason: string;
}

/** Exact totals per measure, as decimal strings. @public */
export type MeasureTotals = Record<CostMeasure, string>;

/** What reading (and possibly storing) a set of files produced. @public */
export interface IngestionSummary {
  rows: number;
  accepted: number;
  rejected: number;
  rejections: RejectedRow[];
  /** Exact totals per currency and measure of the accepted rows. */
  totals: Record<string, MeasureTotals>;
  billingPeriods: string[];
  providers: Record<string, number>;
}

/** A recorded ingestion run. @public */
export interface IngestionRun extends IngestionSummary {
  id: string;
  sourceId: string;
  files: string[];
  status: 'running' | 'succeeded' | 'failed';
  error?: string;
  startedAt: string;
  finishedAt?: string;
  /** Exact totals per currency and measure stored for the ingested periods. */
  storedTotals: Record<string, MeasureTotals>;
  /** Rejections beyond the recorded ones. */
  rejectionsTruncated: number;
}
