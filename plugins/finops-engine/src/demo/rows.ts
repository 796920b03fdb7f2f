import { BillingAccount, billingAccountFor, subAccountName } from './accounts';
import { Commitment, DemoRow, monthBounds } from './focusCsv';
import { cost, dec, Dec, discounted, percentOf, whole } from './money';
import { REGION_NAMES } from './regions';
import { rngFor } from '../model/prng';
import type { Series } from './series';

/** Percent off list that the savings plan rate gives. */
const SAVINGS_PLAN_PERCENT_OFF = 28;
/** The plan is sized slightly above the steady usage it covers, so some of it goes unused every day. */
const SAVINGS_PLAN_HEADROOM = 1.05;
/** A promotional credit granted on the first day of each month, in USD. */
const MONTHLY_PROMO_CREDIT = 400;

export interface RowContext {
  seed: number;
  start: number;
  end: number;
  series: Series[];
  /** How many rows one series-day is written as (1 unless a row target asks for more). */
  parts(series: Series, day: number): number;
}

const isWeekend = (day: number) => {
  const dow = (day + 4) % 7;
  return dow === 0 || dow === 6;
};

/** The day's consumed quantity of a series, in units of 10^-qScale. */
export function quantityUnits(ctx: RowContext, s: Series, day: number): bigint {
  if (s.firstDay !== undefined && day < s.firstDay) return 0n;
  const r = rngFor(ctx.seed, s.key, day)();
  const before = ctx.end - day;
  const trend = (rate: number) => Math.max(0.2, 1 - rate * before);
  let f: number;
  switch (s.meter.pattern) {
    case 'hours':
      f = 1;
      break;
    case 'web':
      f = (isWeekend(day) ? 0.72 : 1) * trend(0.0015) * (0.94 + 0.12 * r);
      break;
    case 'batch':
      f = (isWeekend(day) ? 0.35 : 1) * trend(0.001) * (0.8 + 0.4 * r);
      break;
    case 'storage':
      f = trend(0.002) * (0.995 + 0.01 * r);
      break;
    case 'office':
      f = isWeekend(day) ? 0.1 : 0.55 + 0.3 * r;
      break;
    default:
      f = 1;
  }
  if (s.spike?.day === day) f *= s.spike.factor;
  if (s.resize && day >= s.resize.day) f *= s.resize.factor;
  return BigInt(Math.round(s.daily * f * 10 ** (s.meter.qScale ?? 2)));
}

interface Prices {
  list: Dec;
  contracted: Dec;
  savingsPlan: Dec;
  pricingScale: number;
}

const priceCache = new WeakMap<Series, Prices>();

function prices(s: Series): Prices {
  let p = priceCache.get(s);
  if (!p) {
    const pricingScale = (s.meter.qScale ?? 2) + (s.meter.blockExp ?? 0);
    const list = dec(s.meter.price);
    p = {
      list,
      contracted: discounted(list, s.discountPercent, pricingScale),
      savingsPlan: discounted(list, SAVINGS_PLAN_PERCENT_OFF, pricingScale),
      pricingScale,
    };
    priceCache.set(s, p);
  }
  return p;
}

function usageRow(
  s: Series,
  day: number,
  units: bigint,
  commitment?: Commitment,
): DemoRow {
  const p = prices(s);
  const exp = s.meter.blockExp ?? 0;
  const consumed = { units, scale: s.meter.qScale ?? 2 };
  const pricing = { units, scale: p.pricingScale };
  const contracted = cost(p.contracted, pricing);
  return {
    day,
    account: s.account,
    chargeCategory: 'Usage',
    chargeFrequency: 'Usage-Based',
    chargeDescription: `${s.serviceName} ${s.meter.meter}`,
    pricingCategory: commitment ? 'Committed' : 'Standard',
    subAccountId: s.subAccountId,
    subAccountName: s.subAccountId && subAccountName(s.subAccountId),
    serviceName: s.serviceName,
    serviceCategory: s.serviceCategory,
    serviceSubcategory: s.serviceSubcategory,
    regionId: s.regionId,
    regionName: s.regionId && REGION_NAMES[s.regionId],
    resourceId: s.resourceId,
    resourceName: s.resourceName,
    resourceType: s.resourceType,
    skuId: s.skuId,
    skuPriceId: `${s.skuId}:${s.meter.unit}`,
    skuMeter: s.meter.meter,
    consumedQuantity: consumed,
    consumedUnit: s.meter.unit,
    pricingQuantity: pricing,
    pricingUnit: exp > 0 ? `${10 ** exp} ${s.meter.unit}` : s.meter.unit,
    listUnitPrice: p.list,
    contractedUnitPrice: p.contracted,
    billed: commitment ? 0n : contracted,
    effective: commitment ? cost(p.savingsPlan, pricing) : contracted,
    list: cost(p.list, pricing),
    contracted,
    commitment,
    tags: s.tags,
    model: s.meter.model,
  };
}

