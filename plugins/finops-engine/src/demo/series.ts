import {
  BillingAccount,
  billingAccountFor,
  EUR_AZURE_ACCOUNT,
  EUR_AZURE_SUBSCRIPTION,
} from './accounts';
import { FALLBACK_MODEL, MODEL_PROFILES } from './modelProfiles';
import {
  FALLBACK_PROFILE,
  KUBERNETES_METERS,
  Meter,
  SERVICE_PROFILES,
} from './profiles';
import { stableFactor } from '../model/prng';
import type { DemoCloudPlacement, DemoMapping } from './types';

/** One billed meter of one resource (or project, or workload): a daily time series. */
export interface Series {
  /** Stable identity; seeds the series' random numbers. */
  key: string;
  origin:
    | 'resourceIds'
    | 'tags'
    | 'accounts'
    | 'llm'
    | 'kubernetes'
    | 'inferenceOnly'
    | 'unattributed'
    | 'extra';
  entity?: string;
  account: BillingAccount;
  subAccountId?: string;
  serviceName: string;
  serviceCategory: string;
  serviceSubcategory?: string;
  regionId?: string;
  resourceId?: string;
  resourceName?: string;
  resourceType?: string;
  tags?: Record<string, string>;
  meter: Meter;
  skuId: string;
  /** Base consumed quantity per day, already sized for this resource. */
  daily: number;
  /** Negotiated discount off list, in percent. */
  discountPercent: number;
  /** Eligible for the savings plan. */
  covered?: boolean;
  /** A credit of this percent of the day's cost follows each day's usage. */
  creditPercent?: number;
  /** The resource only exists from this day on. */
  firstDay?: number;
  /** Usage multiplied by `factor` on `day`. */
  spike?: { day: number; factor: number };
  /** Usage multiplied by `factor` from `day` on: the resource was resized. */
  resize?: { day: number; factor: number };
}

/** Negotiated discounts by provider (an enterprise agreement on AWS). */
const DISCOUNTS: Record<string, number> = { AWS: 6 };

/** Size of each resource relative to the profile's typical one, by environment. */
const ENVIRONMENT_SIZE: Record<string, number> = {
  staging: 0.35,
  ci: 1,
  dev: 0.25,
};

function lastSegment(id: string): string {
  const parts = id.split(/[/:]/).filter(Boolean);
  return parts[parts.length - 1] ?? id;
}

function environmentOf(
  tags: Record<string, string> | undefined,
): string | undefined {
  if (!tags) return undefined;
  const key = Object.keys(tags).find(
    k => k.trim().toLowerCase() === 'environment',
  );
  return key ? tags[key] : undefined;
}

/** Instance types that make a few well-known resources stand out from the profile. */
function adjustMeter(
  meter: Meter,
  p: DemoCloudPlacement,
  origin: Series['origin'],
  tags?: Record<string, string>,
): Meter {
  if (p.service === 'Amazon Elastic Compute Cloud' && meter.unit === 'Hours') {
    // EKS worker nodes are big; a forgotten load-test box is bigger still; CI runners work office hours
    if (tags && 'aws:eks:cluster-name' in tags)
      return { ...meter, meter: 'BoxUsage:m6i.8xlarge', price: '1.712' };
    if (origin === 'unattributed')
      return { ...meter, meter: 'BoxUsage:c5.24xlarge', price: '4.608' };
    if (environmentOf(tags) === 'ci')
      return {
        ...meter,
        meter: 'BoxUsage:c6i.4xlarge',
        price: '0.76',
        pattern: 'office',
      };
  }
  if (p.service === 'Amazon Elastic Block Store' && origin === 'unattributed') {
    return { ...meter, meter: 'VolumeUsage.io2', price: '0.138', daily: 133 };
  }
  return meter;
}

export interface PlacementOptions {
  origin: Series['origin'];
  entity?: string;
  tags?: Record<string, string>;
  account?: BillingAccount;
  meters?: Meter[];
  firstDay?: number;
}

