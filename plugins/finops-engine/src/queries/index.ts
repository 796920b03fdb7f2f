export * from './views';
export * from './unitEconomics';
export * from './showback';
