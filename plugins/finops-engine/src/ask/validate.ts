import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ASK_DIMENSIONS,
  ASK_INTENTS,
  AskFilter,
  AskPeriod,
  AskQuery,
  COST_MEASURES,
} from '@costwise/plugin-finops-common';
import { normalizeEntityRef } from '../attribution';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(value: unknown, field: string): string {
  if (typeof value !== 'string' || !DAY.test(value))
    throw new InputError(
      `${field} must be a day YYYY-MM-DD, got '${String(value)}'`,
    );
  const parsed = new Date(`${value}T00:00:00Z`);
  if (
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== value
  )
    throw new InputError(`${field} is not a day of the calendar: '${value}'`);
  return value;
}

function period(value: unknown, field: string): AskPeriod | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object')
    throw new InputError(`${field} must be {from, to}`);
  const p = value as Record<string, unknown>;
  const from = validDay(p.from, `${field}.from`);
  const to = validDay(p.to, `${field}.to`);
  if (from > to)
    throw new InputError(`${field}: from (${from}) is after to (${to})`);
  return { from, to };
}

function text(value: unknown, field: string, max = 500): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw new InputError(`${field} must be text of at most ${max} characters`);
  return value.trim();
}

/**
 * An entity ref as the catalog writes it: `kind:namespace/name` (the
 * default namespace when left out), or an entity found by its exact name
 * or title. Unknown refs are a `NotFoundError`, as on the entity's page.
 */
export function resolveRef(
  value: string,
  entities: Map<string, Entity>,
): string {
  const trimmed = value.trim();
  const normalized = trimmed.includes(':')
    ? normalizeEntityRef(trimmed, undefined)
    : undefined;
  if (normalized && entities.has(normalized)) return normalized;
  const lower = trimmed.toLowerCase();
  const byName = [...entities.entries()].filter(
    ([, e]) =>
      e.metadata.name.toLowerCase() === lower ||
      e.metadata.title?.toLowerCase() === lower,
  );
  if (byName.length === 1) return byName[0][0];
  throw new NotFoundError(`No entity ${normalized ?? trimmed} in the catalog`);
}

/**
 * Checks a structured query from any source (a model's tool call, an
 * action's input) and normalizes its refs; a malformed one is an
 * `InputError` that names the field.
 *
 * @public
 */
export function validateQuery(
  input: unknown,
  entities: Map<string, Entity>,
): AskQuery {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new InputError('The query must be an object');
  const q = input as Record<string, unknown>;
  const intent = q.intent;
  if (
    typeof intent !== 'string' ||
    !(ASK_INTENTS as readonly string[]).includes(intent) ||
    intent === 'unsupported'
  )
    throw new InputError(
      `intent must be one of ${ASK_INTENTS.filter(
        i => i !== 'unsupported',
      ).join(', ')}, got '${String(intent)}'`,
    );
  const out: AskQuery = { intent: intent as AskQuery['intent'] };
  const ref = text(q.entityRef, 'entityRef', 600);
  if (ref) out.entityRef = resolveRef(ref, entities);
  if (q.compareWith !== undefined) {
    if (!Array.isArray(q.compareWith) || q.compareWith.length > 10)
      throw new InputError(
        'compareWith must be a list of at most 10 entity refs',
      );
    out.compareWith = q.compareWith.map((r, i) =>
      resolveRef(text(r, `compareWith[${i}]`, 600) ?? '', entities),
    );
  }
  const p = period(q.period, 'period');
  if (p) out.period = p;
  const b = period(q.baseline, 'baseline');
  if (b) out.baseline = b;
  if (q.day !== undefined && q.day !== null) out.day = validDay(q.day, 'day');
  if (q.spike !== undefined) out.spike = q.spike === true;
  if (q.by !== undefined && q.by !== null) {
    if (!(ASK_DIMENSIONS as readonly string[]).includes(String(q.by)))
      throw new InputError(
        `by must be one of ${ASK_DIMENSIONS.join(', ')}, got '${String(q.by)}'`,
      );
    out.by = q.by as AskQuery['by'];
  }
  const kind = text(q.kind, 'kind', 50);
  if (kind) out.kind = kind.toLowerCase();
  if (q.limit !== undefined && q.limit !== null) {
    const limit = Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new InputError(
        `limit must be a whole number from 1 to 50, got '${String(q.limit)}'`,
      );
    out.limit = limit;
  }
  if (q.measure !== undefined && q.measure !== null) {
    if (!(COST_MEASURES as readonly string[]).includes(String(q.measure)))
      throw new InputError(
        `measure must be one of ${COST_MEASURES.join(', ')}, got '${String(
          q.measure,
        )}'`,
      );
    out.measure = q.measure as AskQuery['measure'];
  }
  const currency = text(q.currency, 'currency', 3);
  if (currency) {
    if (!/^[A-Za-z]{3}$/.test(currency))
      throw new InputError(
        `currency must be an ISO 4217 code such as USD, got '${currency}'`,
      );
    out.currency = currency.toUpperCase();
  }
  if (q.filter !== undefined && q.filter !== null) {
    if (typeof q.filter !== 'object')
      throw new InputError('filter must be an object');
    const f = q.filter as Record<string, unknown>;
    const filter: AskFilter = {};
    for (const key of [
      'provider',
      'service',
      'account',
      'region',
      'model',
      'resource',
      'chargeCategory',
    ] as const) {
      const value = text(f[key], `filter.${key}`, 1000);
      if (value) filter[key] = value;
    }
    if (Object.keys(filter).length > 0) out.filter = filter;
  }
  const resource = text(q.resource, 'resource', 1000);
  if (resource) out.resource = resource;
  const unit = text(q.unit, 'unit', 100);
  if (unit) out.unit = unit.toLowerCase();
  if (out.intent === 'compare' && !out.compareWith?.length && !out.period)
    throw new InputError(
      'compare needs compareWith (entities) or period (and baseline)',
    );
  if (out.intent === 'compare' && out.compareWith?.length && !out.entityRef)
    throw new InputError('compare with compareWith needs entityRef');
  if (out.intent === 'unit-cost' && !out.entityRef)
    throw new InputError('unit-cost needs entityRef');
  if (out.intent === 'owner' && !out.resource && !out.entityRef)
    throw new InputError('owner needs resource or entityRef');
  return out;
}