/** The series of every meter of a cloud resource. */
export function placementSeries(
  seed: number,
  p: DemoCloudPlacement,
  o: PlacementOptions,
): Series[] {
  const profile = SERVICE_PROFILES[p.service] ?? FALLBACK_PROFILE;
  const account = o.account ?? billingAccountFor(p.provider);
  const size =
    stableFactor(seed, p.resourceId, 0.6, 1.5) *
    (ENVIRONMENT_SIZE[environmentOf(o.tags) ?? ''] ?? 1);
  return (o.meters ?? profile.meters).map(base => {
    const meter = adjustMeter(base, p, o.origin, o.tags);
    const daily = meter.pattern === 'hours' ? meter.daily : meter.daily * size;
    return {
      key: `${o.origin}|${p.resourceId}|${meter.meter}`,
      origin: o.origin,
      entity: o.entity,
      account,
      subAccountId: p.subAccount || undefined,
      serviceName: p.service,
      serviceCategory: p.serviceCategory,
      regionId: p.region || undefined,
      resourceId: p.resourceId,
      resourceName: lastSegment(p.resourceId),
      resourceType: profile.resourceType,
      tags: o.tags && Object.keys(o.tags).length > 0 ? o.tags : undefined,
      meter,
      skuId: meter.meter,
      daily,
      discountPercent: DISCOUNTS[account.provider] ?? 0,
      covered:
        p.provider === 'AWS' &&
        p.service === 'Amazon Elastic Compute Cloud' &&
        meter.unit === 'Hours' &&
        meter.pattern === 'hours' &&
        (o.origin === 'resourceIds' || o.origin === 'tags'),
      creditPercent: p.service === 'Compute Engine' ? 20 : undefined,
      firstDay: o.firstDay,
    };
  });
}

const TOKEN_TYPES = [
  { unit: 'Input Tokens', price: 'input', ratio: 1 },
  { unit: 'Cached Input Tokens', price: 'cached', ratio: 'cachedRatio' },
  { unit: 'Output Tokens', price: 'output', ratio: 'outputRatio' },
] as const;

function llmSeries(seed: number, mapping: DemoMapping): Series[] {
  const out: Series[] = [];
  for (const entry of mapping.llm) {
    const account = billingAccountFor(entry.provider);
    for (const model of entry.models) {
      const profile = MODEL_PROFILES[model] ?? FALLBACK_MODEL;
      const size = stableFactor(seed, `${entry.project}|${model}`, 0.6, 1.4);
      const embedding = model.includes('embedding');
      for (const t of TOKEN_TYPES) {
        const price = profile[t.price];
        const ratio = typeof t.ratio === 'number' ? t.ratio : profile[t.ratio];
        if (!price || ratio === 0) continue;
        out.push({
          key: `llm|${entry.project}|${model}|${t.unit}`,
          origin: 'llm',
          entity: entry.entity,
          account,
          subAccountId: entry.project,
          serviceName: `${entry.provider} API`,
          serviceCategory: 'AI and Machine Learning',
          serviceSubcategory: 'Generative AI',
          meter: {
            meter: t.unit,
            unit: t.unit,
            price,
            daily: 0,
            pattern: embedding ? 'batch' : 'web',
            blockExp: 6,
            qScale: 0,
            model,
          },
          skuId: model,
          daily: profile.dailyInput * ratio * size,
          discountPercent: 0,
        });
      }
    }
  }
  return out;
}

