import type { AnnotationWarning } from '@costwise/plugin-finops-common';

/** Warnings from several responses, each listed once. */
export function uniqueWarnings(
  ...lists: AnnotationWarning[][]
): AnnotationWarning[] {
  const seen = new Map<string, AnnotationWarning>();
  for (const w of lists.flat()) {
    seen.set(`${w.entity}\u0000${w.annotation}\u0000${w.message}`, w);
  }
  return [...seen.values()];
}
