import { z } from 'zod';
import { InputError } from '@backstage/errors';
import { COST_MEASURES } from '@costwise/plugin-finops-common';
import { addDays, isCalendarDay } from '@costwise/plugin-finops-engine';

/** A calendar date `YYYY-MM-DD` (`2026-02-30` is refused). */
export const daySchema = z
  .string()
  .refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD' });

/** An optional cost measure. */
export const measureSchema = z.enum(COST_MEASURES).optional();

/** The optional `from` and `to` days of a range. */
export const rangeSchema = z.object({
  from: daySchema.optional(),
  to: daySchema.optional(),
});

/**
 * Parses a query or body with zod; a failure is a 400 naming each bad
 * parameter and what is wrong with it, in one format for every route.
 */
export function parseRequest<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(
      `Invalid request: ${parsed.error.issues
        .map(i => `${i.path.join('.') || 'request'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * A range's days with its defaults: `to` defaults to `defaultTo`, `from`
 * to `defaultDays` days ending on `to`. A `from` after `to` is a 400.
 */
export function dateRange(
  query: { from?: string; to?: string },
  defaults: { defaultTo: string; defaultDays: number },
): { from: string; to: string } {
  const to = query.to ?? defaults.defaultTo;
  const from = query.from ?? addDays(to, -(defaults.defaultDays - 1));
  if (from > to)
    throw new InputError(`Invalid request: from (${from}) is after to (${to})`);
  return { from, to };
}
