import { allocationsOf, entity, group, run } from './__testUtils__/fixtures';

/** A project shared by two features: one maps the project, the other its own API key. */
const entities = [
  entity('Component', 'assistant', { 'costwise.dev/llm': 'openai:proj_a' }),
  entity('Component', 'copilot', { 'costwise.dev/llm': 'openai:key_copilot' }),
];

const openai = (tags: Record<string, string>, resourceId?: string) =>
  group({
    provider: 'OpenAI',
    serviceName: 'OpenAI API',
    subAccountId: 'proj_a',
    tags,
    ...(resourceId ? { resourceId } : {}),
  });

describe('attribute: LLM API keys before projects', () => {
  it("gives a key's usage to the entity that maps the key, the rest of the project to the project's", () => {
    const byKey = openai({
      x_CredentialId: 'key_copilot',
      x_ModelId: 'gpt-4o',
    });
    const otherKey = openai({
      x_CredentialId: 'key_main',
      x_ModelId: 'gpt-4o',
    });
    const noKey = openai({ x_ModelId: 'gpt-4o' });
    const result = run(entities, [
      [byKey, '3'],
      [otherKey, '5'],
      [noKey, '7'],
    ]);
    expect(allocationsOf(result, byKey.id)).toEqual({
      'component:default/copilot': '3',
    });
    expect(allocationsOf(result, otherKey.id)).toEqual({
      'component:default/assistant': '5',
    });
    expect(allocationsOf(result, noKey.id)).toEqual({
      'component:default/assistant': '7',
    });
    // a key and its project never tie: nothing is split or reported
    expect(result.conflicts).toEqual([]);
    expect(
      result.attributed.find(a => a.groupId === byKey.id)!.allocations[0]
        .evidence,
    ).toEqual(
      expect.objectContaining({
        method: 'llm',
        selector: 'openai:key_copilot',
        matched: { x_CredentialId: 'key_copilot', provider: 'OpenAI' },
      }),
    );
  });

  it('reads the key tag however its name is spelled, and a key given as the resource id', () => {
    const spelled = openai({ ' X_CREDENTIALID ': 'KEY_COPILOT' });
    const asResource = openai({}, 'key_copilot');
    const result = run(entities, [
      [spelled, '2'],
      [asResource, '4'],
    ]);
    expect(allocationsOf(result, spelled.id)).toEqual({
      'component:default/copilot': '2',
    });
    expect(allocationsOf(result, asResource.id)).toEqual({
      'component:default/copilot': '4',
    });
  });

  it("does not give another vendor's key to an OpenAI mapping", () => {
    const anthropic = group({
      provider: 'Anthropic',
      serviceName: 'Anthropic API',
      subAccountId: 'wrkspc_1',
      tags: { x_CredentialId: 'key_copilot' },
    });
    const result = run(entities, [[anthropic, '1']]);
    expect(result.unattributed.map(u => u.groupId)).toEqual([anthropic.id]);
  });
});
