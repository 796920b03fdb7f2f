import type { Entity } from '@backstage/catalog-model';
import { addDays } from '../../model';
import { mulberry32 } from '../../model/prng';

const entity = (
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

/**
 * A team with a system of three services: `cart` (an instance and a
 * function), `api` (weekend dips) and `search` (twenty instances), and
 * another team's `billing` service outside the system.
 */
export const anomalyCatalog: Entity[] = [
  entity('Group', 'shop-team', { type: 'team', children: [] }),
  entity('Group', 'billing-team', { type: 'team', children: [] }),
  entity('System', 'shop', { owner: 'group:default/shop-team' }),
  ...['cart', 'api', 'search'].map(name =>
    entity(
      'Component',
      name,
      { type: 'service', owner: 'group:default/shop-team', system: 'shop' },
      { 'costwise.dev/tags': `application=${name}` },
    ),
  ),
  entity(
    'Component',
    'billing',
    { type: 'service', owner: 'group:default/billing-team' },
    { 'costwise.dev/tags': 'application=billing' },
  ),
];

const HEADER =
  'BillingAccountId,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ProviderName,ServiceName,RegionId,ResourceId,SkuId,ConsumedQuantity,ConsumedUnit,SubAccountId,Tags';

/** What the generated cost holds, by day. */
export interface ShopCostPlan {
  /** The first and last day. */
  start: string;
  days: number;
  /** The cart function's requests ×30 on this day (its usage, at the same price). */
  cartSpike?: string;
  /** One search instance costs this much more a day from this day on (hidden in search's large total). */
  searchStep?: { from: string; extra: number };
  /** A day on which billing costs 3 dollars more (a wobble). */
  billingWobble?: string;
  /** A day on which billing costs 3,000 dollars more. */
  billingJump?: string;
}

/**
 * Daily FOCUS rows of the shop: cart's instance (100 a day) and function
 * (20 a day, 1,000,000 requests at 0.00002), api's instance (300 on
 * weekdays, 90 on weekends), search's twenty instances (100 each) and
 * billing's (200), each with ±1% noise, plus the anomalies of the plan.
 */
export function shopCosts(plan: ShopCostPlan): string {
  const rand = mulberry32(11);
  const noise = () => 1 + (rand() - 0.5) * 0.02;
  const lines = [HEADER];
  const row = (
    day: string,
    service: string,
    resource: string,
    app: string,
    cost: number,
    sku = '',
    quantity = '',
    unit = '',
  ) =>
    lines.push(
      [
        '111',
        'USD',
        day,
        addDays(day, 1),
        cost.toFixed(6),
        cost.toFixed(6),
        'AWS',
        service,
        'eu-west-1',
        resource,
        sku,
        quantity,
        unit,
        '222',
        `"{""application"": ""${app}""}"`,
      ].join(','),
    );
  for (let i = 0; i < plan.days; i++) {
    const day = addDays(plan.start, i);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    row(day, 'Amazon EC2', 'i-cart', 'cart', 100 * noise());
    const requests = Math.round(
      1_000_000 * noise() * (day === plan.cartSpike ? 30 : 1),
    );
    row(
      day,
      'AWS Lambda',
      'fn-cart',
      'cart',
      requests * 0.00002,
      'Lambda-Requests',
      String(requests),
      'Requests',
    );
    row(day, 'Amazon EC2', 'i-api', 'api', (weekend ? 90 : 300) * noise());
    for (let s = 0; s < 20; s++) {
      const step =
        s === 7 && plan.searchStep && day >= plan.searchStep.from
          ? plan.searchStep.extra
          : 0;
      row(day, 'Amazon EC2', `i-search-${s}`, 'search', 100 * noise() + step);
    }
    const billing =
      200 * noise() +
      (day === plan.billingWobble ? 3 : 0) +
      (day === plan.billingJump ? 3000 : 0);
    row(day, 'Amazon RDS', 'db-billing', 'billing', billing);
  }
  return lines.join('\n');
}
