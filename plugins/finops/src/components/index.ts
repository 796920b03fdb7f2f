export { EntityCostCard } from './EntityCostCard';
export { EntityCostContent } from './EntityCostContent';
export { isCostAvailable } from './mapping';
