import { ATTRIBUTION_METHODS } from './types';

describe('ATTRIBUTION_METHODS', () => {
  it('lists the matching levels in order of precedence, then the shared-cost hop', () => {
    expect(ATTRIBUTION_METHODS).toEqual([
      'resource-id',
      'override',
      'tags',
      'kubernetes',
      'llm',
      'accounts',
      'inference',
      'shared',
    ]);
  });
});
