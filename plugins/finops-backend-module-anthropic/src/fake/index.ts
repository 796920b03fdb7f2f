export { startFakeAnthropicServer } from './server';
export type {
  FakeAnthropicFault,
  FakeAnthropicRequest,
  FakeAnthropicServer,
  FakeAnthropicServerOptions,
} from './server';
export { DEMO_ANTHROPIC_WORKSPACES, generateAnthropicDataset } from './dataset';
export type {
  FakeAnthropicCost,
  FakeAnthropicDataset,
  FakeAnthropicModel,
  FakeAnthropicUsage,
  FakeAnthropicWorkspace,
} from './dataset';
