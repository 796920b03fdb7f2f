export { startFakeOpenAiServer } from './server';
export type {
  FakeApiFault,
  FakeApiRequest,
  FakeOpenAiServer,
  FakeOpenAiServerOptions,
} from './server';
export { DEMO_OPENAI_PROJECTS, generateOpenAiDataset } from './dataset';
export type {
  FakeOpenAiCost,
  FakeOpenAiDataset,
  FakeOpenAiModel,
  FakeOpenAiProject,
  FakeOpenAiUsage,
} from './dataset';
