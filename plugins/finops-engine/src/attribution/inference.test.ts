import { nameTokens, normalizeName } from './normalize';
import { allocationsOf, entity, group, run } from './__testUtils__/fixtures';

describe('normalizeName', () => {
  it.each([
    ['BrightLensMatrix', 'bright-lens-matrix'],
    ['bright_lens.matrix', 'bright-lens-matrix'],
    ['Bright Lens  Matrix', 'bright-lens-matrix'],
    ['HTTPServerV2', 'http-server-v2'],
    ['catalogAPI', 'catalog-api'],
  ])('%p → %p', (text, normalized) => {
    expect(normalizeName(text)).toBe(normalized);
  });

  it('drops empty tokens', () => {
    expect(nameTokens('--a__b--')).toEqual(['a', 'b']);
  });
});

describe('attribute: inference', () => {
  it('attributes an exact normalized match with confidence 0.9', () => {
    const g = group({ tags: { application: 'BrightLensMatrix' } });
    const result = run(
      [entity('Component', 'bright-lens-matrix')],
      [[g, '12.5']],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/bright-lens-matrix': '12.5',
    });
    expect(result.attributed[0].allocations[0]).toEqual(
      expect.objectContaining({
        method: 'inference',
        confidence: 0.9,
        evidence: expect.objectContaining({
          selector: 'metadata.name: bright-lens-matrix',
          matched: { 'tag:application': 'BrightLensMatrix' },
        }),
      }),
    );
    expect(result.suggestions).toEqual([]);
  });

  it('compares with the title and the repository of github.com/project-slug', () => {
    const byTitle = group({ resourceName: 'Orders Worker' });
    const bySlug = group({
      resourceId: 'arn:aws:ecs:eu-west-1:1:service/search/SearchGateway',
    });
    const entities = [
      {
        ...entity('Component', 'ow'),
        metadata: { name: 'ow', title: 'orders-worker' },
      },
      entity('Component', 'search-api', {
        'github.com/project-slug': 'acme/search-gateway',
      }),
    ];
    const result = run(entities, [
      [byTitle, '1'],
      [bySlug, '2'],
    ]);
    expect(allocationsOf(result, byTitle.id)).toEqual({
      'component:default/ow': '1',
    });
    expect(allocationsOf(result, bySlug.id)).toEqual({
      'component:default/search-api': '2',
    });
    expect(result.attributed[1].allocations[0].evidence).toEqual(
      expect.objectContaining({
        annotation: 'github.com/project-slug',
        matched: { resourceId: 'SearchGateway' },
      }),
    );
  });

  it('only suggests weaker matches, best first, leaving the cost unattributed', () => {
    const g = group({ tags: { app: 'search-gateway-prod' } });
    const result = run(
      [
        entity('Component', 'search-gateway'),
        entity('Component', 'prod-search-gateway-v1'),
      ],
      [[g, '8']],
    );
    expect(result.attributed).toEqual([]);
    expect(result.unattributed.map(u => u.groupId)).toEqual([g.id]);
    expect(result.suggestions.map(s => [s.entity, s.confidence])).toEqual([
      ['component:default/search-gateway', 0.75],
      ['component:default/prod-search-gateway-v1', 0.6],
    ]);
    expect(result.suggestions[0].amount.toString()).toBe('8');
  });

  it('attributes weaker matches when the configured threshold allows them', () => {
    const g = group({ tags: { app: 'search-gateway-prod' } });
    const result = run([entity('Component', 'search-gateway')], [[g, '8']], {
      inferenceMinConfidence: 0.7,
    });
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/search-gateway': '8',
    });
  });

  it('reads only the configured tag keys', () => {
    const g = group({ tags: { owner: 'billing' } });
    const entities = [entity('Component', 'billing')];
    expect(run(entities, [[g, '1']]).attributed).toEqual([]);
    expect(
      allocationsOf(
        run(entities, [[g, '1']], { inferenceTagKeys: ['owner'] }),
        g.id,
      ),
    ).toEqual({
      'component:default/billing': '1',
    });
  });

  it('ignores names too short or too generic to suggest anything', () => {
    const g = group({ tags: { name: 'api' } });
    const entities = ['a-api', 'b-api', 'c-api', 'd-api', 'e-api', 'f-api'].map(
      n => entity('Component', n),
    );
    const result = run(entities, [[g, '1']]);
    expect(result.suggestions).toEqual([]);
  });

  it('does not infer on people and teams', () => {
    const g = group({ tags: { name: 'checkout-team' } });
    const result = run(
      [entity('Group', 'checkout-team', {}, { type: 'team' })],
      [[g, '1']],
    );
    expect(result.attributed).toEqual([]);
  });
});
