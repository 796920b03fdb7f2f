import type { AskIntent } from '@costwise/plugin-finops-common';
import { words } from './parse/text';

/** What a suggestion may name. */
export interface SuggestionSubjects {
  /** The entity in scope, or the one the question named. */
  entity?: string;
  /** Whether the entity declares a unit metric. */
  unitMetric?: boolean;
  /** Whether the asker may see unattributed cost. */
  admin: boolean;
}

const FILLER = new Set([
  'the',
  'a',
  'an',
  'of',
  'is',
  'are',
  'did',
  'what',
  'our',
  's',
  'in',
  'on',
  'for',
  'to',
  'this',
  'do',
  'we',
]);

/** The questions the engine answers, as templates by kind. */
function templates(s: SuggestionSubjects): Array<[AskIntent, string]> {
  const e = s.entity;
  const own = e ? `${e}'s` : 'our';
  const it = e ?? 'we';
  const out: Array<[AskIntent, string]> = [
    ['cost', `What did ${e ?? 'we'} ${e ? 'cost' : 'spend'} last month?`],
    ['cost', `How much did ${e ?? 'we'} spend on AWS Lambda this month?`],
    ['change', `Why did ${own} costs spike on Thursday?`],
    ['change', `Why did ${own} cost change this month?`],
    ['drivers', `What drives ${own} cost?`],
    ['top', 'What are the top 5 services this month?'],
    ['top', 'Which team costs the most this month?'],
    [
      'compare',
      `How does this month compare to last month${e ? ` for ${e}` : ''}?`,
    ],
    ['forecast', `What will ${it} spend this month?`],
    ['ai-spend', `What is ${own} AI spend by model this month?`],
    [
      'recommendations',
      `Which open recommendations would save ${e ? `${e} ` : 'us '}the most?`,
    ],
  ];
  if (e) out.push(['owner', `Who owns ${e}?`]);
  if (e && s.unitMetric)
    out.push(['unit-cost', `What is ${own} unit cost and its trend?`]);
  if (!e)
    out.push(['unit-cost', "What is the checkout team's cost per order?"]);
  if (s.admin)
    out.push([
      'unattributed',
      'What is unattributed this month, and which suggestions would fix it?',
    ]);
  return out;
}

/**
 * The questions closest to one the engine could not answer: those of the
 * kind it looked like first, then by the words they share.
 */
export function closestQuestions(
  question: string,
  intent: AskIntent,
  subjects: SuggestionSubjects,
  count = 3,
): string[] {
  const asked = new Set(words(question).filter(w => !FILLER.has(w)));
  const scored = templates(subjects).map(([kind, text], i) => {
    const own = words(text).filter(w => !FILLER.has(w));
    const shared = own.filter(w => asked.has(w)).length;
    const score =
      (kind === intent ? 2 : 0) +
      shared / Math.max(1, own.length + asked.size - shared);
    return { text, score, i };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, count).map(s => s.text);
}

/** Questions that follow from an answer of a kind. */
export function followUps(
  intent: AskIntent,
  subjects: SuggestionSubjects,
): string[] {
  const next: Partial<Record<AskIntent, AskIntent[]>> = {
    cost: ['drivers', 'change', 'forecast'],
    drivers: ['change', 'recommendations', 'forecast'],
    change: ['drivers', 'forecast', 'recommendations'],
    top: ['change', 'drivers', 'ai-spend'],
    compare: ['drivers', 'change', 'forecast'],
    'unit-cost': ['drivers', 'change', 'forecast'],
    forecast: ['drivers', 'change', 'recommendations'],
    owner: ['cost', 'drivers', 'change'],
    unattributed: ['top', 'change', 'drivers'],
    'ai-spend': ['change', 'recommendations', 'drivers'],
    recommendations: ['drivers', 'change', 'forecast'],
  };
  const all = templates(subjects);
  return (next[intent] ?? [])
    .map(kind => all.find(([k]) => k === kind)?.[1])
    .filter((t): t is string => !!t);
}
