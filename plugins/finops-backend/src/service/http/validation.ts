import { z } from 'zod';
import { InputError } from '@backstage/errors';
import { COST_MEASURES } from '@costwise/plugin-finops-common';
import { addDays, isCalendarDay } from '@costwise/plugin-finops-engine';

/**
 * The part of zod a day is built with: the plugin's own zod for the routes,
 * or the copy the actions registry hands its schemas (the same zod 3 API
 * from another package), so that both refuse the same days alike.
 */
interface ZodStrings<S> {
  string(): {
    refine(check: (text: string) => boolean, params: { message: string }): S;
  };
}

/** A calendar date `YYYY-MM-DD` (`2026-02-30` is refused), on the given zod. */
export function dayOf<S>(zod: ZodStrings<S>): S {
  return zod
    .string()
    .refine(isCalendarDay, { message: 'must be a calendar date YYYY-MM-DD' });
}

/** A calendar date `YYYY-MM-DD` (`2026-02-30` is refused). */
export const daySchema = dayOf(z);

/**
 * A month `YYYY-MM` with a real month 01–12 (`2026-13` is refused);
 * required unless made `.optional()`.
 */
export const monthSchema = z
  .string({ required_error: 'is required (YYYY-MM)' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

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
  return orderedRange({ from, to });
}

/**
 * The range itself when its `from` is not after its `to` (either may be
 * absent); otherwise a 400 worded the same for every route.
 */
export function orderedRange<T extends { from?: string; to?: string }>(
  range: T,
): T {
  if (range.from && range.to && range.from > range.to)
    throw new InputError(
      `Invalid request: from (${range.from}) is after to (${range.to})`,
    );
  return range;
}
