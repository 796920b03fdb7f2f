import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type { Recommendation } from '@costwise/plugin-finops-common';
import type { FinopsCoverage } from '../../api';
import { resourceLabel } from '../recommendations/labels';
import { formatMoney, formatShare, sumAmounts } from '../shared/format';
import { type Decide, type DecisionState, decisionKeyOf } from './useDecisions';
import { ConfirmSuggestion } from './ConfirmSuggestion';
import { unattributedRows, WORKLIST_ANCHOR } from './CoverageWorklist';

type Suggestion = FinopsCoverage['suggestions'][number];

const lower = (text: string) => text.trim().toLowerCase();

/**
 * The suggestions of the latest attribution run for the recommendation's
 * resource: those whose evidence matched its id or its name; one per fact
 * group and entity.
 */
export function suggestionsFor(
  item: Recommendation,
  suggestions: Suggestion[],
): Suggestion[] {
  const names = new Set(
    [item.resourceId, item.resourceName]
      .filter((n): n is string => Boolean(n))
      .map(lower),
  );
  if (names.size === 0) return [];
  const seen = new Set<string>();
  return suggestions.filter(s => {
    const key = decisionKeyOf(s);
    if (seen.has(key)) return false;
    const matches = Object.values(s.evidence.matched ?? {}).some(v =>
      names.has(lower(String(v))),
    );
    if (matches) seen.add(key);
    return matches;
  });
}

/**
 * Each account's unattributed cost in the worklist, per currency, keyed by
 * the account trimmed and in lower case.
 */
export type UnattributedByAccount = Map<
  string,
  Array<{ currency: string; amount: string }>
>;

/**
 * Sums the worklist's unattributed cost by account and currency, once for
 * all the rows that look an account up.
 */
export function unattributedByAccount(
  coverage: FinopsCoverage,
): UnattributedByAccount {
  const byAccount = new Map<string, Map<string, string[]>>();
  for (const row of unattributedRows(coverage)) {
    const account = lower(row.account);
    const byCurrency = byAccount.get(account) ?? new Map<string, string[]>();
    byAccount.set(account, byCurrency);
    byCurrency.set(row.currency, [
      ...(byCurrency.get(row.currency) ?? []),
      row.amount,
    ]);
  }
  return new Map(
    [...byAccount].map(([account, byCurrency]) => [
      account,
      [...byCurrency].map(([currency, amounts]) => ({
        currency,
        amount: sumAmounts(amounts),
      })),
    ]),
  );
}

/** The unattributed cost of the recommendation's account in the worklist, per currency. */
export function unattributedInAccount(
  item: Recommendation,
  unattributed: UnattributedByAccount | undefined,
): Array<{ currency: string; amount: string }> {
  const account = item.subAccountId && lower(item.subAccountId);
  if (!account) return [];
  return unattributed?.get(account) ?? [];
}

const WorklistLink = ({ children }: { children: string }) => (
  <MuiLink href={`#${WORKLIST_ANCHOR}`}>{children}</MuiLink>
);

/**
 * Who may own an unowned recommendation's resource: the latest run's
 * suggestions for it, each confirmed into a rule as in the worklist; else
 * the account's unattributed cost in the worklist; else how to map it.
 */
export const UnownedSuggestion = ({
  item,
  coverage,
  unattributed,
  states,
  decide,
}: {
  item: Recommendation;
  /** Undefined while the worklist loads or when it failed. */
  coverage?: FinopsCoverage;
  /** The worklist's {@link unattributedByAccount}; undefined with `coverage`. */
  unattributed?: UnattributedByAccount;
  states: Record<string, DecisionState>;
  decide: Decide;
}) => {
  if (!coverage) {
    return (
      <Typography variant="body2" color="textSecondary">
        –
      </Typography>
    );
  }
  const label = resourceLabel(item);
  const matches = suggestionsFor(item, coverage.suggestions);
  if (matches.length > 0) {
    return (
      <Box display="flex" flexDirection="column" gridGap={4}>
        {matches.map(s => {
          const key = decisionKeyOf(s);
          const state = states[key];
          return (
            <Box
              key={key}
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              gridGap={8}
              data-testid="finops-unowned-suggestion"
              data-group={s.groupId}
              data-entity={s.entity}
            >
              <Typography variant="body2" component="span">
                <EntityRefLink entityRef={s.entity} /> (
                {formatShare(s.confidence, 0)} confidence)
              </Typography>
              <ConfirmSuggestion
                suggestion={s}
                of={label}
                state={state}
                decide={decide}
                decisionKey={key}
                testId="finops-unowned-confirm"
              />
            </Box>
          );
        })}
      </Box>
    );
  }
  const inAccount = unattributedInAccount(item, unattributed);
  if (inAccount.length > 0) {
    return (
      <Typography variant="body2" data-testid="finops-unowned-account">
        No owner suggested for the resource. Its account has{' '}
        {inAccount.map(a => formatMoney(a.amount, a.currency)).join(' and ')}{' '}
        unattributed: <WorklistLink>see the worklist</WorklistLink>, or give the
        account to its team with <code>costwise.dev/accounts</code>.
      </Typography>
    );
  }
  return (
    <Typography
      variant="body2"
      color="textSecondary"
      data-testid="finops-unowned-none"
    >
      No owner suggested. Map the resource with{' '}
      <code>costwise.dev/resource-ids</code> on its component, or its account
      with <code>costwise.dev/accounts</code> on its team.
    </Typography>
  );
};
