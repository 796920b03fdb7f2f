/**
 * The bottom layer of the engine: the types every other folder shares
 * (fact groups, daily facts, store interfaces, attribution inputs), dates,
 * the exact running sum, the clock and the logger. It imports nothing of
 * the engine above it.
 */
export * from './attribution';
export * from './clock';
export * from './costStore';
export {
  addDays,
  daysBetween,
  eachDay,
  eachMonth,
  isPartialMonth,
  monthEnd,
  monthStart,
  previousMonthStart,
} from './dates';
export { addToSum, ExactSum } from './exactSum';
export type { ParsedDecimal } from './exactSum';
export * from './facts';
export * from './locks';
export * from './logger';
