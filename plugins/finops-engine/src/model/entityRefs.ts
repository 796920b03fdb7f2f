import { DEFAULT_NAMESPACE, parseEntityRef } from '@backstage/catalog-model';

/**
 * `kind:namespace/name` in lower case, or undefined when the ref is unusable.
 *
 * @public
 */
export function normalizeEntityRef(
  ref: string,
  defaultKind: string | undefined,
  defaultNamespace: string = DEFAULT_NAMESPACE,
): string | undefined {
  if (typeof ref !== 'string' || !ref.trim()) return undefined;
  try {
    const { kind, namespace, name } = parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace,
    });
    return `${kind}:${namespace}/${name}`.toLowerCase();
  } catch {
    return undefined;
  }
}
