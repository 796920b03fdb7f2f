import { Command } from 'commander';

/**
 * Runs a `costwise` command registered by `register` with `args`, as the
 * binary would, capturing stdout and stderr, the exit code and any exit().
 */
export async function runCommand(
  register: (program: Command) => void,
  args: string[],
): Promise<{
  out: string[];
  err: string;
  code: number | undefined;
  exited: string | undefined;
}> {
  const out: string[] = [];
  const err: string[] = [];
  const write = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(chunk => {
      out.push(String(chunk));
      return true;
    });
  const errors = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation(chunk => {
      err.push(String(chunk));
      return true;
    });
  const exit = jest.spyOn(process, 'exit').mockImplementation(((
    code: number,
  ) => {
    throw new Error(`exit ${code}`);
  }) as any);
  process.exitCode = undefined;
  let exited: string | undefined;
  try {
    const program = new Command().exitOverride();
    register(program);
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    exited = (error as Error).message;
  } finally {
    write.mockRestore();
    errors.mockRestore();
    exit.mockRestore();
  }
  const code = process.exitCode as number | undefined;
  process.exitCode = undefined;
  return { out, err: err.join(''), code, exited };
}
