import fc from 'fast-check';
import {
  compareSpecificity,
  compilePattern,
  matchesPattern,
  PatternIndex,
  patternProblem,
  patternSpecificity,
} from './patterns';

function indexOf(patterns: string[]) {
  const index = new PatternIndex<string>();
  for (const p of patterns) index.add(compilePattern(p), p);
  return index;
}

const matching = (index: PatternIndex<string>, id: string) =>
  index
    .match(id)
    .map(e => e.value)
    .sort();

describe('PatternIndex', () => {
  const index = indexOf([
    'arn:aws:rds:eu-west-1:1:db:orders-*',
    'arn:aws:rds:eu-west-1:1:db:*',
    'arn:aws:rds:*:1:db:orders-prod',
    'arn:aws:rds:eu-west-1:1:db:orders-staging',
    '*-replica',
    'acme-media-prod',
    'arn:aws:s3:::acme-media-prod*',
  ]);

  it('finds exact ids and every wildcard pattern whose prefix and rest match', () => {
    expect(matching(index, 'arn:aws:rds:eu-west-1:1:db:orders-prod')).toEqual([
      'arn:aws:rds:*:1:db:orders-prod',
      'arn:aws:rds:eu-west-1:1:db:*',
      'arn:aws:rds:eu-west-1:1:db:orders-*',
    ]);
    expect(
      matching(index, 'arn:aws:rds:eu-west-1:1:db:orders-staging'),
    ).toEqual([
      'arn:aws:rds:eu-west-1:1:db:*',
      'arn:aws:rds:eu-west-1:1:db:orders-*',
      'arn:aws:rds:eu-west-1:1:db:orders-staging',
    ]);
    expect(
      matching(index, 'arn:aws:rds:eu-west-1:1:db:orders-prod-replica'),
    ).toEqual([
      '*-replica',
      'arn:aws:rds:eu-west-1:1:db:*',
      'arn:aws:rds:eu-west-1:1:db:orders-*',
    ]);
  });

  it('matches case-insensitively and lets * cross slashes', () => {
    expect(
      matching(index, 'ARN:AWS:S3:::ACME-MEDIA-PROD/images/a.png'),
    ).toEqual(['arn:aws:s3:::acme-media-prod*']);
    expect(matching(index, 'Acme-Media-Prod')).toEqual(['acme-media-prod']);
  });

  it('finds nothing for ids outside every prefix', () => {
    expect(matching(index, 'arn:aws:rds:eu-west-1:2:db:orders-prod')).toEqual(
      [],
    );
    expect(matching(index, '')).toEqual([]);
    expect(matching(index, 'zzz')).toEqual([]);
  });

  it('walks up to shorter prefixes when the nearest one does not apply', () => {
    const chain = indexOf(['a*', 'ab*', 'abc*', 'abd*', 'b*']);
    expect(matching(chain, 'abcz')).toEqual(['a*', 'ab*', 'abc*']);
    expect(matching(chain, 'abe')).toEqual(['a*', 'ab*']);
    expect(matching(chain, 'ac')).toEqual(['a*']);
  });
});

describe('patternSpecificity', () => {
  const rank = (patterns: string[]) =>
    [...patterns].sort((a, b) =>
      compareSpecificity(
        patternSpecificity(compilePattern(b)),
        patternSpecificity(compilePattern(a)),
      ),
    );

  it('ranks a longer literal prefix first, then an exact id, then more literal text', () => {
    expect(
      rank([
        'db:*',
        'db:orders-*',
        'db:orders-*-replica',
        'db:orders-',
        'db:*-replica',
      ]),
    ).toEqual([
      'db:orders-',
      'db:orders-*-replica',
      'db:orders-*',
      'db:*-replica',
      'db:*',
    ]);
  });
});

/** A reference matcher of `*` globs, by dynamic programming over both strings. */
function referenceMatch(pattern: string, id: string): boolean {
  const p = pattern.toLowerCase();
  const s = id.toLowerCase();
  let row = new Array(s.length + 1).fill(false);
  row[0] = true;
  for (let i = 1; i <= p.length; i++) {
    const next = new Array(s.length + 1).fill(false);
    if (p[i - 1] === '*') next[0] = row[0];
    for (let j = 1; j <= s.length; j++) {
      next[j] =
        p[i - 1] === '*'
          ? next[j - 1] || row[j]
          : row[j - 1] && p[i - 1] === s[j - 1];
    }
    row = next;
  }
  return row[s.length];
}

describe('wildcard matching', () => {
  it('agrees with a reference matcher on any pattern and id', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', ':', '*');
    const text = (max: number) =>
      fc.array(alphabet, { maxLength: max }).map(chars => chars.join(''));
    fc.assert(
      fc.property(text(12), text(20), (pattern, id) => {
        const plainId = id.replace(/\*/g, 'a');
        const compiled = compilePattern(pattern);
        expect(matchesPattern(compiled, plainId.toLowerCase())).toBe(
          referenceMatch(pattern.trim(), plainId),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('finds through the index exactly what matching each pattern finds', () => {
    const alphabet = fc.constantFrom('a', 'b', '-', '*');
    const text = fc
      .array(alphabet, { minLength: 1, maxLength: 8 })
      .map(chars => chars.join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 12 }), text, (patterns, id) => {
        const plainId = id.replace(/\*/g, 'b');
        const index = new PatternIndex<number>();
        patterns.forEach((p, i) => index.add(compilePattern(p), i));
        const found = index
          .match(plainId)
          .map(e => e.value)
          .sort((a, b) => a - b);
        const expected = patterns
          .map((p, i) => (referenceMatch(p, plainId) ? i : -1))
          .filter(i => i >= 0);
        expect(found).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches a pattern of many wildcards against a long id at once, however they overlap', () => {
    const pattern = compilePattern('a*a*a*a*a*a*a*a*z');
    const id = 'a'.repeat(20_000);
    // a backtracking regular expression takes minutes on this
    expect(matchesPattern(pattern, id)).toBe(false);
    expect(matchesPattern(pattern, `${id}z`)).toBe(true);
  });

  it('refuses patterns longer than 512 characters or with more than 8 wildcards', () => {
    expect(patternProblem('a*a*a*a*a*a*a*a*z')).toBeUndefined();
    expect(patternProblem('a*a*a*a*a*a*a*a*a*z')).toMatch(
      /has 9 wildcards; at most 8 are allowed/,
    );
    expect(patternProblem(`arn:${'x'.repeat(600)}`)).toMatch(
      /longer than 512 characters/,
    );
  });
});
