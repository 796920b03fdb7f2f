import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useState } from 'react';
import {
  addToHistory,
  AskedQuestion,
  readHistory,
  writeHistory,
} from './history';

/**
 * The signed-in user's questions in this browser, newest first, and a way
 * to add one. Until the user is known the history is empty; a question
 * asked meanwhile is kept.
 */
export function useAskHistory(): {
  history: AskedQuestion[];
  remember: (question: string, entityRef?: string) => void;
} {
  const identityApi = useApi(identityApiRef);
  const [user, setUser] = useState<string>();
  const [history, setHistory] = useState<AskedQuestion[]>([]);

  useEffect(() => {
    let current = true;
    identityApi
      .getBackstageIdentity()
      .then(identity => identity.userEntityRef)
      .catch(() => 'anonymous')
      .then(ref => {
        if (!current) return;
        setUser(ref);
        // questions asked before the user was known are the newest
        setHistory(previous => {
          const merged = [...previous]
            .reverse()
            .reduce((all, asked) => addToHistory(all, asked), readHistory(ref));
          if (previous.length > 0) writeHistory(ref, merged);
          return merged;
        });
      });
    return () => {
      current = false;
    };
  }, [identityApi]);

  const remember = useCallback(
    (question: string, entityRef?: string) =>
      setHistory(previous => {
        const next = addToHistory(previous, {
          question,
          ...(entityRef ? { entityRef } : {}),
          at: new Date().toISOString(),
        });
        if (user) writeHistory(user, next);
        return next;
      }),
    [user],
  );

  return { history, remember };
}
