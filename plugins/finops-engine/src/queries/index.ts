export * from './views';
export * from './unitEconomics';
