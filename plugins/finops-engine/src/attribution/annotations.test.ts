import { Decimal } from '@costwise/plugin-finops-common';
import {
  parseIdPatterns,
  parseKubernetes,
  parseLlmIds,
  parseSharedCost,
  parseTagSelectors,
} from './annotations';
import { keyAliases } from './normalize';

const E = 'component:default/x';

describe('parseIdPatterns', () => {
  it('splits on commas and newlines and records the literal prefix of wildcards', () => {
    const parsed = parseIdPatterns(
      E,
      'costwise.dev/resource-ids',
      ' arn:a:db:orders-* ,\narn:a:db:exact\n\n',
    );
    expect(parsed).toEqual({
      value: [
        expect.objectContaining({
          text: 'arn:a:db:orders-*',
          exact: false,
          prefix: 'arn:a:db:orders-',
          literalLength: 16,
        }),
        expect.objectContaining({
          text: 'arn:a:db:exact',
          exact: true,
          prefix: 'arn:a:db:exact',
        }),
      ],
    });
  });

  it('leaves out a pattern with too many wildcards with a warning naming the entity, and keeps the rest', () => {
    const parsed = parseIdPatterns(
      E,
      'costwise.dev/resource-ids',
      'a*a*a*a*a*a*a*a*a*z, arn:a:db:kept',
    );
    expect(parsed).toEqual({
      value: [expect.objectContaining({ text: 'arn:a:db:kept' })],
      warnings: [
        {
          entity: E,
          annotation: 'costwise.dev/resource-ids',
          message:
            "'a*a*a*a*a*a*a*a*a*z' has 9 wildcards; at most 8 are allowed; this id is ignored",
        },
      ],
    });
  });

  it.each([
    ['', 'no ids given'],
    [' , \n', 'no ids given'],
    ['arn:a:db:x arn:a:db:y', 'contains whitespace'],
    ['*', 'would match everything'],
  ])('warns on %p', (text, message) => {
    const parsed = parseIdPatterns(E, 'costwise.dev/accounts', text);
    expect(parsed).toEqual({
      warning: {
        entity: E,
        annotation: 'costwise.dev/accounts',
        message: expect.stringContaining(message),
      },
    });
  });
});

describe('parseTagSelectors', () => {
  const aliases = keyAliases({ env: 'environment', App: 'Application' });

  it('reads OR-groups of AND-pairs, trimmed, lower-cased and aliased', () => {
    const parsed = parseTagSelectors(
      E,
      'costwise.dev/tags',
      ' Application = Checkout , ENV=Prod ;\n app=checkout-worker ',
      aliases,
    );
    expect(parsed).toEqual({
      value: [
        {
          pairs: [
            ['application', 'checkout'],
            ['environment', 'prod'],
          ],
          text: 'Application = Checkout , ENV=Prod',
        },
        {
          pairs: [['application', 'checkout-worker']],
          text: 'app=checkout-worker',
        },
      ],
    });
  });

  it('keeps values containing =', () => {
    const parsed = parseTagSelectors(
      E,
      'costwise.dev/tags',
      'query=a=b',
      aliases,
    );
    expect(parsed).toEqual({
      value: [{ pairs: [['query', 'a=b']], text: 'query=a=b' }],
    });
  });

  it.each([
    ['application checkout', "'application checkout' is not key=value"],
    ['=x', 'empty key or value'],
    ['a=', 'empty key or value'],
    [' ; ', 'no key=value pairs'],
    ['env=prod,environment=dev', 'two values'],
  ])('warns on %p', (text, message) => {
    expect(parseTagSelectors(E, 'costwise.dev/tags', text, aliases)).toEqual({
      warning: {
        entity: E,
        annotation: 'costwise.dev/tags',
        message: expect.stringContaining(message),
      },
    });
  });
});

describe('parseLlmIds', () => {
  it('reads provider:id items', () => {
    expect(
      parseLlmIds(
        E,
        'costwise.dev/llm',
        'openai:proj_abc, Anthropic : wrkspc_01\nazure-openai:res1',
      ),
    ).toEqual({
      value: [
        { provider: 'openai', id: 'proj_abc', text: 'openai:proj_abc' },
        {
          provider: 'anthropic',
          id: 'wrkspc_01',
          text: 'Anthropic : wrkspc_01',
        },
        { provider: 'azureopenai', id: 'res1', text: 'azure-openai:res1' },
      ],
    });
  });

  it('warns when an item has no provider', () => {
    expect(parseLlmIds(E, 'costwise.dev/llm', 'proj_without_provider')).toEqual(
      {
        warning: expect.objectContaining({
          message: expect.stringContaining(
            "'proj_without_provider' is not provider:id",
          ),
        }),
      },
    );
  });
});

describe('parseSharedCost', () => {
  it.each(['even', ' Proportional '])('reads %p', text => {
    expect(
      parseSharedCost(E, 'costwise.dev/shared-cost', text, 'default'),
    ).toEqual({
      value: { kind: text.trim().toLowerCase(), text: text.trim() },
    });
  });

  it('reads weights with refs normalized (kind Component by default)', () => {
    const parsed = parseSharedCost(
      E,
      'costwise.dev/shared-cost',
      'weights: component:default/a=60, b=37.5,\n api:other/c = 2.5',
      'default',
    );
    expect(parsed).toEqual({
      value: {
        kind: 'weights',
        text: expect.any(String),
        weights: [
          { entity: 'component:default/a', weight: Decimal.parse('60') },
          { entity: 'component:default/b', weight: Decimal.parse('37.5') },
          { entity: 'api:other/c', weight: Decimal.parse('2.5') },
        ],
      },
    });
  });

  it.each([
    ['weighted: 50/50', 'is not a policy'],
    ['weights: a=x', 'is not entity-ref=weight'],
    ['weights: a=-1', 'is not entity-ref=weight'],
    ['weights: a=1, a=2', 'weighted twice'],
    ['weights: a=0', 'positive weight'],
    ['weights:', 'positive weight'],
  ])('warns on %p', (text, message) => {
    expect(
      parseSharedCost(E, 'costwise.dev/shared-cost', text, 'default'),
    ).toEqual({
      warning: expect.objectContaining({
        message: expect.stringContaining(message),
      }),
    });
  });
});

describe('parseKubernetes', () => {
  it('combines id, namespace and label selector into one selector', () => {
    const { selector, warnings } = parseKubernetes(E, {
      'backstage.io/kubernetes-id': 'checkout-api',
      'backstage.io/kubernetes-namespace': 'Checkout',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/part-of=shop, tier==web',
    });
    expect(warnings).toEqual([]);
    expect(selector!.conditions).toEqual([
      { kind: 'id', value: 'checkout-api' },
      { kind: 'namespace', value: 'checkout' },
      { kind: 'label', key: 'app_kubernetes_io_part_of', value: 'shop' },
      { kind: 'label', key: 'tier', value: 'web' },
    ]);
  });

  it('ignores a bad label selector with a warning but keeps the other annotations', () => {
    const { selector, warnings } = parseKubernetes(E, {
      'backstage.io/kubernetes-id': 'x',
      'backstage.io/kubernetes-label-selector': 'tier in (web, api)',
    });
    expect(selector!.conditions).toEqual([{ kind: 'id', value: 'x' }]);
    expect(warnings).toEqual([
      expect.objectContaining({
        annotation: 'backstage.io/kubernetes-label-selector',
      }),
    ]);
  });

  it('returns nothing without Kubernetes annotations', () => {
    expect(parseKubernetes(E, {})).toEqual({ warnings: [] });
  });
});
