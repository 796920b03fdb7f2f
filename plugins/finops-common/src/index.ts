/**
 * Shared types, annotations, permissions and helpers of the Costwise FinOps plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './decimal';
export * from './permissions';
export * from './types';
export * from './attribution';
export * from './api';
export * from './unitEconomics';
export * from './recommendations';
export * from './governance';
export * from './budgets';
export * from './ask';
export * from './anomalies';
export * from './ai';