function kubernetesSeries(seed: number, mapping: DemoMapping): Series[] {
  const out: Series[] = [];
  for (const k of mapping.kubernetes) {
    // the workloads run on the cluster whose ARN the mapping names, in its account and region
    const cluster = mapping.resourceIds.find(r =>
      r.resourceId.endsWith(`:cluster/${k.cluster}`),
    );
    const region = cluster?.region ?? 'eu-west-1';
    const accountId = cluster?.subAccount ?? '';
    const size = stableFactor(seed, `${k.namespace}/${k.id}`, 0.5, 1.6);
    const labels = { 'backstage.io/kubernetes-id': k.id };
    const metered: Array<[Meter, Record<string, string>]> = [
      [
        KUBERNETES_METERS.cpu,
        {
          kubernetes_cluster: k.cluster,
          kubernetes_namespace: k.namespace,
          ...labels,
        },
      ],
      [
        KUBERNETES_METERS.memory,
        {
          kubernetes_cluster: k.cluster,
          kubernetes_namespace: k.namespace,
          ...labels,
        },
      ],
      [
        KUBERNETES_METERS.network,
        {
          kubernetes_cluster: k.cluster,
          kubernetes_namespace: k.namespace,
          ...labels,
        },
      ],
      // volumes come from another exporter that spells the keys differently, as real estates do
      [
        KUBERNETES_METERS.storage,
        { 'k8s-cluster': k.cluster, 'k8s-namespace': k.namespace, ...labels },
      ],
    ];
    for (const [meter, tags] of metered) {
      const resourceId = `arn:aws:eks:${region}:${accountId}:workload/${k.cluster}/${k.namespace}/${k.id}`;
      out.push({
        key: `k8s|${resourceId}|${meter.meter}`,
        origin: 'kubernetes',
        entity: k.entity,
        account: billingAccountFor(cluster?.provider ?? 'AWS'),
        subAccountId: accountId || undefined,
        serviceName: cluster?.service ?? 'Amazon Elastic Kubernetes Service',
        serviceCategory: 'Compute',
        serviceSubcategory: 'Containers',
        regionId: region,
        resourceId,
        resourceName: `${k.namespace}/${k.id}`,
        resourceType: 'Kubernetes Workload',
        tags,
        meter,
        skuId: meter.meter,
        daily: meter.daily * size,
        discountPercent: DISCOUNTS[cluster?.provider ?? 'AWS'] ?? 0,
      });
    }
  }
  return out;
}

/** A small German subsidiary's storefront, billed in EUR, with export-style dirty tag keys. */
function eurSeries(seed: number, mapping: DemoMapping): Series[] {
  const web =
    mapping.tags.find(
      t => t.provider === 'Microsoft' && t.service === 'Azure App Service',
    ) ?? mapping.tags.find(t => t.provider === 'Microsoft');
  if (!web) return [];
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(web.tags))
    tags[k === 'environment' ? ' Environment' : k] = v;
  tags.CostCenter = 'CC-4410';
  const rg = `${EUR_AZURE_SUBSCRIPTION}/resourceGroups/rg-web-de/providers`;
  const place = (
    service: string,
    serviceCategory: string,
    resourceId: string,
  ): DemoCloudPlacement => ({
    provider: 'Microsoft',
    service,
    serviceCategory,
    region: 'germanywestcentral',
    subAccount: EUR_AZURE_SUBSCRIPTION,
    resourceId,
  });
  return [
    ...placementSeries(
      seed,
      place(
        'Azure App Service',
        'Web',
        `${rg}/Microsoft.Web/sites/acme-storefront-de`,
      ),
      { origin: 'extra', entity: web.entity, tags, account: EUR_AZURE_ACCOUNT },
    ),
    ...placementSeries(
      seed,
      place(
        'Storage Accounts',
        'Storage',
        `${rg}/Microsoft.Storage/storageAccounts/acmestorefrontde`,
      ),
      { origin: 'extra', entity: web.entity, tags, account: EUR_AZURE_ACCOUNT },
    ),
  ];
}

/** Every series the mapping implies, in a fixed order. */
export function buildSeries(seed: number, mapping: DemoMapping): Series[] {
  return [
    ...mapping.resourceIds.flatMap(r =>
      placementSeries(seed, r, { origin: 'resourceIds', entity: r.entity }),
    ),
    ...mapping.tags.flatMap(t =>
      placementSeries(seed, t, {
        origin: 'tags',
        entity: t.entity,
        tags: t.tags,
      }),
    ),
    ...mapping.accounts.flatMap(a =>
      placementSeries(seed, a, { origin: 'accounts', entity: a.entity }),
    ),
    ...mapping.inferenceOnly.flatMap(i =>
      placementSeries(seed, i, {
        origin: 'inferenceOnly',
        entity: i.entity,
        tags: i.tags,
      }),
    ),
    ...mapping.unattributed.flatMap(u =>
      placementSeries(seed, u, { origin: 'unattributed', tags: u.tags }),
    ),
    ...kubernetesSeries(seed, mapping),
    ...llmSeries(seed, mapping),
    ...eurSeries(seed, mapping),
  ];
}
