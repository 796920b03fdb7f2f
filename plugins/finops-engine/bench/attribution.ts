/*
 * Attribution benchmark: `node scripts/run.js bench attribution [--entities 10000] [--groups 1000000]`.
 *
 * Builds a synthetic catalog (groups, domains, systems, components and
 * resources using every kind of cost-mapping annotation, shared resources and
 * pairs of components that tie) and fact groups with exact amounts in memory,
 * then times `attribute` and prints the peak RSS.
 */
import type { Entity } from '@backstage/catalog-model';
import { Decimal } from '@costwise/plugin-finops-common';
import { attribute, toAttributionReport } from '../src';
import type { JsonObject } from '@backstage/types';
import type { AttributionGroup } from '../src';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** A fast deterministic PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(42);
const pick = (n: number) => Math.floor(rand() * n);

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string>,
  spec: JsonObject,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, annotations },
    spec,
  };
}

const acct = (i: number) => String(100000000000 + i);

function catalog(count: number): Entity[] {
  const teams = Math.max(10, Math.round(count / 50));
  const systems = Math.max(10, Math.round(count / 20));
  const resources = Math.round(count / 5);
  const out: Entity[] = [entity('Group', 'org', {}, { type: 'organization' })];
  for (let d = 0; d < 20; d++) {
    out.push(
      entity('Group', `dept-${d}`, {}, { type: 'department', parent: 'org' }),
    );
    out.push(entity('Domain', `domain-${d}`, {}, { owner: `dept-${d}` }));
  }
  for (let t = 0; t < teams; t++)
    out.push(
      entity(
        'Group',
        `team-${t}`,
        {},
        { type: 'team', parent: `dept-${t % 20}` },
      ),
    );
  for (let s = 0; s < systems; s++) {
    const annotations: Record<string, string> =
      s % 10 === 0
        ? { 'costwise.dev/accounts': `${acct(s)}, acct-${s}-*` }
        : {};
    out.push(
      entity('System', `system-${s}`, annotations, {
        owner: `team-${s % teams}`,
        domain: `domain-${s % 20}`,
      }),
    );
  }
  for (let r = 0; r < resources; r++) {
    const annotations: Record<string, string> = {
      'costwise.dev/resource-ids':
        r % 2 === 0
          ? `arn:aws:rds:us-east-1:${acct(r % 500)}:db:res-${r}`
          : `arn:aws:rds:us-east-1:${acct(r % 500)}:db:res-${r}-*`,
    };
    if (r % 10 === 0)
      annotations['costwise.dev/shared-cost'] = ['even', 'proportional'][
        r % 20 === 0 ? 0 : 1
      ];
    out.push(
      entity('Resource', `res-${r}`, annotations, {
        owner: `team-${r % teams}`,
        system: `system-${r % systems}`,
      }),
    );
  }
  const components = count - out.length;
  for (let c = 0; c < components; c++) {
    const annotations: Record<string, string> = {
      'github.com/project-slug': `acme/Repo${c}Service`,
    };
    const kind = c % 10;
    if (kind < 6)
      annotations[
        'costwise.dev/tags'
      ] = `application=svc-${c},environment=prod; application=svc-${c}-worker`;
    else if (kind < 8) {
      annotations['backstage.io/kubernetes-id'] = `svc-${c}`;
      annotations['backstage.io/kubernetes-namespace'] = `ns-${c % 300}`;
    } else if (kind === 8) annotations['costwise.dev/llm'] = `openai:proj_${c}`;
    // every pair of these shares a selector: a true tie
    else
      annotations['costwise.dev/tags'] = `application=pair-${Math.floor(
        c / 20,
      )}`;
    const dependsOn =
      c % 3 === 0 ? [`resource:res-${(c * 7) % resources}`] : [];
    out.push(
      entity('Component', `svc-${c}`, annotations, {
        owner: `team-${c % teams}`,
        system: `system-${c % systems}`,
        dependsOn,
      }),
    );
  }
  return out;
}

