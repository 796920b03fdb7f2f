import {
  AnomalyDimension,
  AnomalyNewResource,
  AnomalyRootCause,
  AnomalyUsagePrice,
  Decimal,
} from '@costwise/plugin-finops-common';
import { ExactSum } from '../model';
import type { AnomalyRow, FactQuantity } from '../stores';
import type { AnomalyGroup } from './data';
import type { Candidate } from './series';
import { describeAnomaly } from './wording';

/**
 * The exact figures and the explanation of one anomaly: its cost on the
 * anomalous days summed exactly from the rows, and the change of each value
 * of each dimension against the same weekdays of the weeks before.
 */
export interface ExplainedFigures {
  days: string[];
  expected: string;
  actual: string;
  impact: string;
  peakImpact: string;
  score: number;
  rootCauses: AnomalyRootCause[];
  newResources: AnomalyNewResource[];
  usageVsPrice?: AnomalyUsagePrice;
  explanation: string;
  resourceId: string | null;
  groupKey: string | null;
}

/**
 * Root causes rank by contribution, a coarse dimension's value below a
 * finer one's that explains most of it (a resource before its account or
 * region), and a value that only says what is missing ("(no resource id)")
 * below a named one.
 */
const DIMENSION_WEIGHT: Record<AnomalyDimension, number> = {
  resource: 1,
  entity: 1,
  service: 0.99,
  sku: 0.95,
  region: 0.8,
  account: 0.8,
  chargeCategory: 0.75,
};
const UNNAMED_WEIGHT = 0.5;

function rank(cause: AnomalyRootCause): number {
  return (
    Number(cause.contribution) *
    DIMENSION_WEIGHT[cause.dimension] *
    (cause.value.startsWith('(no ') ? UNNAMED_WEIGHT : 1)
  );
}

/** Root causes are listed in this order when their ranks tie. */
const DIMENSION_ORDER: AnomalyDimension[] = [
  'resource',
  'service',
  'entity',
  'sku',
  'region',
  'account',
  'chargeCategory',
];
const LINE_DIMENSIONS = new Set<AnomalyDimension>([
  'resource',
  'service',
  'sku',
]);
const MAX_PER_DIMENSION = 3;
const MAX_ROOT_CAUSES = 12;
const MAX_NEW_RESOURCES = 10;

/** Sums of one value: exact on the anomalous days, and on the reference days per divisor. */
class ValueSums {
  actual = new ExactSum();
  /** Reference amounts by the number of reference days of the anomalous day they stand for. */
  reference = new Map<number, ExactSum>();
  /** Whether it had cost on a reference day before the episode began. */
  seenBefore = false;

  /** The reference amounts averaged per anomalous day and summed. */
  expected(): Decimal {
    let out = Decimal.ZERO;
    for (const [k, sum] of this.reference)
      out = out.add(sum.toDecimal().divide(Decimal.parse(String(k)), 12));
    return out;
  }
}

function dimensionValues(
  group: AnomalyGroup | undefined,
  via: string | undefined,
): Array<[AnomalyDimension, string]> {
  const out: Array<[AnomalyDimension, string]> = [
    ['service', group?.serviceName || '(no service)'],
    [
      'resource',
      group?.resourceId || group?.resourceName || '(no resource id)',
    ],
    ['region', group?.region || '(no region)'],
    ['sku', group?.skuId || '(no SKU)'],
    [
      'account',
      group?.subAccountId || group?.billingAccountId || '(no account)',
    ],
    ['chargeCategory', group?.chargeCategory || 'Usage'],
  ];
  if (via) out.push(['entity', via]);
  return out;
}

const cents = (d: Decimal) => Decimal.parse(d.toFixed(2));
const money2 = (n: number) => Decimal.parse(n.toFixed(2));

/**
 * Explains one candidate from the rows of its scope (the entity's members'
 * allocations, or the one fact group's on the entity) on its anomalous and
 * reference days, in its currency.
 */
