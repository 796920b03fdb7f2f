import { useCallback, useState } from 'react';
import { errorMessage } from '../recommendations/labels';

/** Where one decision (a confirmed suggestion, a decided claim) is. */
export type DecisionState = { sending: true } | { done: string };

/** The key of a decision on a fact group and entity (a suggestion, a claim). */
export const decisionKeyOf = (of: { groupId: string; entity: string }) =>
  `${of.groupId}|${of.entity}`;

/**
 * Sends an admin's decisions one click each, remembering which were made
 * (the worklist may still list them until attribution runs again) and the
 * backend's refusal, if any, for the panel to show.
 */
export function useDecisions(onChanged: () => void) {
  const [states, setStates] = useState<Record<string, DecisionState>>({});
  const [error, setError] = useState<string>();
  const decide = useCallback(
    async (key: string, done: string, send: () => Promise<unknown>) => {
      setError(undefined);
      setStates(s => ({ ...s, [key]: { sending: true } }));
      try {
        await send();
        setStates(s => ({ ...s, [key]: { done } }));
        onChanged();
      } catch (e) {
        setStates(s => {
          const { [key]: _dropped, ...rest } = s;
          return rest;
        });
        setError(errorMessage(e as Error));
      }
    },
    [onChanged],
  );
  return { states, error, decide };
}

/** Sends one decision: its key, what to say once made, and the request. */
export type Decide = ReturnType<typeof useDecisions>['decide'];
