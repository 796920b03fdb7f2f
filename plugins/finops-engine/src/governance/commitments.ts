import { Decimal } from '@costwise/plugin-finops-common';
import { monthEnd } from '../model';
import type { MonthAllocation } from '../stores';
import type { MonthData } from './monthData';
import { Figure, Figures, measured, OverheadEntry, ratio } from './types';

interface CommitmentRow {
  groupId: string;
  list: Decimal;
  effective: Decimal;
}

/**
 * From the FOCUS commitment columns: the on-demand-equivalent (list) cost
 * of usage of services that commitments cover, the part of it covered, and
 * the commitments' used and unused cost.
 */
function commitmentSums(data: MonthData, rows: CommitmentRow[]) {
  const eligibleServices = new Set<string>();
  for (const r of rows) {
    const g = data.groups.get(r.groupId);
    if (g?.pricingCategory === 'Committed') eligibleServices.add(g.serviceName);
  }
  let eligible = Decimal.ZERO;
  let covered = Decimal.ZERO;
  let used = Decimal.ZERO;
  let unused = Decimal.ZERO;
  for (const r of rows) {
    const g = data.groups.get(r.groupId);
    if (!g) continue;
    if (g.commitmentStatus === 'Unused') unused = unused.add(r.effective);
    else if (g.commitmentStatus === 'Used') used = used.add(r.effective);
    if (
      g.chargeCategory === 'Usage' &&
      g.commitmentStatus !== 'Unused' &&
      eligibleServices.has(g.serviceName)
    ) {
      eligible = eligible.add(r.list);
      if (g.pricingCategory === 'Committed') covered = covered.add(r.list);
    }
  }
  return { eligible, covered, used, unused };
}

const NO_ELIGIBLE_USAGE =
  'no usage of a service that commitments cover in the month';

/** The organization's commitment coverage and utilization, from the month's facts. */
export function organizationCommitments(data: MonthData, org: Figures): void {
  const sums = commitmentSums(
    data,
    data.facts.map(f => ({
      groupId: f.groupId,
      list: Decimal.parse(f.listCost),
      effective: Decimal.parse(f.effectiveCost),
    })),
  );
  const { currency } = data;
  org.set(
    'commitment-coverage',
    measured(ratio(sums.covered, sums.eligible), NO_ELIGIBLE_USAGE, {
      eligibleListCost: sums.eligible.toString(),
      coveredListCost: sums.covered.toString(),
      currency,
    }),
  );
  org.set(
    'commitment-utilization',
    measured(
      ratio(sums.used, sums.used.add(sums.unused)),
      'no commitment cost in the month',
      { used: sums.used.toString(), unused: sums.unused.toString(), currency },
    ),
  );
}

/** A team's commitment coverage, from its own allocations. */
export function teamCommitmentCoverage(
  data: MonthData,
  own: MonthAllocation[],
): Figure {
  const sums = commitmentSums(
    data,
    own.map(a => ({
      groupId: a.groupId,
      list: Decimal.parse(a.listCost),
      effective: Decimal.parse(a.effectiveCost),
    })),
  );
  return measured(ratio(sums.covered, sums.eligible), NO_ELIGIBLE_USAGE);
}

/**
 * The FinOps function's own cost of the month (the entry in force) per
 * 1,000,000 of cloud spend; a month the data covers in part bears its part.
 */
export function overheadFigure(
  data: MonthData,
  overhead: OverheadEntry[],
): Figure {
  const entry = [...overhead]
    .filter(o => o.from <= data.month)
    .sort((a, b) => a.from.localeCompare(b.from))
    .pop();
  if (!entry)
    return {
      value: null,
      message:
        "not measured yet: set the FinOps function's monthly cost in finops.governance.overhead",
    };
  const monthly = entry.monthly
    ? Decimal.parse(entry.monthly)
    : Decimal.parse(entry.people ?? '0').add(
        Decimal.parse(entry.tooling ?? '0'),
      );
  const days = Number(monthEnd(data.from).slice(8, 10));
  const covered = Number(data.to.slice(8, 10));
  const cost = monthly.mulInt(covered).divide(Decimal.parse(String(days)), 6);
  return measured(
    data.total.isZero()
      ? null
      : Number(cost.mulInt(1_000_000).divide(data.total, 2).toString()),
    'no cloud spend in the month',
    {
      overhead: cost.toFixed(2),
      spend: data.total.toString(),
      currency: data.currency,
    },
  );
}
