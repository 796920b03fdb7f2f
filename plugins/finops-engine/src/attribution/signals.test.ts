import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import type {
  AttributionSignal,
  AttributionSignalLevel,
  AttributionSignalMatch,
} from '@costwise/plugin-finops-node';
import { attribute } from './engine';
import type { AttributionGroup } from './types';
import {
  allocationsOf,
  entity,
  group,
  methodOf,
} from './__testUtils__/fixtures';

function run(
  entities: Entity[],
  facts: Array<[AttributionGroup, string]>,
  signals: AttributionSignal[],
) {
  return attribute({
    entities,
    groups: facts.map(([g]) => g),
    amounts: new Map(facts.map(([g, amount]) => [g.id, Decimal.parse(amount)])),
    signals,
  });
}

/** A signal that maps one tag's value to a component of the same name. */
function tagSignal(
  id: string,
  level: AttributionSignalLevel,
  key: string,
  extra: Partial<AttributionSignalMatch> = {},
): AttributionSignal {
  return {
    id,
    level,
    match: jest.fn(g => {
      const value = g.tags[key];
      if (!value) return [];
      return [
        {
          entityRef: `component:default/${value}`,
          specificity: 1,
          selector: `${key}=*`,
          matched: { [`tag:${key}`]: value },
          ...extra,
        },
      ];
    }),
  };
}

const checkout = entity('Component', 'checkout', {
  'costwise.dev/tags': 'application=checkout',
});
const payments = entity('Component', 'payments');

describe('attribute: signals', () => {
  it('a tags-level signal wins over a tag annotation by specificity', () => {
    const g = group({ tags: { application: 'checkout', team: 'payments' } });
    const result = run(
      [checkout, payments],
      [[g, '12.5']],
      [tagSignal('team', 'tags', 'team', { specificity: 2 })],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/payments': '12.5',
    });
    expect(result.attributed[0].allocations[0].evidence).toEqual({
      method: 'tags',
      entityRef: 'component:default/payments',
      annotation: 'signal:team',
      selector: 'team=*',
      matched: { 'tag:team': 'payments' },
      confidence: 1,
    });
    expect(result.conflicts).toEqual([]);
  });

  it('a tie with an annotation splits the cost and is reported as a conflict', () => {
    const g = group({ tags: { application: 'checkout', team: 'payments' } });
    const result = run(
      [checkout, payments],
      [[g, '10']],
      [tagSignal('team', 'tags', 'team')],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/checkout': '5',
      'component:default/payments': '5',
    });
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        groupId: g.id,
        method: 'tags',
        entities: ['component:default/checkout', 'component:default/payments'],
      }),
    ]);
    expect(result.conflicts[0].evidence.map(e => e.annotation)).toEqual([
      'costwise.dev/tags',
      'signal:team',
    ]);
  });

  it('an inference-level signal is only used when nothing else matched', () => {
    const matched = group({
      tags: { application: 'checkout', team: 'payments' },
    });
    const unmatched = group({ tags: { team: 'payments' } });
    const signal = tagSignal('team', 'inference', 'team');
    const result = run(
      [checkout, payments],
      [
        [matched, '3'],
        [unmatched, '4'],
      ],
      [signal],
    );
    expect(allocationsOf(result, matched.id)).toEqual({
      'component:default/checkout': '3',
    });
    expect(allocationsOf(result, unmatched.id)).toEqual({
      'component:default/payments': '4',
    });
    expect(methodOf(result, unmatched.id)).toBe('inference');
    // the tags level decided the first group before the signal's level
    expect(signal.match).toHaveBeenCalledTimes(1);
  });

  it('an inference-level match below the threshold is only a suggestion', () => {
    const g = group({ tags: { team: 'payments' } });
    const result = run(
      [payments],
      [[g, '4']],
      [tagSignal('team', 'inference', 'team', { confidence: 0.5 })],
    );
    expect(result.attributed).toEqual([]);
    expect(result.suggestions).toEqual([
      expect.objectContaining({
        entity: 'component:default/payments',
        confidence: 0.5,
      }),
    ]);
  });

  it('a throwing signal is a warning and changes nothing else', () => {
    const tagged = group({ tags: { application: 'checkout' } });
    const team = group({ tags: { team: 'payments' } });
    const broken: AttributionSignal = {
      id: 'broken',
      level: 'tags',
      match: () => {
        throw new Error('lookup table missing');
      },
    };
    const result = run(
      [checkout, payments],
      [
        [tagged, '1'],
        [team, '2'],
      ],
      [broken, tagSignal('team', 'tags', 'team')],
    );
    expect(allocationsOf(result, tagged.id)).toEqual({
      'component:default/checkout': '1',
    });
    expect(allocationsOf(result, team.id)).toEqual({
      'component:default/payments': '2',
    });
    expect(result.warnings).toEqual([
      {
        entity: 'signal:broken',
        annotation: 'match()',
        message: expect.stringMatching(
          /^threw for 2 fact group\(s\).*lookup table missing$/,
        ),
      },
    ]);
  });

  it('ignores malformed matches, duplicate ids and unknown levels with warnings', () => {
    const g = group({ tags: { team: 'payments' } });
    const result = run(
      [payments],
      [[g, '2']],
      [
        tagSignal('bad', 'tags', 'team', { entityRef: 'payments' }),
        tagSignal('team', 'accounts', 'team'),
        tagSignal('team', 'tags', 'team'),
        tagSignal('odd', 'billing' as AttributionSignalLevel, 'team'),
      ],
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/payments': '2',
    });
    expect(methodOf(result, g.id)).toBe('accounts');
    expect(result.warnings.map(w => [w.entity, w.message])).toEqual([
      ['signal:team', 'added more than once; the first one is used'],
      ['signal:odd', "'billing' is not a precedence level; ignored"],
      [
        'signal:bad',
        "returned 1 invalid match(es), ignored; first: 'payments' is not an entity ref with a kind",
      ],
    ]);
  });
});
