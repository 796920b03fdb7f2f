/**
 * JSON as {@link parseExactJson} returns it: every number is the text it was
 * written with.
 *
 * @public
 */
export type ExactJson =
  | string
  | boolean
  | null
  | ExactJson[]
  | { [key: string]: ExactJson };

type Reviver = (
  this: unknown,
  key: string,
  value: unknown,
  context?: { source?: string },
) => unknown;

/**
 * Parses JSON keeping every number as the text it was written with, so that
 * an amount such as `0.1234567890123456789` stays exact (`JSON.parse` alone
 * rounds it to the nearest double). Numbers come back as strings; a runtime
 * without the reviver's source text (Node.js before 21) gets the shortest
 * text of the double instead.
 *
 * @public
 */
export function parseExactJson(text: string): ExactJson {
  const reviver: Reviver = (_key, value, context) =>
    typeof value === 'number' ? context?.source ?? String(value) : value;
  return JSON.parse(text, reviver as Parameters<typeof JSON.parse>[1]);
}

/**
 * Whether a value is a JSON object (not an array, not null).
 *
 * @public
 */
export function isJsonObject(
  value: unknown,
): value is { [key: string]: ExactJson } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
