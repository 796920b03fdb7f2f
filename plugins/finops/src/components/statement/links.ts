import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { CostMeasure } from '@costwise/plugin-finops-common';
import { DateTime } from 'luxon';
import { rootRouteRef } from '../../routes';

/**
 * The path of the FinOps page, or undefined in an app that does not mount
 * it (the statement page lives under it, so there is nothing to open then).
 */
export function useFinopsRootPath(): string | undefined {
  try {
    // useRouteRef throws after its own hooks have run, so the order of
    // hooks stays the same from one render to the next
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

/** The printable statement's path under the FinOps page. */
export function statementPagePath(
  root: string,
  entityRef: string,
  query: { month: string; measure?: CostMeasure; print?: boolean },
): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const params = new URLSearchParams({ month: query.month });
  if (query.measure) params.set('measure', query.measure);
  if (query.print) params.set('print', '1');
  const parts = [kind.toLowerCase(), namespace, name].map(encodeURIComponent);
  return `${root.replace(/\/$/, '')}/statement/${parts.join('/')}?${params}`;
}

/**
 * The month a statement opens on: the month of the last day with data (the
 * latest whole month, or the current one to date), this month without data.
 */
export function defaultStatementMonth(asOf: string | null | undefined) {
  const day = asOf ? DateTime.fromISO(asOf) : undefined;
  return (day?.isValid ? day : DateTime.now()).toFormat('yyyy-MM');
}