/** A row that is only an amount: purchases, credits, tax, unused commitment. */
function amountRow(
  base: Omit<DemoRow, 'billed' | 'effective' | 'list' | 'contracted'>,
  amount: bigint,
  effective = amount,
): DemoRow {
  return {
    ...base,
    billed: amount,
    effective,
    list: amount,
    contracted: amount,
  };
}

/** Splits a quantity into `parts` near-equal integer parts that add up to it exactly. */
function split(units: bigint, parts: number): bigint[] {
  const n = BigInt(Math.max(1, Math.min(parts, Number(units))));
  const base = units / n;
  const extra = units % n;
  return Array.from(
    { length: Number(n) },
    (_, i) => base + (BigInt(i) < extra ? 1n : 0n),
  );
}

/** The savings plan: its identity, the owning account, and its exact daily amount. */
function savingsPlan(ctx: RowContext) {
  const covered = ctx.series.filter(s => s.covered);
  if (covered.length === 0) return undefined;
  const daily = covered.reduce(
    (sum, s) =>
      sum +
      cost(prices(s).savingsPlan, {
        units: BigInt(Math.round(s.daily * 10 ** (s.meter.qScale ?? 2))),
        scale: prices(s).pricingScale,
      }),
    0n,
  );
  // a whole number of tenths of a cent per hour, as plans are bought
  const step = 10n ** 7n;
  const hourly =
    ((daily * BigInt(Math.round(SAVINGS_PLAN_HEADROOM * 100))) / 2400n / step +
      1n) *
    step;
  const account = billingAccountFor('AWS');
  const commitment: Commitment = {
    id: `arn:aws:savingsplans::${account.id}:savingsplan/3f1c9a7e-2b4d-4e8f-9a1c-5d7e0b2f4a68`,
    name: 'Compute Savings Plan, 1 year, no upfront',
    type: 'Compute Savings Plan',
    category: 'Spend',
  };
  return {
    commitment,
    daily: hourly * 24n,
    account,
    subAccountId: covered[0].subAccountId,
  };
}

function taxRows(day: number, sums: Map<BillingAccount, bigint[]>): DemoRow[] {
  const rows: DemoRow[] = [];
  for (const [account, [billed, effective, list, contracted]] of sums) {
    if (!account.taxPercent) continue;
    const pct = account.taxPercent;
    rows.push({
      day,
      account,
      chargeCategory: 'Tax',
      chargeFrequency: 'Recurring',
      chargeDescription: account.taxDescription,
      serviceName: 'Tax',
      serviceCategory: 'Other',
      billed: percentOf(billed, pct),
      effective: percentOf(effective, pct),
      list: percentOf(list, pct),
      contracted: percentOf(contracted, pct),
    });
  }
  return rows;
}

