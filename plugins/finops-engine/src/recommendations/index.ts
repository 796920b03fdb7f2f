export * from './types';
export * from './RecommendationService';
export * from './kpis';
