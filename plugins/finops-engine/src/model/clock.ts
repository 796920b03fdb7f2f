/**
 * Where the engine reads the time. Services take one so that tests can set
 * the date instead of waiting on it.
 *
 * @public
 */
export interface Clock {
  /** The current time. */
  now(): Date;
}

/**
 * The system clock.
 *
 * @public
 */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still at `at` until moved; for tests.
 *
 * @public
 */
export class FixedClock implements Clock {
  private time: number;

  constructor(at: string | Date) {
    this.time = new Date(at).getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  /** Moves the clock on by `ms` milliseconds. */
  advance(ms: number): void {
    this.time += ms;
  }

  /** Sets the clock to `at`. */
  set(at: string | Date): void {
    this.time = new Date(at).getTime();
  }
}

/**
 * Today's date (UTC) on `clock`, as `YYYY-MM-DD`.
 *
 * @public
 */
export function todayOf(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}
