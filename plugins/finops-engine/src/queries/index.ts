export * from './views';
export * from './unitEconomics';
export * from './showback';
export * from './ai';
