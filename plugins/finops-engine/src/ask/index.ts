export { AskEngine } from './AskEngine';
export type { AskContext, AskEngineOptions } from './AskEngine';
export { validateQuery } from './validate';
export { cleanQuestion, MAX_QUESTION_LENGTH } from './parse/text';
