/**
 * The attribution engine: every amount of every fact group goes to the
 * entities the most precedent matching rule names, with its evidence, or
 * stays unattributed (with suggestions when inference found weak matches).
 * Pure: it reads no database and no catalog service, so the backend, the
 * CLI and the benchmark run exactly the same code.
 */
import {
  AttributionAllocation,
  AttributionConflict,
  AttributionSuggestion,
  AnnotationWarning,
  ContestedClaim,
  Decimal,
  UnattributedCost,
} from '@costwise/plugin-finops-common';
import { compileCatalog } from './catalog';
import type { Candidate } from './candidates';
import { matchGroup, MatchOutcome } from './matchGroup';
import { rollup } from './rollups';
import { applySharedCost } from './shared';
import { SignalSet } from './signals';
import { ExactSum } from '../model';
import type {
  AttributionAmount,
  AttributionGroup,
  AttributionInput,
  AttributionResult,
  GroupAttribution,
} from './types';

function* amountItems(
  amounts: AttributionInput['amounts'],
): Iterable<AttributionAmount> {
  if (amounts instanceof Map) {
    for (const [groupId, amount] of amounts) yield { groupId, amount };
  } else {
    yield* amounts as Iterable<AttributionAmount>;
  }
}

function allocations(
  winners: Candidate[],
  amount: Decimal,
): AttributionAllocation<Decimal>[] {
  // a tie splits evenly; allocate keeps the parts summing to the whole
  const parts =
    winners.length === 1 ? [amount] : amount.allocate(winners.map(() => 1n));
  return winners.map((w, i) => ({
    entity: w.entity,
    amount: parts[i],
    method: w.evidence.method,
    confidence: w.evidence.confidence,
    evidence: w.evidence,
  }));
}

function withPeriod<T extends object>(value: T, period: string | undefined): T {
  if (period !== undefined) (value as { period?: string }).period = period;
  return value;
}

/**
 * Attributes the amounts of fact groups to catalog entities.
 *
 * @public
 */
export function attribute(input: AttributionInput): AttributionResult {
  const catalog = compileCatalog(input.entities, input.config, input.overrides);
  // without signals the matcher takes the exact path it always did
  const signals = input.signals?.length
    ? new SignalSet(input.signals, input.entities)
    : undefined;
  const groups = new Map<string, AttributionGroup>();
  for (const group of input.groups) groups.set(group.id, group);
  // a group recurs only when amounts come per period: only then remember outcomes
  const outcomes =
    input.amounts instanceof Map ? undefined : new Map<string, MatchOutcome>();
  const outcomeOf = (groupId: string): MatchOutcome => {
    let outcome = outcomes?.get(groupId);
    if (!outcome) {
      const group = groups.get(groupId);
      outcome = group ? matchGroup(catalog, group, signals) : { kind: 'none' };
      outcomes?.set(groupId, outcome);
    }
    return outcome;
  };

  const attributed: GroupAttribution[] = [];
  const unattributed: UnattributedCost<Decimal>[] = [];
  const suggestions: AttributionSuggestion<Decimal>[] = [];
  const conflicts: AttributionConflict<Decimal>[] = [];
  const contested: ContestedClaim<Decimal>[] = [];
  const contestWarnings = new Map<string, AnnotationWarning>();
  const total = new ExactSum();
  const unattributedTotal = new ExactSum();
  for (const { groupId, period, amount } of amountItems(input.amounts)) {
    total.addDecimal(amount);
    const outcome = outcomeOf(groupId);
    if (outcome.contested) {
      const to =
        outcome.kind === 'attributed' ? outcome.winners.map(w => w.entity) : [];
      for (const claim of outcome.contested) {
        contested.push(
          withPeriod({ ...claim, groupId, amount, attributedTo: to }, period),
        );
        const key = `${claim.entity}|${claim.reason}|${claim.holder}`;
        if (!contestWarnings.has(key))
          contestWarnings.set(key, {
            entity: claim.entity,
            annotation:
              claim.evidence.annotation ?? `signal:${claim.evidence.method}`,
            message:
              claim.reason === 'account-owner'
                ? `a claim on cost in an account that ${claim.holder} owns (finops.attribution.accountOwners) is held until an admin confirms it`
                : `a claim on cost that ${claim.holder}, whose cost is restricted to its owners, matches is held until an admin confirms it`,
          });
      }
    }
    if (outcome.kind !== 'attributed') {
      unattributedTotal.addDecimal(amount);
      unattributed.push(withPeriod({ groupId, amount }, period));
      if (outcome.kind === 'suggested') {
        for (const c of outcome.candidates) {
          suggestions.push(
            withPeriod(
              {
                groupId,
                entity: c.entity,
                confidence: c.evidence.confidence,
                amount,
                evidence: c.evidence,
              },
              period,
            ),
          );
        }
      }
      continue;
    }
    const { winners } = outcome;
    attributed.push(
      withPeriod(
        { groupId, amount, allocations: allocations(winners, amount) },
        period,
      ),
    );
    if (winners.length > 1) {
      conflicts.push(
        withPeriod(
          {
            groupId,
            method: winners[0].evidence.method,
            entities: winners.map(w => w.entity),
            amount,
            evidence: winners.map(w => w.evidence),
          },
          period,
        ),
      );
    }
  }

  const warnings = [
    ...catalog.warnings,
    ...(signals?.warnings() ?? []),
    ...contestWarnings.values(),
  ];
  applySharedCost(catalog, attributed, warnings);
  const entities = rollup(catalog.relations, attributed);
  return {
    attributed,
    unattributed,
    suggestions,
    conflicts,
    contested,
    warnings,
    entities,
    total: total.toDecimal(),
    attributedTotal: total.toDecimal().sub(unattributedTotal.toDecimal()),
    unattributedTotal: unattributedTotal.toDecimal(),
  };
}
