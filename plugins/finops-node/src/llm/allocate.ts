import { Decimal, NormalizedCostRow } from '@costwise/plugin-finops-common';
import type { CostRecord } from '../sources';
import { times } from './exact';
import type { LlmCostLine, LlmRowTemplate, LlmUsageLine } from './lines';

/**
 * The values of the `x_AllocatedMethodId` tag: how a row's cost was
 * obtained.
 *
 * - `usage-x-price`: its share of a billed cost line, in proportion to
 *   usage × list price of the usage lines the cost is for;
 * - `usage-quantity`: the same in proportion to quantity, where the price
 *   table does not price every line;
 * - `unmatched-cost`: a billed cost that no usage line explains (a tool
 *   call, storage, a model the usage report lacks), kept whole;
 * - `unbilled-usage`: usage whose cost is not reported (yet): zero cost.
 *
 * @public
 */
export const LLM_ALLOCATION_METHODS = {
  usageTimesPrice: 'usage-x-price',
  usageQuantity: 'usage-quantity',
  unmatchedCost: 'unmatched-cost',
  unbilledUsage: 'unbilled-usage',
} as const;

/** The parts of a split are computed to at least this many decimals (a millionth of a dollar). */
const DEFAULT_MIN_SCALE = 6;

/** A model id without its date suffix: `gpt-4o-2024-08-06` → `gpt-4o`. */
function baseModel(model: string): string {
  return model
    .toLowerCase()
    .replace(/[-@](\d{4}-\d{2}-\d{2}|\d{8}|latest)$/, '');
}

