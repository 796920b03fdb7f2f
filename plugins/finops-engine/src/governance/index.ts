export * from './definitions';
export * from './GovernanceService';
