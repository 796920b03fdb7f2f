export { EntityCostCard } from './EntityCostCard';
export { EntityCostContent } from './EntityCostContent';
export { EntityTeamCostContent } from './EntityTeamCostContent';
export { isCostAvailable } from './mapping';
