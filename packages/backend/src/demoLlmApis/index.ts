export { finopsModuleDemoLlmApis } from './module';