function groups(
  count: number,
  entityCount: number,
): { groups: AttributionGroup[]; amounts: Map<string, Decimal> } {
  const resources = Math.round(entityCount / 5);
  const systems = Math.max(10, Math.round(entityCount / 20));
  const components =
    entityCount -
    resources -
    systems -
    41 -
    Math.max(10, Math.round(entityCount / 50));
  const out: AttributionGroup[] = [];
  const amounts = new Map<string, Decimal>();
  for (let i = 0; i < count; i++) {
    const id = String(i);
    const c = pick(components);
    const r = pick(resources);
    const roll = rand();
    const g: AttributionGroup = {
      id,
      provider: 'AWS',
      billingAccountId: '999999999999',
      subAccountId: acct(pick(600)),
      serviceName: 'Amazon Elastic Compute Cloud',
      resourceId: `arn:aws:ec2:us-east-1:${acct(
        pick(600),
      )}:instance/i-${i.toString(16)}`,
      tags: { 'cost-center': `cc-${pick(50)}` },
    };
    if (roll < 0.3) {
      g.resourceId = `arn:aws:rds:us-east-1:${acct(r % 500)}:db:res-${r}${
        r % 2 === 0 ? '' : `-replica-${i}`
      }`;
    } else if (roll < 0.65) {
      g.tags = {
        ...g.tags,
        application: `svc-${c - (c % 10) + pick(6)}`,
        environment: rand() < 0.7 ? 'prod' : 'dev',
      };
    } else if (roll < 0.75) {
      const k = c - (c % 10) + 6;
      g.tags = {
        ...g.tags,
        kubernetes_namespace: `ns-${k % 300}`,
        'backstage.io/kubernetes-id': `svc-${k}`,
      };
    } else if (roll < 0.8) {
      Object.assign(g, {
        provider: 'OpenAI',
        serviceName: 'OpenAI API',
        subAccountId: `proj_${c - (c % 10) + 8}`,
        resourceId: undefined,
      });
    } else if (roll < 0.85) {
      g.subAccountId =
        rand() < 0.5 ? acct(pick(systems)) : `acct-${pick(systems)}-x`;
    } else if (roll < 0.88) {
      // exact on the repository name, or only similar (a suggestion)
      g.tags = {
        ...g.tags,
        name: rand() < 0.5 ? `Repo${c}Service` : `svc-${c}-canary`,
      };
    } else if (roll < 0.9) {
      g.tags = { ...g.tags, application: `pair-${Math.floor(c / 20)}` };
    }
    out.push(g);
    amounts.set(id, Decimal.fromUnits(BigInt(1 + pick(10_000_000_000)), 8));
  }
  return { groups: out, amounts };
}

function main() {
  const entityCount = arg('entities', 10_000);
  const groupCount = arg('groups', 1_000_000);
  console.log(
    `Building ${entityCount.toLocaleString(
      'en-US',
    )} entities and ${groupCount.toLocaleString('en-US')} fact groups ...`,
  );
  const entities = catalog(entityCount);
  const input = groups(groupCount, entityCount);
  const rssBefore = process.memoryUsage.rss();

  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = attribute({
    entities,
    groups: input.groups,
    amounts: input.amounts,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // other processes on the machine stretch wall time; CPU time shows the work itself
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const reportStarted = process.hrtime.bigint();
  const report = toAttributionReport(result, {
    measure: 'EffectiveCost',
    currency: 'USD',
  });
  const reportSeconds = Number(process.hrtime.bigint() - reportStarted) / 1e9;

  const direct = Decimal.sum(result.entities.map(e => e.direct));
  const conserved = direct.add(result.unattributedTotal).equals(result.total);
  const byMethod = new Map<string, number>();
  for (const ga of result.attributed) {
    const m = ga.allocations[0]?.method ?? 'none';
    byMethod.set(m, (byMethod.get(m) ?? 0) + 1);
  }
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log('');
  console.log(`Entities:          ${entities.length.toLocaleString('en-US')}`);
  console.log(
    `Fact groups:       ${groupCount.toLocaleString(
      'en-US',
    )} (${result.attributed.length.toLocaleString(
      'en-US',
    )} attributed, ${result.unattributed.length.toLocaleString(
      'en-US',
    )} unattributed)`,
  );
  console.log(
    `By first method:   ${[...byMethod]
      .map(([m, n]) => `${m} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
  );
  console.log(
    `Conflicts:         ${result.conflicts.length.toLocaleString(
      'en-US',
    )}; suggestions ${result.suggestions.length.toLocaleString(
      'en-US',
    )}; warnings ${result.warnings.length}`,
  );
  console.log(
    `Attribution:       ${seconds.toFixed(1)} s (${Math.round(
      groupCount / seconds,
    ).toLocaleString('en-US')} groups/s), ${cpuSeconds.toFixed(1)} s CPU`,
  );
  console.log(
    `Report summary:    ${reportSeconds.toFixed(1)} s, coverage ${(
      report.coverage * 100
    ).toFixed(1)}%`,
  );
  console.log(`RSS before run:    ${mib(rssBefore)} (input built)`);
  console.log(
    `Peak RSS:          ${mib(process.resourceUsage().maxRSS * 1024)}`,
  );
  console.log(
    `Conserved:         ${
      conserved ? 'yes, sum(direct) + unattributed = total exactly' : 'NO'
    }`,
  );
  if (!conserved) process.exitCode = 1;
}

main();