/** Every charge of the data set, day by day, in a fixed order. */
export function* demoRows(ctx: RowContext): Generator<DemoRow> {
  const plan = savingsPlan(ctx);
  const aws = billingAccountFor('AWS');
  for (let day = ctx.start; day <= ctx.end; day++) {
    const sums = new Map<BillingAccount, bigint[]>();
    const add = (r: DemoRow) => {
      const s = sums.get(r.account) ?? [0n, 0n, 0n, 0n];
      sums.set(r.account, [
        s[0] + r.billed,
        s[1] + r.effective,
        s[2] + r.list,
        s[3] + r.contracted,
      ]);
      return r;
    };
    const [monthStart, monthEnd] = monthBounds(day);
    if (day === ctx.start || day === monthStart) {
      // the plan's monthly fee covers exactly the days of the month in the data, so that its
      // amortized usage adds up to what was billed for it
      const days = BigInt(Math.min(monthEnd - 1, ctx.end) - day + 1);
      if (plan) {
        yield add(
          amountRow(
            {
              day,
              account: plan.account,
              chargeCategory: 'Purchase',
              chargeFrequency: 'Recurring',
              chargeDescription: `${plan.commitment.name}, ${days} days`,
              subAccountId: plan.subAccountId,
              subAccountName:
                plan.subAccountId && subAccountName(plan.subAccountId),
              serviceName: 'Savings Plans for AWS Compute usage',
              serviceCategory: 'Compute',
              resourceId: plan.commitment.id,
              resourceName: plan.commitment.name,
              resourceType: 'Savings Plan',
              commitment: plan.commitment,
            },
            plan.daily * days,
            0n,
          ),
        );
      }
      if (ctx.series.some(s => s.account === aws)) {
        yield add(
          amountRow(
            {
              day,
              account: aws,
              chargeCategory: 'Credit',
              chargeFrequency: 'One-Time',
              chargeDescription: 'AWS Activate promotional credit',
              subAccountId: plan?.subAccountId,
              subAccountName:
                plan?.subAccountId && subAccountName(plan.subAccountId),
              serviceName: 'Amazon Elastic Compute Cloud',
              serviceCategory: 'Compute',
            },
            -whole(MONTHLY_PROMO_CREDIT),
          ),
        );
      }
    }

    let planLeft = plan?.daily ?? 0n;
    for (const s of ctx.series) {
      const units = quantityUnits(ctx, s, day);
      if (units === 0n) continue;
      let commitment: Commitment | undefined;
      if (plan && s.covered) {
        const needed = cost(prices(s).savingsPlan, {
          units,
          scale: prices(s).pricingScale,
        });
        if (needed <= planLeft) {
          planLeft -= needed;
          commitment = { ...plan.commitment, status: 'Used' };
        }
      }
      let billed = 0n;
      for (const part of split(units, ctx.parts(s, day))) {
        const row = add(usageRow(s, day, part, commitment));
        billed += row.billed;
        yield row;
      }
      if (s.creditPercent && billed > 0n) {
        yield add(
          amountRow(
            {
              day,
              account: s.account,
              chargeCategory: 'Credit',
              chargeFrequency: 'Usage-Based',
              chargeDescription: 'Sustained use discount',
              subAccountId: s.subAccountId,
              subAccountName: s.subAccountId && subAccountName(s.subAccountId),
              serviceName: s.serviceName,
              serviceCategory: s.serviceCategory,
              regionId: s.regionId,
              regionName: s.regionId && REGION_NAMES[s.regionId],
              resourceId: s.resourceId,
              resourceName: s.resourceName,
              resourceType: s.resourceType,
            },
            -percentOf(billed, s.creditPercent),
          ),
        );
      }
    }
    if (plan && planLeft > 0n) {
      const row = amountRow(
        {
          day,
          account: plan.account,
          chargeCategory: 'Usage',
          chargeFrequency: 'Usage-Based',
          pricingCategory: 'Committed',
          chargeDescription: `Unused ${plan.commitment.name}`,
          subAccountId: plan.subAccountId,
          subAccountName:
            plan.subAccountId && subAccountName(plan.subAccountId),
          serviceName: 'Savings Plans for AWS Compute usage',
          serviceCategory: 'Compute',
          resourceId: plan.commitment.id,
          resourceName: plan.commitment.name,
          resourceType: 'Savings Plan',
          commitment: { ...plan.commitment, status: 'Unused' },
        },
        0n,
        planLeft,
      );
      yield add({ ...row, list: 0n, contracted: 0n });
    }
    yield* taxRows(day, sums);
  }
}
