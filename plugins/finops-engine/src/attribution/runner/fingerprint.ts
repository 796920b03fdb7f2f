import { createHash } from 'crypto';
import type { Entity } from '@backstage/catalog-model';
import { entityRefOf } from '../relations';

/** The fields of an entity that attribution reads; a change in them can move cost. */
export function entityFingerprint(entity: Entity): string {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const relevant = {
    annotations: Object.fromEntries(
      Object.entries(entity.metadata.annotations ?? {}).filter(
        ([k]) =>
          k.startsWith('costwise.dev/') ||
          k.startsWith('backstage.io/kubernetes') ||
          k === 'aws.amazon.com/cost-insights-tags',
      ),
    ),
    title: entity.metadata.title,
    spec: {
      owner: spec.owner,
      system: spec.system,
      domain: spec.domain,
      dependsOn: spec.dependsOn,
      parent: spec.parent,
      children: spec.children,
    },
  };
  return createHash('sha1').update(JSON.stringify(relevant)).digest('hex');
}

/**
 * Raised when a run stores more than before, or matches otherwise (2:
 * shared-from, member team and system keys; 3: LLM API keys before projects).
 */
const RESULTS_FORMAT = 3;

/**
 * The fingerprint of the whole catalog as attribution sees it.
 *
 * @public
 */
export function catalogFingerprint(entities: Entity[]): string {
  const hash = createHash('sha1');
  // what a run stores: a store of an older format is attributed again
  hash.update(`results-format-${RESULTS_FORMAT}`);
  for (const line of entities
    .map(e => `${entityRefOf(e)}=${entityFingerprint(e)}`)
    .sort())
    hash.update(line);
  return hash.digest('hex');
}