export function explainCandidate(options: {
  candidate: Candidate;
  days: string[];
  weeks: number;
  rows: AnomalyRow[];
  groups: Map<string, AnomalyGroup>;
  /** Member → the direct child it rolls up through, for a rollup's `entity` root causes. */
  via?: Map<string, string>;
  quantities: Map<string, FactQuantity>;
  currency: string;
  measure: string;
}): ExplainedFigures {
  const { candidate, days, weeks, rows, groups, via } = options;
  const flagged = candidate.episode.days;
  const flaggedIndex = new Set(flagged.map(d => d.index));
  const firstFlagged = flagged[0].index;
  // reference day index → the divisors (reference days) of the anomalous days it stands for
  const referenceOf = new Map<number, number[]>();
  for (const d of flagged) {
    const refs: number[] = [];
    for (let k = 1; k <= weeks; k++)
      if (d.index - 7 * k >= 0) refs.push(d.index - 7 * k);
    for (const r of refs) {
      let list = referenceOf.get(r);
      if (!list) referenceOf.set(r, (list = []));
      list.push(refs.length);
    }
  }
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const perDay = new Map<number, ExactSum>();
  const byDimension = new Map<AnomalyDimension, Map<string, ValueSums>>();
  const byGroup = new Map<string, ValueSums>();
  const groupQuantities = new Map<
    string,
    { q1: number; q0: Map<number, number> }
  >();
  const sumsOf = (dimension: AnomalyDimension, value: string) => {
    let values = byDimension.get(dimension);
    if (!values) byDimension.set(dimension, (values = new Map()));
    let sums = values.get(value);
    if (!sums) values.set(value, (sums = new ValueSums()));
    return sums;
  };
  for (const row of rows) {
    const i = dayIndex.get(row.day);
    if (i === undefined) continue;
    const isFlagged = flaggedIndex.has(i);
    const divisors = referenceOf.get(i);
    if (!isFlagged && !divisors) continue;
    const amount = Decimal.parse(row.amount);
    const group = groups.get(row.groupId);
    const targets: ValueSums[] = dimensionValues(
      group,
      via ? via.get(row.entityRef) ?? row.entityRef : undefined,
    ).map(([dimension, value]) => sumsOf(dimension, value));
    let g = byGroup.get(row.groupId);
    if (!g) byGroup.set(row.groupId, (g = new ValueSums()));
    targets.push(g);
    const fact = options.quantities.get(`${row.groupId}|${row.day}`);
    const cost = fact ? Number(fact.cost) : 0;
    const quantity =
      fact && cost !== 0
        ? (Number(fact.quantity) * Number(row.amount)) / cost
        : undefined;
    let q = groupQuantities.get(row.groupId);
    if (quantity !== undefined && !q)
      groupQuantities.set(row.groupId, (q = { q1: 0, q0: new Map() }));
    if (isFlagged) {
      let day = perDay.get(i);
      if (!day) perDay.set(i, (day = new ExactSum()));
      day.addDecimal(amount);
      for (const t of targets) t.actual.addDecimal(amount);
      if (q && quantity !== undefined) q.q1 += quantity;
    }
    if (divisors && i < firstFlagged && !amount.isZero())
      for (const t of targets) t.seenBefore = true;
    for (const k of divisors ?? []) {
      for (const t of targets) {
        let sum = t.reference.get(k);
        if (!sum) t.reference.set(k, (sum = new ExactSum()));
        sum.addDecimal(amount);
      }
      if (q && quantity !== undefined)
        q.q0.set(k, (q.q0.get(k) ?? 0) + quantity);
    }
  }

  let actual = Decimal.ZERO;
  let expectedNumber = 0;
  let peak: Decimal | undefined;
  let score = 0;
  for (const d of flagged) {
    const dayActual = perDay.get(d.index)?.toDecimal() ?? Decimal.ZERO;
    actual = actual.add(dayActual);
    expectedNumber += d.expected;
    const rise = dayActual.sub(money2(d.expected));
    if (!peak || rise.compare(peak) > 0) peak = rise;
    score = Math.max(score, d.score);
  }
  const expected = money2(expectedNumber);
  const impact = actual.sub(expected);

  // root causes: per dimension, the values that rose most
  const rootCauses: AnomalyRootCause[] = [];
  const floor = impact.abs().toNumber() * 0.05;
  const resourceScope = candidate.scope === 'resource';
  for (const dimension of DIMENSION_ORDER) {
    const values = byDimension.get(dimension);
    if (!values) continue;
    const named = [...values.keys()].filter(v => !v.startsWith('(no '));
    // one value across the whole scope says nothing about what moved; a
    // resource line is named by its resource, service and SKU
    if (!resourceScope && values.size < 2) continue;
    if (
      resourceScope &&
      (named.length === 0 || !LINE_DIMENSIONS.has(dimension))
    )
      continue;
    const causes = [...values.entries()]
      .map(([value, sums]) => {
        const exp = sums.expected();
        const act = sums.actual.toDecimal();
        return {
          dimension,
          value,
          contribution: cents(act.sub(exp)),
          actual: act.toString(),
          expected: exp.toFixed(2),
          ...(!sums.seenBefore && !act.isZero() ? { new: true } : {}),
        };
      })
      .filter(
        c => c.contribution.isNegative() === false && !c.contribution.isZero(),
      )
      .filter(c => c.contribution.toNumber() >= floor)
      .sort(
        (a, b) =>
          b.contribution.compare(a.contribution) ||
          a.value.localeCompare(b.value),
      )
      .slice(0, MAX_PER_DIMENSION);
    for (const c of causes)
      rootCauses.push({ ...c, contribution: c.contribution.toFixed(2) });
  }
  rootCauses.sort(
    (a, b) =>
      rank(b) - rank(a) ||
      DIMENSION_ORDER.indexOf(a.dimension) -
        DIMENSION_ORDER.indexOf(b.dimension) ||
      a.value.localeCompare(b.value),
  );
  rootCauses.splice(MAX_ROOT_CAUSES);

  // resources with no cost at all on the reference days
  const newResources: AnomalyNewResource[] = [];
  const serviceOfResource = new Map<string, string>();
  for (const row of rows) {
    const g = groups.get(row.groupId);
    if (g?.resourceId && !serviceOfResource.has(g.resourceId))
      serviceOfResource.set(g.resourceId, g.serviceName);
  }
  for (const [value, sums] of byDimension.get('resource') ?? []) {
    const cost = sums.actual.toDecimal();
    if (sums.seenBefore || cost.isZero() || cost.isNegative()) continue;
    if (!serviceOfResource.has(value)) continue;
    newResources.push({
      resourceId: value,
      service: serviceOfResource.get(value)!,
      cost: cost.toString(),
    });
  }
  newResources.sort(
    (a, b) =>
      Decimal.parse(b.cost).compare(Decimal.parse(a.cost)) ||
      a.resourceId.localeCompare(b.resourceId),
  );
  newResources.splice(MAX_NEW_RESOURCES);

  // usage against price, over the lines with quantities on both sides
  let usage = 0;
  let price = 0;
  let other = 0;
  let lines = 0;
  for (const [groupId, sums] of byGroup) {
    const c1 = sums.actual.toDecimal().toNumber();
    const c0 = sums.expected().toNumber();
    const q = groupQuantities.get(groupId);
    let q0 = 0;
    for (const [k, v] of q?.q0 ?? []) q0 += v / k;
    if (q && q.q1 > 0 && q0 > 0 && c0 > 0) {
      const p0 = c0 / q0;
      usage += (q.q1 - q0) * p0;
      price += c1 - q.q1 * p0;
      lines++;
    } else {
      other += c1 - c0;
    }
  }
  const usageVsPrice: AnomalyUsagePrice | undefined =
    lines > 0
      ? {
          usage: usage.toFixed(2),
          price: price.toFixed(2),
          other: other.toFixed(2),
          lines,
        }
      : undefined;

  const group = candidate.groupId ? groups.get(candidate.groupId) : undefined;
  const figures = {
    days: flagged.map(d => days[d.index]),
    expected: expected.toFixed(2),
    actual: actual.toString(),
    impact: impact.toString(),
    peakImpact: (peak ?? Decimal.ZERO).toString(),
    score: Math.round(score * 10) / 10,
    rootCauses,
    newResources,
    ...(usageVsPrice ? { usageVsPrice } : {}),
    resourceId: resourceScope ? group?.resourceId ?? null : null,
    groupKey: resourceScope ? group?.key ?? candidate.groupId ?? null : null,
  };
  return {
    ...figures,
    explanation: describeAnomaly({
      ...figures,
      entityRef: candidate.entityRef,
      scope: candidate.scope,
      currency: options.currency,
      weeks,
      resourceName: group?.resourceName,
      serviceName: group?.serviceName,
    }),
  };
}
