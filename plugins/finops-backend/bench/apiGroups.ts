/*
 * The synthetic fact groups of the API benchmark: what each entity of the
 * synthetic catalog is billed for and where attribution puts it.
 */
import type { AttributionMethod } from '@costwise/plugin-finops-common';
import { accountOf, prng, SyntheticCatalog } from './apiCatalog';

export interface Target {
  ref: string;
  method: AttributionMethod;
  confidence: number;
  evidence: Record<string, unknown>;
}

export interface GroupSpec {
  id: number;
  source: string;
  provider: string;
  currency: string;
  service: string;
  category: string;
  region?: string;
  subAccount: string;
  resourceId?: string;
  tags: Record<string, string>;
  /** Typical billed cost per day, in millionths. */
  base: number;
  discount: number;
  weekly: boolean;
  start: number;
  end: number;
  targets: Target[];
}

const SOURCE_OF: Record<string, string> = {
  AWS: 'aws-cur',
  'Microsoft Azure': 'azure-export',
  OpenAI: 'openai-usage',
};

/** Millionths as a normalized decimal string, as the store keeps amounts. */
export function money(micro: number): string {
  const s = String(micro).padStart(7, '0');
  const frac = s.slice(-6).replace(/0+$/, '');
  return frac ? `${s.slice(0, -6)}.${frac}` : s.slice(0, -6);
}

/** Splits an amount in near-equal exact parts, the remainder to the first. */
export function split(micro: number, parts: number): number[] {
  const each = Math.floor(micro / parts);
  return Array.from({ length: parts }, (_, i) =>
    i === 0 ? micro - each * (parts - 1) : each,
  );
}

export function evidence(
  ref: string,
  method: AttributionMethod,
  annotation: string,
  selector: string,
  matched: Record<string, string>,
  confidence = 1,
) {
  return {
    method,
    entityRef: ref,
    annotation,
    selector,
    matched,
    confidence,
  };
}

export function groupSpecs(
  catalog: SyntheticCatalog,
  days: number,
): GroupSpec[] {
  const rand = prng(7);
  const pick = (n: number) => Math.floor(rand() * n);
  const out: GroupSpec[] = [];
  const lifetime = () => {
    // most resources run all along; others start or stop during the period
    const start = rand() < 0.75 ? 0 : pick(Math.max(1, days - 30));
    const end = rand() < 0.05 ? start + pick(days - start) : days - 1;
    return { start, end };
  };
  const add = (spec: Omit<GroupSpec, 'id' | 'source' | 'start' | 'end'>) =>
    out.push({
      ...spec,
      id: out.length + 1,
      source: SOURCE_OF[spec.provider],
      ...lifetime(),
    });
  const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];

  catalog.components.forEach((ref, c) => {
    const s = catalog.systemOf[c];
    const app = `svc-${c}`;
    const azure = rand() < 0.3;
    const inferred = rand() < 0.05;
    const tags: Record<string, string> = inferred
      ? { name: `${app}-api` }
      : { application: app };
    add({
      provider: azure ? 'Microsoft Azure' : 'AWS',
      currency: azure && rand() < 0.1 ? 'EUR' : 'USD',
      service: azure ? 'Virtual Machines' : 'Amazon Elastic Compute Cloud',
      category: 'Compute',
      region: azure ? 'westeurope' : regions[pick(regions.length)],
      subAccount: azure ? `sub-${s}` : accountOf(s),
      resourceId: azure
        ? `/subscriptions/sub-${s}/resourceGroups/rg-${app}/providers/Microsoft.Compute/virtualMachines/vm-${app}`
        : `i-${(0x10000000 + c).toString(16)}`,
      tags,
      base: 5_000_000 + pick(195_000_000),
      discount: 0.7 + rand() * 0.3,
      weekly: true,
      targets: [
        inferred
          ? {
              ref,
              method: 'inference',
              confidence: 0.82,
              evidence: evidence(
                ref,
                'inference',
                'metadata.name',
                `name~${app}`,
                { 'tag:name': `${app}-api` },
                0.82,
              ),
            }
          : {
              ref,
              method: 'tags',
              confidence: 1,
              evidence: evidence(
                ref,
                'tags',
                'costwise.dev/tags',
                `application=${app}`,
                { 'tag:application': app },
              ),
            },
      ],
    });
    if (rand() < 0.5) {
      const shared = rand() < 0.1;
      const sharers = shared
        ? [c, c + 1, c + 2].filter(i => catalog.systemOf[i] === s)
        : [c];
      const resourceId = `arn:aws:rds:us-east-1:${accountOf(s)}:db:${
        shared ? `shared-${c}` : `${app}-main`
      }`;
      add({
        provider: 'AWS',
        currency: 'USD',
        service: 'Amazon Relational Database Service',
        category: 'Databases',
        region: 'us-east-1',
        subAccount: accountOf(s),
        resourceId,
        tags: { 'cost-center': `cc-${s % 50}` },
        base: 1_000_000 + pick(79_000_000),
        discount: 0.8 + rand() * 0.2,
        weekly: false,
        targets: sharers.map(i => {
          const target = catalog.components[i];
          const direct = evidence(
            target,
            'resource-id',
            'costwise.dev/resource-ids',
            `arn:aws:rds:us-east-1:${accountOf(s)}:db:svc-${i}-*`,
            { ResourceId: resourceId },
          );
          return shared
            ? {
                ref: target,
                method: 'shared' as const,
                confidence: 1,
                evidence: {
                  ...evidence(target, 'shared', 'spec.dependsOn', 'even', {
                    ResourceId: resourceId,
                  }),
                  source: direct,
                },
              }
            : {
                ref: target,
                method: 'resource-id' as const,
                confidence: 1,
                evidence: direct,
              };
        }),
      });
    }
    if (rand() < 0.1) {
      add({
        provider: 'OpenAI',
        currency: 'USD',
        service: 'OpenAI API',
        category: 'AI and Machine Learning',
        subAccount: `proj_svc_${c}`,
        tags: {},
        base: 500_000 + pick(49_500_000),
        discount: 1,
        weekly: true,
        targets: [
          {
            ref,
            method: 'llm',
            confidence: 1,
            evidence: evidence(
              ref,
              'llm',
              'costwise.dev/llm',
              `openai:proj_svc_${c}`,
              { SubAccountId: `proj_svc_${c}` },
            ),
          },
        ],
      });
    }
  });
  catalog.systems.forEach((ref, s) =>
    add({
      provider: 'AWS',
      currency: 'USD',
      service: 'Amazon CloudWatch',
      category: 'Management and Governance',
      region: 'us-east-1',
      subAccount: accountOf(s),
      tags: {},
      base: 2_000_000 + pick(28_000_000),
      discount: 1,
      weekly: false,
      targets: [
        {
          ref,
          method: 'accounts',
          confidence: 1,
          evidence: evidence(
            ref,
            'accounts',
            'costwise.dev/accounts',
            accountOf(s),
            { SubAccountId: accountOf(s) },
          ),
        },
      ],
    }),
  );
  const unattributed = Math.round(out.length / 20);
  for (let u = 0; u < unattributed; u++) {
    add({
      provider: 'AWS',
      currency: 'USD',
      service: 'Amazon Simple Storage Service',
      category: 'Storage',
      region: regions[pick(regions.length)],
      subAccount: accountOf(pick(catalog.systems.length)),
      resourceId: `arn:aws:s3:::orphan-bucket-${u}`,
      tags: {},
      base: 100_000 + pick(19_900_000),
      discount: 1,
      weekly: false,
      targets: [],
    });
  }
  return out;
}
