import { monthEnd } from '../../model';

/**
 * A month or entity a statement cannot be made for: the message says what
 * to give instead.
 *
 * @public
 */
export class ShowbackInputError extends Error {
  name = 'ShowbackInputError';
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Whether the text is a month `YYYY-MM` (`2026-13` is not).
 *
 * @public
 */
export function isMonth(text: string): boolean {
  return typeof text === 'string' && MONTH.test(text);
}

/**
 * The first and last day of a month `YYYY-MM`; a {@link ShowbackInputError}
 * when the text is not a month.
 *
 * @public
 */
export function monthRange(month: string): { from: string; to: string } {
  if (!isMonth(month))
    throw new ShowbackInputError(
      `'${month}' is not a month: give it as YYYY-MM with a month from 01 to 12, e.g. 2026-11`,
    );
  const from = `${month}-01`;
  return { from, to: monthEnd(from) };
}
