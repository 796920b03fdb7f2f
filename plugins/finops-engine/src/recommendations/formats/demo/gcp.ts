import { digest, lastSegment, uuidOf } from './shared';

// Demo data: a Google Cloud Recommender JSON.

export function gcpRecommenderJson(
  resources: string[],
  project: string,
  refreshedAt: string | undefined,
): string {
  const recommendations = resources.map((resource, i) => {
    const instance =
      /\/instances\/[^/]+$/.test(resource) && /compute/.test(resource);
    const recommender = instance
      ? 'google.compute.instance.MachineTypeRecommender'
      : 'google.compute.instance.IdleResourceRecommender';
    const subtype = instance ? 'CHANGE_MACHINE_TYPE' : 'STOP_VM';
    const zone = /\/zones\/([^/]+)/.exec(resource)?.[1] ?? 'europe-west1-b';
    // Projections over 30 days and, for variety, over a week.
    const week = i % 2 === 1;
    const cost = week
      ? { currencyCode: 'USD', units: '-21', nanos: -450000000 }
      : { currencyCode: 'USD', units: '-97', nanos: -330000000 };
    return {
      name: `projects/${project}/locations/${zone}/recommenders/${recommender}/recommendations/${uuidOf(
        `gcp|${resource}`,
      )}`,
      description: instance
        ? `Save cost by changing machine type from e2-standard-8 to e2-standard-4.`
        : `Save cost by stopping idle resource '${lastSegment(resource)}'.`,
      ...(refreshedAt ? { lastRefreshTime: refreshedAt } : {}),
      primaryImpact: {
        category: 'COST',
        costProjection: { cost, duration: week ? '604800s' : '2592000s' },
      },
      content: {
        operationGroups: [
          {
            operations: instance
              ? [
                  {
                    action: 'test',
                    resourceType: 'compute.googleapis.com/Instance',
                    resource,
                    path: '/machineType',
                    value: `zones/${zone}/machineTypes/e2-standard-8`,
                  },
                  {
                    action: 'replace',
                    resourceType: 'compute.googleapis.com/Instance',
                    resource,
                    path: '/machineType',
                    value: `zones/${zone}/machineTypes/e2-standard-4`,
                  },
                ]
              : [
                  {
                    action: 'replace',
                    resource,
                    path: '/status',
                    value: 'TERMINATED',
                  },
                ],
          },
        ],
      },
      stateInfo: { state: 'ACTIVE' },
      etag: `"${digest(`etag|${resource}`, 16)}"`,
      recommenderSubtype: subtype,
      priority: 'P3',
    };
  });
  return `${JSON.stringify({ recommendations }, null, 2)}\n`;
}
