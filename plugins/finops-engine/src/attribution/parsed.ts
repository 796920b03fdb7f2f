/** What the annotation parsers share: their result, and how they read lists. */
import type { AnnotationWarning } from '@costwise/plugin-finops-common';

/**
 * A parsed annotation (with warnings about the parts of it that were left
 * out), or why it was ignored as a whole.
 */
export type Parsed<T> =
  | { value: T; warnings?: AnnotationWarning[] }
  | { warning: AnnotationWarning };

/** A parse that ignores the annotation as a whole, saying why. */
export function warn<T>(entity: string, annotation: string, message: string) {
  return { warning: { entity, annotation, message } } as Parsed<T>;
}

/** Splits a list on commas or newlines, trimming and dropping empty items. */
export function listItems(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map(s => s.trim())
    .filter(Boolean);
}
