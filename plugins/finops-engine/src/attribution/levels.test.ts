import { allocationsOf, entity, group, run } from './__testUtils__/fixtures';

describe('attribute: tags', () => {
  it('compares keys and values trimmed and case-insensitively, through key aliases', () => {
    const g = group({ tags: { ' Env ': 'PROD ', Application: 'Checkout' } });
    const result = run(
      [
        entity('Component', 'checkout', {
          'costwise.dev/tags': 'environment=prod, application = checkout',
        }),
      ],
      [[g, '5']],
      { tagKeyAliases: { env: 'environment' } },
    );
    expect(allocationsOf(result, g.id)).toEqual({
      'component:default/checkout': '5',
    });
    expect(result.attributed[0].allocations[0].evidence).toEqual({
      method: 'tags',
      entityRef: 'component:default/checkout',
      annotation: 'costwise.dev/tags',
      selector: 'environment=prod, application = checkout',
      matched: { 'tag:environment': 'prod', 'tag:application': 'checkout' },
      confidence: 1,
    });
  });

  it('reads aws.amazon.com/cost-insights-tags for users migrating', () => {
    const g = group({ tags: { service: 'billing', stage: 'prod' } });
    const result = run(
      [
        entity('Component', 'billing', {
          'aws.amazon.com/cost-insights-tags': 'service=billing,stage=prod',
        }),
      ],
      [[g, '3']],
    );
    expect(result.attributed[0].allocations[0]).toEqual(
      expect.objectContaining({
        entity: 'component:default/billing',
        method: 'tags',
        evidence: expect.objectContaining({
          annotation: 'aws.amazon.com/cost-insights-tags',
        }),
      }),
    );
  });
});

describe('attribute: kubernetes, llm and accounts', () => {
  it('matches the namespace tag, however the exporter spells the key', () => {
    const entities = [
      entity('Component', 'shop-ns', {
        'backstage.io/kubernetes-namespace': 'shop',
      }),
      entity('Component', 'cart', {
        'backstage.io/kubernetes-namespace': 'shop',
        'backstage.io/kubernetes-id': 'cart',
      }),
    ];
    const a = group({ tags: { kubernetes_namespace: 'shop' } });
    const b = group({
      tags: { 'k8s-namespace': 'Shop', 'backstage.io/kubernetes-id': 'cart' },
    });
    const c = group({ tags: { namespace: 'other' } });
    const result = run(entities, [
      [a, '1'],
      [b, '2'],
      [c, '4'],
    ]);
    expect(allocationsOf(result, a.id)).toEqual({
      'component:default/shop-ns': '1',
    });
    expect(allocationsOf(result, b.id)).toEqual({
      'component:default/cart': '2',
    });
    expect(result.unattributed.map(u => u.groupId)).toEqual([c.id]);
  });

  it('matches LLM project ids of the named provider only', () => {
    const entities = [
      entity('Component', 'assistant', {
        'costwise.dev/llm': 'openai:proj_Kq7, anthropic:wrkspc_01',
      }),
    ];
    const openai = group({
      provider: 'OpenAI',
      serviceName: 'OpenAI API',
      subAccountId: 'proj_Kq7',
    });
    const anthropic = group({
      provider: 'Anthropic',
      serviceName: 'Anthropic API',
      subAccountId: 'wrkspc_01',
    });
    const wrongVendor = group({
      provider: 'Anthropic',
      serviceName: 'Anthropic API',
      subAccountId: 'proj_Kq7',
    });
    const result = run(entities, [
      [openai, '1'],
      [anthropic, '2'],
      [wrongVendor, '4'],
    ]);
    expect(allocationsOf(result, openai.id)).toEqual({
      'component:default/assistant': '1',
    });
    expect(allocationsOf(result, anthropic.id)).toEqual({
      'component:default/assistant': '2',
    });
    expect(result.unattributed.map(u => u.groupId)).toEqual([wrongVendor.id]);
  });

  it('matches sub accounts before billing accounts, with wildcards and bare Azure subscription ids', () => {
    const entities = [
      entity(
        'Group',
        'finance',
        { 'costwise.dev/accounts': '999999999999' },
        { type: 'team' },
      ),
      entity('System', 'data', { 'costwise.dev/accounts': 'acme-data-*' }),
      entity('System', 'web', {
        'costwise.dev/accounts': '7f1c2a4e-1b2c-4d5e-8f90-123456789abc',
      }),
    ];
    const gcp = group({
      billingAccountId: '999999999999',
      subAccountId: 'acme-data-prod',
    });
    const payer = group({
      billingAccountId: '999999999999',
      subAccountId: 'other',
    });
    const azure = group({
      provider: 'Microsoft',
      subAccountId: '/subscriptions/7f1c2a4e-1b2c-4d5e-8f90-123456789abc',
    });
    const result = run(entities, [
      [gcp, '1'],
      [payer, '2'],
      [azure, '4'],
    ]);
    expect(allocationsOf(result, gcp.id)).toEqual({
      'system:default/data': '1',
    });
    expect(allocationsOf(result, payer.id)).toEqual({
      'group:default/finance': '2',
    });
    expect(allocationsOf(result, azure.id)).toEqual({
      'system:default/web': '4',
    });
  });
});

