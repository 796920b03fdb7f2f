/**
 * Deterministic demo business metrics: requests, orders, transactions,
 * active users, conversations and deployments per component and day.
 *
 * Usage follows each component's attributed daily cost, so that unit cost is
 * realistic: volume = cost / price per unit, where the price is a stable
 * per-component figure that drifts over the period (some services get more
 * efficient, some less), with a little daily noise. Deployments are counted
 * on working days. A few experimental components have days without usage.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_UNIT_METRIC,
  DEPLOYMENTS_METRIC,
  MetricPoint,
} from '@costwise/plugin-finops-common';
import { rngFor, stableFactor } from '../model/prng';

/** Price of one unit (in the cost currency) a component's volume is derived from: [min, max). */
const UNIT_PRICE: Record<string, [number, number]> = {
  requests: [0.00002, 0.0006],
  orders: [0.05, 0.4],
  transactions: [0.01, 0.08],
  active_users: [0.02, 0.3],
  conversations: [0.05, 0.5],
};
const DEFAULT_PRICE: [number, number] = [0.01, 1];

/** Deployments per working day by component type. */
const DEPLOY_RATE: Record<string, number> = {
  service: 3,
  website: 2.5,
  worker: 1.5,
  'data-pipeline': 1,
  'ml-model': 0.5,
};

const REQUEST_TYPES = new Set(['service', 'website']);

function refOf(entity: Entity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();
}

/** The metric a component's unit-metric annotation names, if it reads. */
function declaredMetric(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION_UNIT_METRIC];
  const name = value?.trim().split(/\s+/)[0]?.toLowerCase();
  return name && /^[a-z][a-z0-9_.-]*$/.test(name) ? name : undefined;
}

function isWeekend(day: string): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/**
 * The metrics of the demo catalog's components over the days they have
 * cost. `costs` holds each component's daily cost as a number (volumes are
 * counts, not money; only their ratio to the exact cost is shown).
 *
 * @public
 */
export function generateDemoMetrics(options: {
  entities: Entity[];
  costs: Map<string, Map<string, number>>;
  seed?: number;
}): MetricPoint[] {
  const seed = options.seed ?? 1;
  const points: MetricPoint[] = [];
  for (const entity of options.entities) {
    if (entity.kind.toLowerCase() !== 'component') continue;
    const type = String(entity.spec?.type ?? '');
    if (type === 'library') continue;
    const ref = refOf(entity);
    const cost = options.costs.get(ref);
    if (!cost || cost.size === 0) continue;
    const experimental = entity.spec?.lifecycle === 'experimental';
    const metrics = new Set<string>();
    if (REQUEST_TYPES.has(type)) metrics.add('requests');
    const declared = declaredMetric(entity);
    if (declared && declared !== DEPLOYMENTS_METRIC) metrics.add(declared);

    const days = [...cost.keys()].sort();
    days.forEach((day, i) => {
      const t = days.length > 1 ? i / (days.length - 1) : 0;
      for (const metric of metrics) {
        const [min, max] = UNIT_PRICE[metric] ?? DEFAULT_PRICE;
        const price = stableFactor(seed, `${ref}|${metric}|price`, min, max);
        // between 25% cheaper and 15% dearer per unit by the end of the period
        const drift = stableFactor(seed, `${ref}|${metric}|drift`, -0.25, 0.15);
        const rng = rngFor(seed, 'metric', ref, metric, day);
        const noise = 0.92 + rng() * 0.16;
        const idle = experimental && rng() < 0.08;
        const volume = idle
          ? 0
          : Math.round((cost.get(day)! / (price * (1 + drift * t))) * noise);
        points.push({
          entity: ref,
          metric,
          date: day,
          value: Math.max(0, volume),
        });
      }
      const rate =
        (DEPLOY_RATE[type] ?? 1) *
        stableFactor(seed, `${ref}|deploy-rate`, 0.4, 1.6);
      const rng = rngFor(seed, 'deployments', ref, day);
      // on weekends only the odd hotfix
      const weekendDeploy = rng() < 0.1 ? 1 : 0;
      const deployments = isWeekend(day)
        ? weekendDeploy
        : Math.floor(rng() * rate * 2);
      points.push({
        entity: ref,
        metric: DEPLOYMENTS_METRIC,
        date: day,
        value: deployments,
      });
    });
  }
  return points;
}
