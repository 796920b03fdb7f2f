export { EntityCostCard } from './EntityCostCard';
export { EntityCostContent } from './EntityCostContent';
export { EntityRecommendationsContent } from './EntityRecommendationsContent';
export { EntityTeamCostContent } from './EntityTeamCostContent';
export { isCostAvailable } from './mapping';
export { FinopsPage, FinopsPageContent } from './FinopsPage';