describe('attribute: overrides', () => {
  const entities = [
    entity('Component', 'tagged', { 'costwise.dev/tags': 'application=x' }),
    entity('Resource', 'annotated', { 'costwise.dev/resource-ids': 'vol-*' }),
  ];

  it('apply at the resource-id level, and win a true tie against an annotation', () => {
    const a = group({ resourceId: 'i-1', tags: { application: 'x' } });
    const b = group({ resourceId: 'vol-1' });
    const result = run(
      entities,
      [
        [a, '1'],
        [b, '2'],
      ],
      {},
      [
        {
          id: 'r1',
          match: { account: '1111*', service: 'amazon elastic compute cloud' },
          entityRef: 'component:default/owner',
        },
        {
          id: 'r2',
          match: { resourceIdPattern: 'vol-*' },
          entityRef: 'component:default/owner',
        },
      ],
    );
    expect(allocationsOf(result, a.id)).toEqual({
      'component:default/owner': '1',
    });
    expect(allocationsOf(result, b.id)).toEqual({
      'component:default/owner': '2',
    });
    expect(result.attributed[0].allocations[0].evidence).toEqual(
      expect.objectContaining({
        method: 'override',
        ruleId: 'r1',
        matched: {
          account: '111111111111',
          service: 'Amazon Elastic Compute Cloud',
        },
      }),
    );
    expect(result.conflicts).toEqual([]);
  });

  it('lose to a more specific resource id, and are ignored with a warning when unusable', () => {
    const b = group({ resourceId: 'vol-1' });
    const result = run(entities, [[b, '2']], {}, [
      {
        id: 'broad',
        match: { account: '*1' },
        entityRef: 'component:default/owner',
      },
      { id: 'empty', match: {}, entityRef: 'component:default/owner' },
      { id: 'bad-ref', match: { service: 's' }, entityRef: 'owner' },
    ]);
    expect(allocationsOf(result, b.id)).toEqual({
      'resource:default/annotated': '2',
    });
    expect(result.warnings.map(w => w.annotation)).toEqual([
      'override:empty',
      'override:bad-ref',
    ]);
  });
});

describe('attribute: malformed annotations', () => {
  it('are reported on their entity and leave other rules and entities alone', () => {
    const entities = [
      entity('Component', 'promo', {
        'costwise.dev/tags': 'application checkout',
        'costwise.dev/resource-ids': 'promo-*',
      }),
      entity('Component', 'lab', {
        'costwise.dev/llm': 'proj_without_provider',
      }),
      entity('Component', 'checkout', {
        'costwise.dev/tags': 'application=checkout',
      }),
    ];
    const promo = group({ resourceId: 'promo-1' });
    const checkout = group({ tags: { application: 'checkout' } });
    const result = run(entities, [
      [promo, '1'],
      [checkout, '2'],
    ]);
    expect(allocationsOf(result, promo.id)).toEqual({
      'component:default/promo': '1',
    });
    expect(allocationsOf(result, checkout.id)).toEqual({
      'component:default/checkout': '2',
    });
    expect(result.warnings).toEqual([
      {
        entity: 'component:default/promo',
        annotation: 'costwise.dev/tags',
        message: expect.any(String),
      },
      {
        entity: 'component:default/lab',
        annotation: 'costwise.dev/llm',
        message: expect.any(String),
      },
    ]);
  });
});
