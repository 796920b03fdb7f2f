// The KPIs' definitions live in the model, where configuration checks read them too.
export { KPI_DEFINITIONS } from '../model/kpis';
export type { KpiDefinition } from '../model/kpis';
