import type { Term, Vocabulary } from './vocabulary';
import { FILLER } from './filler';
import { editDistance, Token, typosAllowed } from './text';

/** A known name found in a question. */
export interface TermMatch {
  term: Term;
  /** The first and last token it covers (inclusive). */
  first: number;
  last: number;
  /** Typos corrected to match it (0 for an exact match). */
  distance: number;
}

/**
 * Words of questions that are never a name on their own: a one-word name
 * that is one of them ("recommendations", "platform" as a verb of cost)
 * counts only with a kind beside it ("the recommendations system") or
 * written with a capital inside the sentence.
 */
export const COMMON = new Set(
  `a about after all am amount an and any are as ask at be been before between biggest bill billed by can cause caused change changed changes cheaper cheapest compare compared cost costing costs costly current day days did do does down drive driven driver drivers drives driving drop each end expensive feature features first for forecast from go going grow grew had has have high higher how i if in increase increased infrastructure is it its jump last least list largest less lot low lower made main make makes many me month monthly months more most much my new next not now of on or our over own owner owners owns per period previous price project projected quarter rise rose saving savings service services should show since so spend spending spent spike spiked spikes split system systems team teams than that the their them there these they this those to today top total trend up us usage used vs was we week weekly were what when where which who whose why will with year yesterday you your cloud model models models ai llm token tokens account accounts region regions provider providers resource resources component components recommendation recommendations unit units budget api apis`.split(
    ' ',
  ),
);

/** Words that say which kind of entity a name is. */
export const KIND_WORDS: Record<string, string> = {
  team: 'group',
  group: 'group',
  squad: 'group',
  department: 'group',
  org: 'group',
  system: 'system',
  domain: 'domain',
  service: 'component',
  microservice: 'component',
  component: 'component',
  app: 'component',
  application: 'component',
  website: 'component',
  library: 'component',
  resource: 'resource',
  database: 'resource',
  db: 'resource',
  bucket: 'resource',
  cluster: 'resource',
  queue: 'resource',
  cache: 'resource',
  api: 'api',
  user: 'user',
};

/** Which kind of name wins when one phrase names several: an entity first. */
const KIND_ORDER = [
  'entity',
  'service',
  'provider',
  'model',
  'account',
  'region',
  'resource',
];

function exactAt(tokens: Token[], i: number, term: Term): boolean {
  if (i + term.words.length > tokens.length) return false;
  return term.words.every((w, k) => tokens[i + k].word === w);
}

/** The typos needed to read the tokens from `i` as the term, or undefined. */
function fuzzyAt(tokens: Token[], i: number, term: Term): number | undefined {
  if (i + term.words.length > tokens.length) return undefined;
  let total = 0;
  for (let k = 0; k < term.words.length; k++) {
    const w = term.words[k];
    const t = tokens[i + k].word;
    if (w === t) continue;
    if (/^\d+$/.test(w) || /^\d+$/.test(t)) return undefined;
    // a typo is never read into a common word ("cost" is not "host")
    if (COMMON.has(t) || FILLER.has(t)) return undefined;
    // a short word takes a typo only inside a longer name ("shpo-api")
    const allowed =
      typosAllowed(w) || (w.length === 4 && term.words.length > 1 ? 1 : 0);
    const d = editDistance(t, w, allowed);
    if (d > allowed) return undefined;
    total += d;
  }
  return term.words.some(w => w.length === 4) && total > 1 ? undefined : total;
}

/** One-word spellings of a many-word name: "checkoutapi", "chekoutapi". */
function joinedAt(tokens: Token[], i: number, term: Term): number | undefined {
  if (term.words.length < 2) return undefined;
  const t = tokens[i].word;
  if (t === term.joined) return 0;
  const allowed = typosAllowed(term.joined);
  const d = editDistance(t, term.joined, allowed);
  return d <= allowed ? d : undefined;
}

function signalled(tokens: Token[], m: TermMatch): boolean {
  const near = [tokens[m.first - 1]?.word, tokens[m.last + 1]?.word];
  if (near.some(w => w && KIND_WORDS[w])) return true;
  // "What did Recommendations cost?": a capital inside the sentence
  return m.first > 0 && tokens[m.first].capital;
}

/**
 * The known names a question's tokens contain: exact matches first, then
 * names read through typos, longest first, never overlapping. A one-word
 * name that is a common word counts only where signalled (see
 * {@link COMMON}); typos are never read into common words.
 */
export function matchTerms(
  tokens: Token[],
  vocabulary: Vocabulary,
): TermMatch[] {
  const candidates: TermMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const term of vocabulary.byFirstWord.get(tokens[i].word) ?? [])
      if (exactAt(tokens, i, term))
        candidates.push({
          term,
          first: i,
          last: i + term.words.length - 1,
          distance: 0,
        });
  }
  for (let i = 0; i < tokens.length; i++) {
    const plain =
      COMMON.has(tokens[i].word) ||
      FILLER.has(tokens[i].word) ||
      tokens[i].word.length < 4;
    for (const term of vocabulary.terms) {
      if (term.kind === 'resource' && term.words.length > 4) continue;
      // a name read through typos starts with a word of its own, or its own first word
      if (plain && term.words[0] !== tokens[i].word) continue;
      const fuzzy = fuzzyAt(tokens, i, term);
      if (fuzzy !== undefined && fuzzy > 0)
        candidates.push({
          term,
          first: i,
          last: i + term.words.length - 1,
          distance: fuzzy,
        });
      const joined = plain ? undefined : joinedAt(tokens, i, term);
      if (joined !== undefined)
        candidates.push({ term, first: i, last: i, distance: joined });
    }
  }
  const usable = candidates.filter(m => {
    const one = m.first === m.last && m.term.words.length === 1;
    if (one && COMMON.has(tokens[m.first].word) && m.distance === 0)
      return m.term.kind === 'entity' ? signalled(tokens, m) : true;
    return true;
  });
  usable.sort(
    (a, b) =>
      b.last - b.first - (a.last - a.first) ||
      a.distance - b.distance ||
      KIND_ORDER.indexOf(a.term.kind) - KIND_ORDER.indexOf(b.term.kind) ||
      a.first - b.first,
  );
  const taken = new Set<number>();
  const chosen: TermMatch[] = [];
  for (const m of usable) {
    let free = true;
    for (let k = m.first; k <= m.last; k++) if (taken.has(k)) free = false;
    // names of the same span and quality are alternatives, kept together
    const twin = chosen.find(
      c =>
        c.first === m.first &&
        c.last === m.last &&
        c.distance === m.distance &&
        c.term.kind === m.term.kind,
    );
    if (!free && !twin) continue;
    for (let k = m.first; k <= m.last; k++) taken.add(k);
    chosen.push(m);
  }
  return chosen.sort((a, b) => a.first - b.first);
}
