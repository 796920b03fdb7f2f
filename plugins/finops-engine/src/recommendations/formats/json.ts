import { cell } from '../../ingestion/values';
import { RecommendationFileError } from './errors';
import { type RecommendationFile, textOf } from './files';

// JSON recommendation files: parsed with numbers kept as their text.

/** Keeps a JSON number as the text it was written with, so that amounts stay exact. */
function keepNumberText(
  _key: string,
  value: unknown,
  context?: { source?: string },
): unknown {
  return typeof value === 'number' ? context?.source ?? String(value) : value;
}

/**
 * Parses a JSON file with every number kept as its source text (never a
 * binary double). A syntax error is a `malformed` file error naming the
 * position, line and column.
 */
export function parseJsonFile(file: RecommendationFile): unknown {
  const text = textOf(file);
  try {
    return JSON.parse(
      text,
      keepNumberText as (k: string, v: unknown) => unknown,
    );
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    let where = '';
    if (!match) {
      where = ` at position ${text.length} (the end of the file)`;
    } else if (!/line \d+/.test(message)) {
      const { line, column } = lineAndColumn(text, Number(match[1]));
      where = ` (line ${line} column ${column})`;
    }
    throw new RecommendationFileError(
      file.path,
      'malformed',
      `${file.path}: malformed JSON: ${message}${where}`,
    );
  }
}

function lineAndColumn(
  text: string,
  position: number,
): { line: number; column: number } {
  const before = text.slice(0, position);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** A JSON object, or undefined for anything else. */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** A JSON value as trimmed text (numbers arrive as their source text); undefined when empty or not a scalar. */
export function textField(value: unknown): string | undefined {
  if (typeof value === 'string') return cell(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** The value at a path of keys, e.g. `['properties', 'shortDescription', 'problem']`. */
export function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    const object = asObject(current);
    if (!object) return undefined;
    current = object[key];
  }
  return current;
}

/**
 * The items of a list response: `{<listKey>: [...], <page token>?}` or a
 * bare array. An object without the list (an empty page, as protobuf JSON
 * omits empty lists) has none; anything else is a `malformed` file error.
 */
export function jsonItems(
  file: RecommendationFile,
  document: unknown,
  listKey: string,
  pageKey: string,
): unknown[] {
  if (Array.isArray(document)) return document;
  const object = asObject(document);
  if (object) {
    const list = object[listKey];
    if (Array.isArray(list)) return list;
    if (list === undefined && Object.keys(object).every(key => key === pageKey))
      return [];
  }
  throw new RecommendationFileError(
    file.path,
    'malformed',
    `${file.path}: expected a JSON object with a "${listKey}" array (or a bare array of recommendations)`,
  );
}
