/**
 * The `costwise` command line: validate, ingest, attribute and report cloud
 * and AI costs from a terminal or a CI job, with the backend's own code.
 *
 * @packageDocumentation
 */
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch(error => {
    process.stderr.write(
      `costwise: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = process.exitCode || 2;
  });
