/** How many past questions are kept per user. */
export const HISTORY_SIZE = 10;

const PREFIX = 'costwise.finops.ask.history';

/** The local storage key of a user's questions. */
export function historyKey(userEntityRef: string): string {
  return `${PREFIX}:${userEntityRef}`;
}

/** One question asked, and where (the entity's ref, or none for the organization). */
export interface AskedQuestion {
  question: string;
  entityRef?: string;
  /** When it was asked, an ISO instant. */
  at: string;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // storage may be disabled: the history is then this page's only
    return undefined;
  }
}

/** A user's questions in this browser, newest first. */
export function readHistory(userEntityRef: string): AskedQuestion[] {
  const text = storage()?.getItem(historyKey(userEntityRef));
  if (!text) return [];
  try {
    const parsed = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (q): q is AskedQuestion =>
        !!q &&
        typeof q.question === 'string' &&
        typeof q.at === 'string' &&
        (q.entityRef === undefined || typeof q.entityRef === 'string'),
    );
  } catch {
    return [];
  }
}

/**
 * Adds a question to the front of the user's history (a question asked
 * again in the same place moves to the front) and keeps the newest
 * {@link HISTORY_SIZE}.
 */
export function addToHistory(
  history: AskedQuestion[],
  asked: AskedQuestion,
): AskedQuestion[] {
  const same = (q: AskedQuestion) =>
    q.question.toLowerCase() === asked.question.toLowerCase() &&
    q.entityRef === asked.entityRef;
  return [asked, ...history.filter(q => !same(q))].slice(0, HISTORY_SIZE);
}

/** Stores a user's history; a full or disabled storage keeps it for this page only. */
export function writeHistory(
  userEntityRef: string,
  history: AskedQuestion[],
): void {
  try {
    storage()?.setItem(historyKey(userEntityRef), JSON.stringify(history));
  } catch {
    // the history is a convenience: losing it must not fail the question
  }
}
