import {
  compareSpecificity,
  compilePattern,
  PatternIndex,
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
