import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { NO_SYSTEM } from './grouping';

/**
 * A ref as people read it: `checkout-api` for a component of the default
 * namespace, `resource:shared-db` otherwise; the names the backend gives
 * owners and systems that are none (`(no owner)`) as they are.
 */
export function displayRef(ref: string, defaultKind = 'component'): string {
  if (ref === NO_SYSTEM) return 'Not in any system';
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}
