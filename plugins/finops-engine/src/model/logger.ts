import type { JsonObject } from '@backstage/types';

/**
 * What the engine logs through: Backstage's `LoggerService` in the backend,
 * a writer to standard error in the CLI.
 *
 * @public
 */
export interface EngineLogger {
  info(message: string, meta?: JsonObject): void;
  warn(message: string, meta?: JsonObject): void;
  error(message: string, meta?: JsonObject): void;
}

/**
 * A logger that drops everything.
 *
 * @public
 */
export const silentLogger: EngineLogger = {
  info() {},
  warn() {},
  error() {},
};
