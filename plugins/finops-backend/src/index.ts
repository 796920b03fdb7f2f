/**
 * The Costwise FinOps backend plugin: ingestion, cost store, attribution and
 * the cost API under `/api/finops`. The engine it runs is
 * `@costwise/plugin-finops-engine`.
 *
 * @packageDocumentation
 */
export { finopsPlugin as default } from './plugin';
