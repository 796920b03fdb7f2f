import { createHash } from 'crypto';

// What the demo's recommendation files share: the resources they are for, deterministic ids and CSV text.

/**
 * The demo's resources that recommendations are written for.
 *
 * @public
 */
export interface DemoRecommendationResources {
  /** AWS resource ids (ARNs) as they are in the cost data. */
  aws: string[];
  /** Azure resource ids as they are in the cost data. */
  azure: string[];
  /** Google Cloud resource names as they are in the cost data. */
  gcp: string[];
  awsAccount: string;
  azureSubscription: string;
  gcpProject: string;
}

/** @public */
export interface DemoRecommendationOptions {
  /** When the sources last refreshed the recommendations (ISO 8601); left out when not given. */
  refreshedAt?: string;
}

/** A deterministic hex digest of the text, for ids. */
export function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A deterministic UUID-shaped id of the text. */
export function uuidOf(text: string): string {
  const h = digest(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(
    17,
    20,
  )}-${h.slice(20, 32)}`;
}

/** `count` distinct entries of the list from `start`, wrapping around. */
export function pick(list: string[], start: number, count: number): string[] {
  const n = Math.min(count, list.length);
  return Array.from({ length: n }, (_, i) => list[(start + i) % list.length]);
}

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csv(
  header: string[],
  rows: Array<Record<string, string>>,
): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows)
    lines.push(header.map(h => csvCell(row[h] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

export const lastSegment = (id: string) => id.split(/[/:]/).pop() ?? id;
