import path from 'path';
import { Decimal } from '@costwise/plugin-finops-common';
import { addDays, EngineLogger } from '../model';
import {
  importRecommendationSource,
  RecommendationService,
  writeDemoRecommendationFiles,
} from '../recommendations';
import type { RecommendationStore } from '../stores';
import type { DemoChange } from './changes';

/** The services whose resources the demo recommends on first. */
const FEATURED = [
  'component:default/checkout-api',
  'resource:default/orders-db',
];

/** The demo user who acted on the demo's recommendations. */
const DEMO_ACTOR = 'user:default/guest';

/**
 * Gives the demo a recommendation history: one file of each provider format
 * about the demo's own resources (the rightsized instance first), imported
 * a month before the data's end as sources `demo-<format>`, and some
 * actioned since: the rightsized instance's recommendation implemented on
 * the day it was resized (the cost data verifies its saving), one dismissed,
 * one acknowledged, one deferred. Run after the demo cost is attributed;
 * running it again changes nothing (imports update in place, and a status
 * already set is left as it is).
 *
 * @public
 */
export async function seedDemoRecommendations(options: {
  service: RecommendationService;
  store: RecommendationStore;
  directory: string;
  /** The last day of the demo data. */
  end: string;
  changes: DemoChange[];
  /** The demo's resources and the entities they are generated for. */
  resources?: Array<{ resourceId: string; entity?: string; provider: string }>;
  logger?: EngineLogger;
}): Promise<{ files: string[]; imported: number }> {
  const { service, store, end, changes } = options;
  const costs = await store.resourceCosts({
    from: addDays(end, -29),
    to: end,
    measure: 'EffectiveCost',
  });
  const rightsized = changes.find(c => c.kind === 'rightsized');
  const of = (provider: string, count: number, first: string[] = []) => {
    const head = first
      .map(id => costs.find(c => c.resourceId === id))
      .filter((c): c is (typeof costs)[number] => c !== undefined);
    const ids = costs
      .filter(c => c.provider === provider && !first.includes(c.resourceId))
      .slice(0, count - head.length);
    return [...head, ...ids];
  };
  // the featured services' resources come first: their team sees them on
  // sign-in (from the demo's own plan, not from an attribution that may
  // not have seen the whole catalog yet)
  const billed = new Set(costs.map(c => c.resourceId));
  const featured = (options.resources ?? [])
    .filter(
      r =>
        r.provider === 'AWS' &&
        r.entity !== undefined &&
        FEATURED.includes(r.entity) &&
        billed.has(r.resourceId),
    )
    .map(r => r.resourceId)
    .sort(
      (a, b) =>
        costs.findIndex(c => c.resourceId === a) -
        costs.findIndex(c => c.resourceId === b),
    )
    .slice(0, 3);
  const aws = of('AWS', 8, [
    ...(rightsized ? [rightsized.resourceId] : []),
    ...featured,
  ]);
  const azure = of('Microsoft', 4);
  const gcp = of('Google Cloud', 4);
  const dir = path.join(options.directory, 'recommendations');
  const files = await writeDemoRecommendationFiles(
    dir,
    {
      aws: aws.map(c => c.resourceId),
      azure: azure.map(c => c.resourceId),
      gcp: gcp.map(c => c.resourceId),
      awsAccount: aws[0]?.subAccountId ?? '123456789012',
      azureSubscription: azure[0]?.subAccountId ?? '',
      gcpProject: gcp[0]?.subAccountId ?? '',
    },
    { refreshedAt: `${end}T06:00:00.000Z` },
  );
  // a month before the end: the sources reported them then
  const seen = `${addDays(end, -35)}T08:00:00.000Z`;
  let imported = 0;
  const ids: string[] = [];
  for (const file of files) {
    const id = `demo-${path.basename(file).replace(/\..*$/, '')}`;
    const run = await importRecommendationSource(
      service,
      { id, location: file },
      { at: seen },
    );
    imported += run.accepted;
    ids.push(...run.recommendations.map(r => r.id));
  }

  const all = (await service.list({ ids })).filter(r => r.ownerRef);
  const bySaving = [...all].sort(
    (a, b) =>
      Decimal.parse(b.estimatedMonthlySavings).compare(
        Decimal.parse(a.estimatedMonthlySavings),
      ) || a.id.localeCompare(b.id),
  );
  const act = async (
    id: string | undefined,
    change: Parameters<RecommendationService['changeStatus']>[1],
    at: string,
  ) => {
    if (!id) return;
    try {
      await service.changeStatus(id, change, DEMO_ACTOR, { at });
    } catch {
      // set on an earlier start: left as it is
    }
  };
  const onRightsized = rightsized
    ? all.find(r => r.resourceId === rightsized.resourceId)
    : undefined;
  if (onRightsized && rightsized) {
    await act(
      onRightsized.id,
      { status: 'acknowledged' },
      `${addDays(rightsized.day, -3)}T09:30:00.000Z`,
    );
    await act(
      onRightsized.id,
      {
        status: 'implemented',
        note: 'resized to half in the maintenance window',
      },
      `${rightsized.day}T07:00:00.000Z`,
    );
  }
  const others = bySaving.filter(r => r.id !== onRightsized?.id);
  await act(
    others[1]?.id,
    {
      status: 'dismissed',
      reason: 'accepted-risk',
      note: 'peak traffic needs the headroom',
    },
    `${addDays(end, -12)}T14:00:00.000Z`,
  );
  await act(
    others[2]?.id,
    { status: 'acknowledged' },
    `${addDays(end, -20)}T11:00:00.000Z`,
  );
  await act(
    others[3]?.id,
    {
      status: 'deferred',
      until: addDays(end, 21),
      note: 'after the end-of-year freeze',
    },
    `${addDays(end, -6)}T16:00:00.000Z`,
  );
  options.logger?.info(
    `Demo recommendations: ${imported} from ${files.length} files`,
  );
  return { files, imported };
}
