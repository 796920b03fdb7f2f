/**
 * Extension points, permission rules and test helpers for Costwise FinOps backend modules.
 *
 * @packageDocumentation
 */
export * from './sources';
export * from './signals';
export * from './permissions';
export * from './metrics';
export * from './recommendations';
export * from './providerApi';
export * from './llm';