/** How well a cost line's match fits a usage line: undefined when it does not. */
function matchScore(
  match: Readonly<Record<string, string | null>>,
  dims: Readonly<Record<string, string | undefined>>,
): number | undefined {
  let score = 0;
  for (const [key, want] of Object.entries(match)) {
    const have = dims[key];
    if (want === null) {
      if (have !== undefined) return undefined;
      score += 2;
    } else if (have === want) {
      score += 2;
    } else if (
      key === 'model' &&
      have !== undefined &&
      baseModel(have) === baseModel(want)
    ) {
      score += 1;
    } else {
      return undefined;
    }
  }
  return score;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Integer weights proportional to the given non-negative decimals. */
function integerWeights(values: Decimal[]): bigint[] {
  const scale = Math.max(0, ...values.map(v => v.scale));
  return values.map(v => v.units * 10n ** BigInt(scale - v.scale));
}

function usageOrder(a: LlmUsageLine, b: LlmUsageLine): number {
  const ka = `${a.skuId}\u0000${a.resourceId ?? ''}\u0000${JSON.stringify(
    a.dims,
  )}`;
  const kb = `${b.skuId}\u0000${b.resourceId ?? ''}\u0000${JSON.stringify(
    b.dims,
  )}`;
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.source.line - b.source.line;
}

type RowBase = Omit<
  NormalizedCostRow,
  | 'billedCost'
  | 'effectiveCost'
  | 'listCost'
  | 'contractedCost'
  | 'billingCurrency'
  | 'tags'
>;

function baseRow(
  template: LlmRowTemplate,
  day: string,
  sub: { subAccountId?: string; subAccountName?: string },
): RowBase {
  return {
    chargePeriodStart: `${day}T00:00:00Z`,
    chargePeriodEnd: `${nextDay(day)}T00:00:00Z`,
    billingPeriodStart: `${day.slice(0, 7)}-01`,
    billingAccountId: template.billingAccountId,
    billingAccountName: template.billingAccountName,
    subAccountId: sub.subAccountId,
    subAccountName: sub.subAccountName,
    providerName: template.providerName,
    serviceName: template.serviceName,
    serviceCategory: template.serviceCategory ?? 'AI and Machine Learning',
    chargeCategory: 'Usage',
    pricingCategory: 'Standard',
  };
}

function money(
  billed: Decimal,
  list: Decimal,
): Pick<
  NormalizedCostRow,
  'billedCost' | 'effectiveCost' | 'listCost' | 'contractedCost'
> {
  const b = billed.toString();
  return {
    billedCost: b,
    effectiveCost: b,
    listCost: list.toString(),
    contractedCost: b,
  };
}

function usageRow(
  template: LlmRowTemplate,
  usage: LlmUsageLine,
  billed: Decimal,
  list: Decimal,
  currency: string,
  tags: Record<string, string>,
): CostRecord {
  return {
    kind: 'row',
    file: usage.source.file,
    line: usage.source.line,
    row: {
      ...baseRow(template, usage.day, usage),
      resourceId: usage.resourceId,
      resourceType: usage.resourceId ? usage.resourceType : undefined,
      skuId: usage.skuId,
      consumedQuantity: usage.quantity.toString(),
      consumedUnit: usage.unit,
      billingCurrency: currency,
      tags,
      ...money(billed, list),
    },
  };
}

/** The cost lines' shares of their usage lines, and what is left whole or unbilled. */
function allocateGroup(
  costs: LlmCostLine[],
  usage: LlmUsageLine[],
  template: LlmRowTemplate,
  minScale: number,
): CostRecord[] {
  const out: CostRecord[] = [];
  const billable = usage.filter(u => u.billable).sort(usageOrder);
  const assigned = costs.map(() => [] as LlmUsageLine[]);
  const unbilled: LlmUsageLine[] = [];
  for (const line of billable) {
    let best = -1;
    let bestScore = -1;
    costs.forEach((cost, i) => {
      if (!cost.match) return;
      const score = matchScore(cost.match, line.dims);
      if (score !== undefined && score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best < 0) unbilled.push(line);
    else assigned[best].push(line);
  }

  costs.forEach((cost, i) => {
    const lines = assigned[i];
    if (lines.length === 0) {
      out.push({
        kind: 'row',
        file: cost.source.file,
        line: cost.source.line,
        row: {
          ...baseRow(template, cost.day, cost),
          skuId: cost.skuId,
          consumedQuantity: cost.quantity,
          consumedUnit: cost.quantity ? cost.unit : undefined,
          billingCurrency: cost.currency,
          tags: {
            ...cost.tags,
            x_AllocatedMethodId: LLM_ALLOCATION_METHODS.unmatchedCost,
          },
          ...money(cost.amount, cost.listAmount ?? cost.amount),
        },
      });
      return;
    }
    const priced = lines.every(l => l.unitPrice !== undefined);
    let values = lines.map(l =>
      priced
        ? times(Decimal.fromUnits(l.quantity, 0), l.unitPrice!)
        : Decimal.fromUnits(l.quantity, 0),
    );
    let method: string = LLM_ALLOCATION_METHODS.usageTimesPrice;
    if (!priced || values.every(v => v.isZero())) {
      values = lines.map(l => Decimal.fromUnits(l.quantity, 0));
      method = LLM_ALLOCATION_METHODS.usageQuantity;
    }
    const weights = integerWeights(values);
    const shares = cost.amount.allocate(weights, minScale);
    const listShares = cost.listAmount?.allocate(weights, minScale);
    lines.forEach((line, j) => {
      const list =
        listShares?.[j] ??
        (line.unitPrice !== undefined
          ? times(Decimal.fromUnits(line.quantity, 0), line.unitPrice)
          : shares[j]);
      out.push(
        usageRow(template, line, shares[j], list, cost.currency, {
          ...cost.tags,
          ...line.tags,
          x_AllocatedMethodId: method,
        }),
      );
    });
  });

  for (const line of unbilled)
    out.push(
      usageRow(template, line, Decimal.ZERO, Decimal.ZERO, template.currency, {
        ...line.tags,
        x_AllocatedMethodId: LLM_ALLOCATION_METHODS.unbilledUsage,
      }),
    );
  for (const line of usage.filter(u => !u.billable).sort(usageOrder))
    out.push(
      usageRow(template, line, Decimal.ZERO, Decimal.ZERO, template.currency, {
        ...line.tags,
      }),
    );
  return out;
}

/**
 * Normalizes a provider's daily cost and usage reports to FOCUS rows.
 * Costs are the billed truth, reported per day and project (or workspace)
 * and line item; usage says which API keys, models and token kinds they
 * were for. Per day and project, each billable usage line goes to the cost
 * line whose `match` fits it best (the most keys equal; the first on a
 * tie), and each cost line is split across its usage lines in proportion
 * to quantity × list price. The parts are exact and add up to the cost:
 * computed to a millionth of a dollar (or the amount's finer precision),
 * the remainder going by largest remainder, ties in a fixed order. What
 * cannot be split stays visible: a cost line no usage fits is kept whole
 * as its own row, and usage no cost fits is kept with zero cost; the
 * `x_AllocatedMethodId` tag ({@link LLM_ALLOCATION_METHODS}) says which.
 * Usage lines of 0 are left out. Rows come day by day, project by project.
 *
 * @public
 */
export function allocateLlmCosts(input: {
  costs: readonly LlmCostLine[];
  usage: readonly LlmUsageLine[];
  template: LlmRowTemplate;
  /** Decimals the parts are computed to at least. Default 6. */
  minScale?: number;
}): CostRecord[] {
  const groups = new Map<
    string,
    { costs: LlmCostLine[]; usage: LlmUsageLine[] }
  >();
  const groupOf = (day: string, sub: string | undefined) => {
    const key = `${day}\u0000${sub ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { costs: [], usage: [] }));
    return group;
  };
  for (const cost of input.costs)
    groupOf(cost.day, cost.subAccountId).costs.push(cost);
  for (const line of input.usage)
    if (line.quantity > 0n)
      groupOf(line.day, line.subAccountId).usage.push(line);
  const out: CostRecord[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    out.push(
      ...allocateGroup(
        group.costs,
        group.usage,
        input.template,
        input.minScale ?? DEFAULT_MIN_SCALE,
      ),
    );
  }
  return out;
}
