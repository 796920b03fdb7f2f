/**
 * How the parser reads the names of a question: dates and names masked out
 * to classify what is left, one entity chosen among those of a shared
 * name, and names close to an unknown word.
 */
import type { DateMention } from './dates';
import { KIND_WORDS, TermMatch } from './match';
import { editDistance, Token } from './text';
import type { Vocabulary } from './vocabulary';

/** Kinds preferred when one name is shared by entities of several kinds. */
const KIND_PRIORITY = [
  'component',
  'system',
  'group',
  'resource',
  'domain',
  'api',
  'user',
];

export function blankOut(text: string, mentions: DateMention[]): string {
  let out = text;
  for (const m of mentions)
    out = `${out.slice(0, m.start)}${' '.repeat(m.end - m.start)}${out.slice(
      m.end,
    )}`;
  return out;
}

/** The question in lower case with names and dates replaced by placeholders. */
export function masked(
  text: string,
  toks: Token[],
  matches: TermMatch[],
  mentions: DateMention[],
): string {
  const chars = text.toLowerCase().split('');
  const replace = (start: number, end: number, word: string) => {
    for (let i = start; i < end; i++) chars[i] = i === start ? ` ${word} ` : '';
  };
  for (const m of mentions) replace(m.start, m.end, 'zdate');
  for (const m of matches)
    replace(toks[m.first].start, toks[m.last].end, 'zname');
  return chars.join('').replace(/\s+/g, ' ');
}

/** One name among those of the same span: by a kind word beside it, else by kind. */
export function resolveEntity(
  alternatives: TermMatch[],
  toks: Token[],
): { chosen: TermMatch; others: TermMatch[]; hinted: boolean } {
  const unique = [
    ...new Map(alternatives.map(a => [a.term.value, a])).values(),
  ];
  const near = [
    toks[alternatives[0].first - 1]?.word,
    toks[alternatives[0].last + 1]?.word,
  ]
    .map(w => (w ? KIND_WORDS[w] : undefined))
    .filter(Boolean);
  let pool = unique;
  const hinted = unique.filter(a => near.includes(a.term.entityKind));
  if (hinted.length > 0) pool = hinted;
  const byName = pool.filter(a => a.term.via === 'name');
  if (byName.length > 0 && byName.length < pool.length) pool = byName;
  pool.sort(
    (a, b) =>
      KIND_PRIORITY.indexOf(a.term.entityKind ?? '') -
      KIND_PRIORITY.indexOf(b.term.entityKind ?? ''),
  );
  return {
    chosen: pool[0],
    others: unique.filter(u => u !== pool[0]),
    hinted: hinted.length === 1,
  };
}

/** Names close to an unknown word, for "did you mean". */
export function closeNames(word: string, vocabulary: Vocabulary): string[] {
  const scored: Array<[number, string]> = [];
  for (const t of vocabulary.terms) {
    if (t.kind !== 'entity') continue;
    const candidates = [t.joined, ...t.words];
    let best = Infinity;
    for (const c of candidates) {
      if (c.length < 3) continue;
      const max = Math.max(2, Math.floor(c.length / 3));
      const d =
        c.startsWith(word) || word.startsWith(c)
          ? 1
          : editDistance(word, c, max);
      if (d <= max) best = Math.min(best, d);
    }
    if (best < Infinity) scored.push([best, t.value]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return [...new Set(scored.map(s => s[1]))].slice(0, 3);
}
