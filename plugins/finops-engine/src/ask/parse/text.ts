import { InputError } from '@backstage/errors';

/**
 * The longest question read, in characters.
 *
 * @public
 */
export const MAX_QUESTION_LENGTH = 500;

/**
 * The question as it is answered: control characters dropped, spaces
 * collapsed, typographic quotes made plain. An empty or overlong question
 * is refused with an `InputError` that says why.
 *
 * @public
 */
export function cleanQuestion(question: unknown): string {
  if (typeof question !== 'string')
    throw new InputError('Ask a question: the question must be text');
  const cleaned = question
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  if (!cleaned) throw new InputError('Ask a question: the question is empty');
  if (cleaned.length > MAX_QUESTION_LENGTH)
    throw new InputError(
      `The question is ${cleaned.length} characters long; ask in at most ${MAX_QUESTION_LENGTH}`,
    );
  return cleaned;
}

/**
 * Lower-case words of a text: letters and digits, split at everything
 * else, a possessive `'s` dropped (`checkout's` → `checkout`).
 */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** A word of the question with where it stands in the text. */
export interface Token {
  word: string;
  start: number;
  end: number;
  /** Whether the word was written with a capital letter. */
  capital: boolean;
}

/** The words of a text with their positions (see {@link words}). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  const pattern = /[A-Za-z0-9]+/g;
  for (const match of text.matchAll(pattern)) {
    const word = match[0].toLowerCase();
    const start = match.index!;
    // a possessive 's is not a word of its own
    if (word === 's' && text[start - 1] === "'") continue;
    out.push({
      word,
      start,
      end: start + match[0].length,
      capital: /^[A-Z]/.test(match[0]),
    });
  }
  return out;
}

/**
 * The edit distance of two words (insertions, deletions, substitutions
 * and swaps of neighbours), or `max + 1` as soon as it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (
        i > 1 &&
        j > 1 &&
        a[i - 1] === b[j - 2] &&
        a[i - 2] === b[j - 1] &&
        prevPrev.length
      )
        value = Math.min(value, prevPrev[j - 2] + 1);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[cols - 1];
}

/** How many typos a word of this length may carry and still be recognized. */
export function typosAllowed(word: string): number {
  if (word.length >= 9) return 2;
  if (word.length >= 5) return 1;
  return 0;
}
