import type { Entity } from '@backstage/catalog-model';
import { addDays } from '../../model';

/** A catalog entity in the default namespace. */
export const entity = (
  kind: string,
  name: string,
  spec: object,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec,
});

/** The columns {@link costRow} fills. */
export const COST_HEADER =
  'BillingAccountId,SubAccountId,BillingCurrency,BillingPeriodStart,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost,EffectiveCost,ListCost,ProviderName,ServiceName,ResourceId,Tags';

/** One day's cost row of a FOCUS file, in USD. */
export const costRow = (
  day: string,
  fields: {
    billingAccount?: string;
    account: string;
    cost: string;
    provider?: string;
    service?: string;
    resource?: string;
    tags?: Record<string, string>;
    /** The billing period's month when not the day's. */
    period?: string;
  },
) =>
  [
    fields.billingAccount ?? 'billing-1',
    fields.account,
    'USD',
    `${fields.period ?? day.slice(0, 7)}-01`,
    day,
    addDays(day, 1),
    'Usage',
    fields.cost,
    fields.cost,
    fields.cost,
    fields.provider ?? 'AWS',
    fields.service ?? 'Amazon EC2',
    fields.resource ?? `r-${fields.account}-${fields.cost}`,
    `"${JSON.stringify(fields.tags ?? {}).replace(/"/g, '""')}"`,
  ].join(',');
