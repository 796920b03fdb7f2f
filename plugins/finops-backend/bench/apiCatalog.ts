/*
 * The synthetic catalog of the API benchmark: Components in Systems owned by
 * Groups. The benchmark process fills the database from it and the server
 * process answers catalog look-ups from it, so both build it the same way.
 */
import type { Entity } from '@backstage/catalog-model';

/** A fast deterministic PRNG (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticCatalog {
  entities: Entity[];
  /** Refs per kind, lower-cased as the API and the store spell them. */
  components: string[];
  systems: string[];
  groups: string[];
  /** The System of each Component, by index. */
  systemOf: number[];
}

export const accountOf = (system: number) => String(200000000000 + system);

/**
 * `total` entities: one Group per 100 and one System per 20, the rest
 * Components spread evenly over the Systems. A System and its Components
 * belong to the same Group, as in most catalogs.
 */
export function syntheticCatalog(
  total: number,
  options: { unitMetric?: boolean } = {},
): SyntheticCatalog {
  const groupCount = Math.max(1, Math.round(total / 100));
  const systemCount = Math.max(1, Math.round(total / 20));
  const componentCount = Math.max(1, total - groupCount - systemCount);
  const entities: Entity[] = [];
  const out: SyntheticCatalog = {
    entities,
    components: [],
    systems: [],
    groups: [],
    systemOf: [],
  };
  for (let g = 0; g < groupCount; g++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${g}`, namespace: 'default' },
      spec: { type: 'team', children: [] },
    });
    out.groups.push(`group:default/team-${g}`);
  }
  for (let s = 0; s < systemCount; s++) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: `system-${s}`,
        namespace: 'default',
        annotations: { 'costwise.dev/accounts': accountOf(s) },
      },
      spec: { owner: `group:default/team-${s % groupCount}` },
    });
    out.systems.push(`system:default/system-${s}`);
  }
  for (let c = 0; c < componentCount; c++) {
    const s = Math.floor((c * systemCount) / componentCount);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${c}`,
        namespace: 'default',
        annotations: {
          'costwise.dev/tags': `application=svc-${c}`,
          'costwise.dev/resource-ids': `arn:aws:rds:us-east-1:${accountOf(
            s,
          )}:db:svc-${c}-*`,
          'costwise.dev/llm': `openai:proj_svc_${c}`,
          ...(options.unitMetric
            ? { 'costwise.dev/unit-metric': 'requests per 1000' }
            : {}),
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${s % groupCount}`,
        system: `system-${s}`,
      },
    });
    out.components.push(`component:default/svc-${c}`);
    out.systemOf.push(s);
  }
  return out;
}
