/**
 * Normalization shared by the annotation parsers and the matchers, so that
 * both sides of every comparison are spelled the same way.
 */
import type { AttributionGroup } from '../model/attribution';
import { normalizeEntityRef } from '../model/entityRefs';

/** Tag keys and values are compared trimmed and case-insensitively. */
export function normalizeTagText(text: string): string {
  return text.trim().toLowerCase();
}

/** Maps a normalized tag key to its canonical key (`env` → `environment`). */
export type KeyAliases = ReadonlyMap<string, string>;

export function keyAliases(config: Record<string, string> = {}): KeyAliases {
  const aliases = new Map<string, string>();
  for (const [alias, canonical] of Object.entries(config)) {
    aliases.set(normalizeTagText(alias), normalizeTagText(canonical));
  }
  return aliases;
}

export function canonicalTagKey(key: string, aliases: KeyAliases): string {
  const normalized = normalizeTagText(key);
  return aliases.get(normalized) ?? normalized;
}

/**
 * A fact's tags with keys and values normalized. Both the key as written and
 * its alias target are present, so that a selector on either finds it; a key
 * written explicitly wins over one that only arrives through an alias, and
 * of keys differing only in case or spaces the first wins (as in the store).
 */
export function normalizeTags(
  tags: Record<string, string>,
  aliases: KeyAliases,
): Map<string, string> {
  const out = new Map<string, string>();
  const entries = Object.entries(tags);
  for (const [key, value] of entries) {
    const k = normalizeTagText(key);
    if (!out.has(k)) out.set(k, normalizeTagText(String(value)));
  }
  for (const [key, value] of entries) {
    const target = aliases.get(normalizeTagText(key));
    if (target && !out.has(target)) {
      out.set(target, normalizeTagText(String(value)));
    }
  }
  return out;
}

const LOWER_UPPER = /([a-z0-9])([A-Z])/g;
const ACRONYM_WORD = /([A-Z]+)([A-Z][a-z])/g;

/**
 * Splits a name into lower-case tokens at separators and camelCase
 * boundaries: `BrightLensMatrix`, `bright_lens.matrix` and
 * `Bright Lens Matrix` all give `bright`, `lens`, `matrix`.
 */
export function nameTokens(text: string): string[] {
  return text
    .replace(ACRONYM_WORD, '$1 $2')
    .replace(LOWER_UPPER, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The normalized form of a name: its tokens joined by `-`. */
export function normalizeName(text: string): string {
  return nameTokens(text).join('-');
}

/** The last non-empty segment of an id such as an ARN or an Azure resource id. */
export function lastSegment(id: string): string | undefined {
  let end = id.length;
  // skip trailing separators, then cut at the one before the segment
  while (end > 0 && (id[end - 1] === '/' || id[end - 1] === ':')) end--;
  let start = end;
  while (start > 0 && id[start - 1] !== '/' && id[start - 1] !== ':') start--;
  return end > start ? id.slice(start, end) : undefined;
}

/** Names of cloud providers reduced to letters and digits (`Google Cloud` → `googlecloud`). */
export function compactName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** One of a fact group's account ids, with the field it comes from. */
export interface AccountId {
  field: 'subAccountId' | 'billingAccountId';
  id: string;
}

/**
 * A fact group's account ids, in the order they are matched: its sub-account
 * id, the last segment of a sub-account id containing `/` (an Azure
 * subscription path also matches its bare subscription id), and its billing
 * account id. Empty ids are left out.
 */
export function accountIdsOf(
  group: Pick<AttributionGroup, 'subAccountId' | 'billingAccountId'>,
): AccountId[] {
  const ids: Array<[AccountId['field'], string | undefined]> = [
    ['subAccountId', group.subAccountId],
    [
      'subAccountId',
      group.subAccountId?.includes('/')
        ? lastSegment(group.subAccountId)
        : undefined,
    ],
    ['billingAccountId', group.billingAccountId],
  ];
  const out: AccountId[] = [];
  for (const [field, id] of ids) if (id) out.push({ field, id });
  return out;
}

/**
 * `finops.attribution.accountOwners` normalized, in its order: each account
 * id trimmed and in lower case with its owner as a group ref; an owner that
 * is no usable ref is left out.
 */
export function normalizeAccountOwners(
  accountOwners: Record<string, string>,
): Array<[account: string, owner: string]> {
  const out: Array<[string, string]> = [];
  for (const [account, owner] of Object.entries(accountOwners)) {
    const ref = normalizeEntityRef(owner, 'group');
    if (ref) out.push([account.trim().toLowerCase(), ref]);
  }
  return out;
}
