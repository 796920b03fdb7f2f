export * from './types';
export * from './RecommendationService';
export * from './kpis';
export * from './sources';
export * from './formats';
export * from './detectors';
