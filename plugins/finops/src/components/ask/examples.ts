import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_UNIT_METRIC } from '@costwise/plugin-finops-common';

/**
 * Example questions for an entity's Costs tab, phrased as the engine reads
 * them: its name, why it spiked, what drives it, its unit cost when it
 * declares a unit metric, and the month-end forecast.
 */
export function entityExamples(entity: Entity): string[] {
  const name = entity.metadata.name;
  const examples = [
    `What did ${name} cost this month?`,
    `Why did ${name}'s costs spike?`,
    `What drives ${name}'s cost?`,
  ];
  if (entity.metadata.annotations?.[ANNOTATION_UNIT_METRIC])
    examples.push(`What is ${name}'s unit cost and its trend?`);
  examples.push('Forecast to month end');
  return examples;
}

/** Example questions for the FinOps page: the organization as a whole. */
export const ORGANIZATION_EXAMPLES = [
  'Which team costs the most this month?',
  'What are the top 5 services this month?',
  'Why did our costs change this month?',
  'What is our AI spend by model this month?',
  'Forecast to month end',
];

/** An entity ref's name: `component:default/checkout-api` → `checkout-api`. */
function nameOf(value: string): string {
  const match = /^[^:]+:(?:[^/]+\/)?(.+)$/.exec(value);
  return match ? match[1] : value;
}

/** A word of a question without the punctuation around it or a possessive. */
function coreOf(token: string): string {
  return token
    .replace(/^["'(\[]+/, '')
    .replace(/[?!.,;:"')\]]+$/, '')
    .replace(/'s$/i, '');
}

/** How many leading characters two words share, ignoring case. */
function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (
    i < a.length &&
    i < b.length &&
    a[i].toLowerCase() === b[i].toLowerCase()
  )
    i++;
  return i;
}

/**
 * The question again with the name the engine could not place replaced by
 * one it may have meant. The engine quotes what it stumbled on ("I don't
 * know 'shop'"); the word of the question holding it is replaced whole
 * (`shop-apii-v2` → `shop-api`), else the word most like the candidate.
 */
export function didYouMeanQuestion(
  question: string,
  answer: string,
  candidate: string,
): string {
  const name = nameOf(candidate);
  const tokens = question.split(/(\s+)/);
  const replaceAt = (i: number) => {
    const core = coreOf(tokens[i]);
    const next = [...tokens];
    next[i] = tokens[i].replace(core, name);
    return next.join('');
  };
  for (const match of answer.matchAll(
    /(?:^|[\s(])'([^']+)'(?=[\s:;,.)?!]|$)/g,
  )) {
    const written = match[1].toLowerCase();
    if (/\s/.test(written)) {
      const at = question.toLowerCase().indexOf(written);
      if (at >= 0)
        return `${question.slice(0, at)}${name}${question.slice(
          at + written.length,
        )}`;
      continue;
    }
    const i = tokens.findIndex(t => coreOf(t).toLowerCase().includes(written));
    if (i >= 0) return replaceAt(i);
  }
  let best = -1;
  let bestShared = 2;
  tokens.forEach((t, i) => {
    const shared = sharedPrefix(coreOf(t), name);
    if (shared > bestShared) {
      best = i;
      bestShared = shared;
    }
  });
  return best >= 0
    ? replaceAt(best)
    : `${question.replace(/[?.!\s]+$/, '')} (${name})?`;
}
