/**
 * The Costwise FinOps engine, shared by the backend plugin and the CLI so
 * that both run the same code: the model (fact groups, daily facts, store
 * interfaces, dates, exact sums), configuration, ingestion and its formats,
 * the stores and their migrations, attribution and its runner, business
 * metrics, the queries the views use, and the demo data. It serves no HTTP
 * and uses no Backstage service it is not handed.
 *
 * Folders are layered, each importing only those before it (a test,
 * `layers.test.ts`, keeps it so): model, config, stores, ingestion,
 * attribution, metrics, queries, recommendations, budgets, anomalies,
 * governance, ask, demo.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './config';
export * from './stores';
export * from './ingestion';
export * from './attribution';
export * from './metrics';
export * from './queries';
export * from './recommendations';
export * from './budgets';
export * from './anomalies';
export * from './governance';
export * from './ask';
export * from './demo';
